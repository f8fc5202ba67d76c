// add-unique-constraint: ADD UNIQUE / PRIMARY KEY builds its index under
// ACCESS EXCLUSIVE.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class AddUniqueConstraint final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "add-unique-constraint",
        Category::kLocking,
        Severity::kError,
        "ADD UNIQUE or PRIMARY KEY without USING INDEX on an existing table.",
        "ALTER TABLE ... ADD UNIQUE / PRIMARY KEY builds the constraint's index while holding "
        "an ACCESS EXCLUSIVE lock: every query on the table, reads included, waits for the "
        "whole build.",
        "Build the index first with CREATE UNIQUE INDEX CONCURRENTLY in a migration marked -- "
        "strata:no-transaction, then attach it with ALTER TABLE ... ADD CONSTRAINT <name> "
        "UNIQUE USING INDEX <index> (or PRIMARY KEY USING INDEX), which only takes the lock "
        "briefly. For a primary key, make its columns NOT NULL first (see set-not-null), or the "
        "ADD scans the table for NULLs.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kAlterTable || ctx.CreatedHere(s.table)) return;
    for (const AlterCmd& a : s.alters) {
      if (a.kind == AlterKind::kAddConstraint && a.constraint.using_index.empty() &&
          (a.constraint.kind == ConstraintKind::kUnique ||
           a.constraint.kind == ConstraintKind::kPrimaryKey)) {
        const char* what =
            a.constraint.kind == ConstraintKind::kUnique ? "a UNIQUE constraint" : "a PRIMARY KEY";
        emit(a.offset, std::string("adds ") + what + " to " + s.table.Display() +
                           ", building its index under ACCESS EXCLUSIVE; build it with CREATE "
                           "UNIQUE INDEX CONCURRENTLY and add the constraint USING INDEX");
      }
      if (a.kind == AlterKind::kAddColumn && (a.column_def.unique || a.column_def.primary_key)) {
        const char* what = a.column_def.primary_key ? "PRIMARY KEY" : "UNIQUE";
        emit(a.offset, "adds column " + a.column_def.name + " " + what + " to " +
                           s.table.Display() +
                           ", building its index under ACCESS EXCLUSIVE; add the column, then "
                           "CREATE UNIQUE INDEX CONCURRENTLY and add the constraint USING INDEX");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAddUniqueConstraint() { return std::make_unique<AddUniqueConstraint>(); }

}  // namespace strata::sql::lint
