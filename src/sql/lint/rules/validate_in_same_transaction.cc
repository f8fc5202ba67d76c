// validate-in-same-transaction: ADD CONSTRAINT ... NOT VALID and VALIDATE
// CONSTRAINT of the same constraint in one transaction.
//
// NOT VALID exists to split the check from the ACCESS EXCLUSIVE lock of the ADD:
// the ADD's lock is held until its transaction ends, so a VALIDATE before that
// scans the table under it all the same.
#include "sql/lint/locks.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class ValidateInSameTransaction final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "validate-in-same-transaction",
        Category::kLocking,
        Severity::kError,
        "VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT ... NOT VALID it "
        "validates.",
        "Locks are released at commit, not at the end of a statement: the lock ADD CONSTRAINT "
        "took (ACCESS EXCLUSIVE for a CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign "
        "key) is still held when VALIDATE CONSTRAINT scans the table, so queries wait for the "
        "whole scan (all of them, or every write for a foreign key), exactly as if the "
        "constraint had been added without NOT VALID. The migration looks safe and is not.",
        "Commit between the two: VALIDATE CONSTRAINT in a later migration, or in a "
        "-- strata:no-transaction migration where each statement commits on its own (no "
        "BEGIN ... COMMIT around both).",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kAlterTable || ctx.CreatedHere(s.table)) return;
    for (size_t i = 0; i < s.alters.size(); ++i) {
      const AlterCmd& a = s.alters[i];
      if (a.kind != AlterKind::kValidateConstraint) continue;
      // Added earlier in this migration, in the same transaction, or earlier in
      // this very ALTER TABLE.
      std::string held;  // the ADD's lock, when it is still held
      if (const NotValidConstraint* added = ctx.AddedNotValid(s.table, a.name);
          added != nullptr && added->transaction == ctx.transaction()) {
        held = added->lock_mode;
      }
      for (size_t j = 0; j < i && held.empty(); ++j) {
        const AlterCmd& b = s.alters[j];
        if (b.kind == AlterKind::kAddConstraint && b.constraint.not_valid &&
            EqualsIgnoreCase(b.constraint.name, a.name)) {
          held = LockOf(s).mode;
        }
      }
      if (held.empty()) continue;
      emit(a.offset, "validates " + a.name + " of " + s.table.Display() +
                         " in the transaction that added it NOT VALID: the scan runs under the "
                         "ADD's " +
                         held + " lock, held until commit");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeValidateInSameTransaction() {
  return std::make_unique<ValidateInSameTransaction>();
}

}  // namespace strata::sql::lint
