// concurrently-in-transaction: CONCURRENTLY cannot run inside a transaction
// block, so the migration fails when it reaches the statement.
//
// Unlike the other locking rules this one also fires for tables created in the
// same migration: the statement fails whatever the table.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

bool DetachesConcurrently(const ParsedStatement& s) {
  for (const AlterCmd& a : s.alters) {
    if (a.kind == AlterKind::kDetachPartition && a.concurrently) return true;
  }
  return false;
}

class ConcurrentlyInTransaction final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "concurrently-in-transaction",
        Category::kLocking,
        Severity::kError,
        "CREATE INDEX, DROP INDEX, REINDEX or DETACH PARTITION CONCURRENTLY in a migration run "
        "in a transaction.",
        "PostgreSQL refuses CONCURRENTLY inside a transaction block (\"cannot run inside a "
        "transaction block\"): the migration fails at that statement and rolls back, so the "
        "change that was meant to avoid long locks never happens.",
        "Mark the file -- strata:no-transaction, ideally with the concurrent statement alone "
        "in it: a migration without a transaction is not rolled back when a later statement "
        "fails.",
        true,
        false};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (!ctx.options().transactional) return;
    std::string what;
    if (s.kind == StatementKind::kCreateIndex && s.index.concurrently) {
      what = "CREATE INDEX CONCURRENTLY";
    } else if (s.kind == StatementKind::kDrop && s.drop.object == ObjectKind::kIndex &&
               s.drop.concurrently) {
      what = "DROP INDEX CONCURRENTLY";
    } else if (s.kind == StatementKind::kReindex && s.reindex_concurrently) {
      what = "REINDEX CONCURRENTLY";
    } else if (DetachesConcurrently(s)) {
      what = "DETACH PARTITION CONCURRENTLY";
    } else {
      return;
    }
    emit(s.offset, what +
                       " cannot run inside the migration's transaction; mark the file "
                       "-- strata:no-transaction");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeConcurrentlyInTransaction() {
  return std::make_unique<ConcurrentlyInTransaction>();
}

}  // namespace strata::sql::lint
