// transaction-control: transaction control that strata cannot run as written.
// Files that bring their own BEGIN ... COMMIT are run as written (one block
// around the whole file is the migration's transaction; several blocks each
// commit with their progress), so what is left is what cannot work: the
// refusals of sql/transaction_mode.h, which the linter puts in the options.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class TransactionControl final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "transaction-control",
        Category::kTransactions,
        Severity::kError,
        "Transaction control that strata refuses to run as written.",
        "strata runs a file's own BEGIN ... COMMIT blocks as written and records its progress "
        "after each, but some transaction control cannot work: a ROLLBACK undoes the work "
        "before it together with strata's record of it; a BEGIN inside an open block, a "
        "COMMIT with no BEGIN or a BEGIN never committed leave it unclear what commits; a "
        "statement the database refuses in a transaction block (CREATE INDEX CONCURRENTLY, "
        "VACUUM) inside one fails; -- strata:transaction on a file with blocks of its own "
        "contradicts itself. strata up refuses such a file before running anything.",
        "Do what the message says: end each block with COMMIT, move statements that cannot run "
        "in a transaction between the blocks, make a migration that must not apply fail "
        "(RAISE EXCEPTION) instead of rolling back; ROLLBACK TO SAVEPOINT is fine.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    const std::optional<ScriptOptions::TransactionRefusal>& refusal =
        ctx.options().transaction_refusal;
    if (refusal && refusal->offset == s.offset) emit(s.offset, refusal->message);
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTransactionControl() { return std::make_unique<TransactionControl>(); }

}  // namespace strata::sql::lint
