// set-not-null: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE.
//
// A warning, not an error: the rule cannot see whether a validated
// CHECK (col IS NOT NULL) already exists, and when it does, PostgreSQL 12+
// skips the scan. That is step three of the safe recipe, which an error would
// push people to suppress.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class SetNotNull final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "set-not-null",
        Category::kLocking,
        Severity::kWarning,
        "ALTER COLUMN ... SET NOT NULL on an existing table.",
        "SET NOT NULL holds an ACCESS EXCLUSIVE lock while it scans every row for NULLs: every "
        "query on the table, reads included, waits for the whole scan.",
        "On PostgreSQL 12+: ADD CONSTRAINT <name> CHECK (<col> IS NOT NULL) NOT VALID; in a "
        "later transaction VALIDATE CONSTRAINT <name> (SHARE UPDATE EXCLUSIVE, reads and writes "
        "go on); then SET NOT NULL, which uses the validated check and skips the scan; then "
        "DROP CONSTRAINT <name>. Mark that SET NOT NULL with -- strata:lint-ignore set-not-null "
        "and the name of the validated check.",
        true,
        false};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kSetNotNull)) {
      const AlterCmd& a = *ap;
      emit(a.offset, "sets " + s.table.Display() + "." + a.column +
                         " NOT NULL: every row is scanned under ACCESS EXCLUSIVE unless a "
                         "validated CHECK (" +
                         a.column + " IS NOT NULL) exists");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSetNotNull() { return std::make_unique<SetNotNull>(); }

}  // namespace strata::sql::lint
