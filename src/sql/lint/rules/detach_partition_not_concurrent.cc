// detach-partition-not-concurrent: DETACH PARTITION without CONCURRENTLY locks
// the partitioned table against every query.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DetachPartitionNotConcurrent final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "detach-partition-not-concurrent",
        Category::kLocking,
        Severity::kWarning,
        "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY.",
        "A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table as "
        "well as on the partition: it must wait for every running query on any partition, and "
        "every query on the table, reads included, queues behind it. The detach itself is "
        "quick, so this is a warning, but on a busy table the wait for the lock is the outage.",
        "On PostgreSQL 14+ use DETACH PARTITION ... CONCURRENTLY, which takes SHARE UPDATE "
        "EXCLUSIVE on the parent so that reads and writes go on. It cannot run inside a "
        "transaction block: put it in its own -- strata:no-transaction migration, and if it is "
        "interrupted, finish it with DETACH PARTITION ... FINALIZE. On older versions, set a "
        "short lock_timeout and retry.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* a : AltersOfExistingTable(s, ctx, AlterKind::kDetachPartition)) {
      if (a->concurrently) continue;
      emit(a->offset, "detaches partition " + a->partition.Display() + " from " +
                          s.table.Display() +
                          " under an ACCESS EXCLUSIVE lock on both; use DETACH PARTITION ... "
                          "CONCURRENTLY (PostgreSQL 14+)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDetachPartitionNotConcurrent() {
  return std::make_unique<DetachPartitionNotConcurrent>();
}

}  // namespace strata::sql::lint
