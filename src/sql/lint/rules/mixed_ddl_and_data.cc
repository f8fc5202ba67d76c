// mixed-ddl-and-data: schema changes and data changes in one transaction.
#include "sql/lint/locks.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class MixedDdlAndData final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "mixed-ddl-and-data",
        Category::kTransactions,
        Severity::kWarning,
        "A migration that runs in one transaction changes both the schema and existing rows.",
        "Locks are held until the transaction commits. After DDL, the ACCESS EXCLUSIVE lock "
        "it took stays held for as long as the UPDATE or DELETE runs, so a backfill that "
        "takes minutes blocks every query on the table for minutes. Before DDL, the data "
        "change's row locks are held while the DDL queues for its lock, and PostgreSQL "
        "refuses to ALTER a table that has pending trigger events (deferred constraints) "
        "from the same transaction. Also reported in rollbacks, which hold the same locks; "
        "quiet in migrations that run without a transaction.",
        "Put schema changes and data changes in separate migrations: the DDL in short "
        "transactions with a lock_timeout, the data change as its own migration or strata "
        "backfill step that updates in batches.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (!ctx.options().transactional) return;  // each statement commits on its own
    // A table made in this migration is invisible to everyone else: its locks harm nobody.
    if (ctx.CreatedHere(s.table)) return;
    if (s.kind == StatementKind::kUpdate || s.kind == StatementKind::kDelete) {
      if (ctx.ddl_statements() == 0 || s.table.empty()) return;
      emit(s.offset, std::string(s.kind == StatementKind::kUpdate ? "updates" : "deletes") +
                         " rows of " + s.table.Display() +
                         " in the same transaction as this migration's DDL, whose locks stay "
                         "held until the data change commits");
      return;
    }
    if (s.kind == StatementKind::kInsert || ctx.data_statements() == 0) return;
    const Lock lock = LockOf(s);  // DDL worth naming takes a table lock
    if (lock.empty() || lock.table.empty()) return;
    emit(s.offset, "takes a " + lock.mode + " lock on " + lock.table +
                       " after this migration changed data in the same transaction: the data "
                       "change's row locks stay held while it waits");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMixedDdlAndData() { return std::make_unique<MixedDdlAndData>(); }

}  // namespace strata::sql::lint
