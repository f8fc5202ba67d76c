// set-not-null: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, unless
// a validated CHECK (col IS NOT NULL) already proves the column has no NULLs.
//
// The context knows such checks from earlier migrations and earlier statements
// (TableState::not_null_checks): with one, the statement is the last step of the
// safe recipe and the rule stays quiet; without one, it is an error.
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
        Severity::kError,
        "ALTER COLUMN ... SET NOT NULL on an existing table without a validated "
        "CHECK (col IS NOT NULL).",
        "SET NOT NULL holds an ACCESS EXCLUSIVE lock while it scans every row for NULLs: every "
        "query on the table, reads included, waits for the whole scan. PostgreSQL 12+ skips "
        "the scan when a validated CHECK constraint already proves the column has no NULLs; "
        "strata stays quiet when it knows one from this or earlier migrations (added without "
        "NOT VALID, or validated since, and not dropped).",
        "On PostgreSQL 12+: ADD CONSTRAINT <name> CHECK (<col> IS NOT NULL) NOT VALID; in a "
        "later transaction VALIDATE CONSTRAINT <name> (SHARE UPDATE EXCLUSIVE, reads and writes "
        "go on); then SET NOT NULL, which uses the validated check and skips the scan; then "
        "DROP CONSTRAINT <name>. If the check exists but strata cannot see it (made outside "
        "the migrations), mark the SET NOT NULL with -- strata:lint-ignore set-not-null and "
        "the name of the validated check.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    const TableState* table = ctx.Table(s.table);
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kSetNotNull)) {
      const AlterCmd& a = *ap;
      if (table != nullptr && table->ProvenNotNull(ToLower(a.column))) continue;
      emit(a.offset, "sets " + s.table.Display() + "." + a.column +
                         " NOT NULL: every row is scanned under ACCESS EXCLUSIVE, as no "
                         "validated CHECK (" +
                         a.column + " IS NOT NULL) is known");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSetNotNull() { return std::make_unique<SetNotNull>(); }

}  // namespace strata::sql::lint
