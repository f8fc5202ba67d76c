// check-not-valid: adding a validated CHECK constraint scans the table under
// ACCESS EXCLUSIVE.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class CheckNotValid final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "check-not-valid",
        Category::kLocking,
        Severity::kError,
        "ADD CONSTRAINT ... CHECK without NOT VALID on an existing table.",
        "ALTER TABLE ... ADD CHECK holds an ACCESS EXCLUSIVE lock while it scans every row to "
        "check the condition: every query on the table, reads included, waits for the whole "
        "scan.",
        "Add the constraint with NOT VALID (a brief lock, no scan: only new and updated rows are "
        "checked), then run ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction, i.e. "
        "a later migration or a -- strata:no-transaction one. VALIDATE takes SHARE UPDATE "
        "EXCLUSIVE, so reads and writes go on while it scans.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kAddConstraint)) {
      const AlterCmd& a = *ap;
      if (a.constraint.kind != ConstraintKind::kCheck || a.constraint.not_valid) {
        continue;
      }
      const std::string name = a.constraint.name.empty() ? "a CHECK constraint"
                                                         : "CHECK constraint " + a.constraint.name;
      emit(a.offset, "adds " + name + " to " + s.table.Display() +
                         " without NOT VALID: every row is checked under ACCESS EXCLUSIVE");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCheckNotValid() { return std::make_unique<CheckNotValid>(); }

}  // namespace strata::sql::lint
