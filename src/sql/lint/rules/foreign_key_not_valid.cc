// foreign-key-not-valid: adding a validated foreign key scans the table while
// writes to it and to the referenced table wait.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class ForeignKeyNotValid final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "foreign-key-not-valid",
        Category::kLocking,
        Severity::kError,
        "ADD FOREIGN KEY without NOT VALID on an existing table.",
        "Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on the table and on the table it "
        "references, and holds both while it scans every row to check it: INSERT, UPDATE and "
        "DELETE on both tables wait for the whole scan.",
        "Add the constraint with NOT VALID (a brief lock, no scan: only new rows are checked), "
        "then run ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction, i.e. a later "
        "migration or a -- strata:no-transaction one. VALIDATE takes SHARE UPDATE EXCLUSIVE, so "
        "reads and writes go on while it scans; in the same transaction as the ADD it would run "
        "under the ADD's lock.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kAlterTable || ctx.CreatedHere(s.table)) return;
    for (const AlterCmd& a : s.alters) {
      if (a.kind == AlterKind::kAddConstraint && a.constraint.kind == ConstraintKind::kForeignKey &&
          !a.constraint.not_valid) {
        emit(a.offset, Message(s.table, a.constraint));
      }
      // ADD COLUMN ... REFERENCES: PostgreSQL skips the check when the new column is
      // all NULL (no DEFAULT), and scans when a DEFAULT fills it. Column constraints
      // cannot be NOT VALID, so the column needs its constraint in a second step.
      if (a.kind == AlterKind::kAddColumn && a.column_def.default_kind != DefaultKind::kNone) {
        for (const Constraint& fk : a.column_def.references) {
          emit(fk.offset ? fk.offset : a.offset,
               Message(s.table, fk) + "; the new column's DEFAULT makes it check every row");
        }
      }
    }
  }

 private:
  static std::string Message(const QualifiedName& table, const Constraint& fk) {
    const std::string name = fk.name.empty() ? "a foreign key" : "foreign key " + fk.name;
    return "adds " + name + " from " + table.Display() + " to " + fk.ref_table.Display() +
           " without NOT VALID: writes to both tables wait while every row of " + table.Display() +
           " is checked";
  }
};

}  // namespace

std::unique_ptr<Rule> MakeForeignKeyNotValid() { return std::make_unique<ForeignKeyNotValid>(); }

}  // namespace strata::sql::lint
