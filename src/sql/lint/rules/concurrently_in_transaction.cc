// concurrently-in-transaction: CONCURRENTLY cannot run inside a transaction
// block, so the migration fails when it reaches the statement.
//
// strata runs a file without a transaction when it holds such a statement and
// no transaction control, so this fires only where the statement would still
// be inside one: in the file's own BEGIN ... COMMIT block, or in a file marked
// -- strata:transaction. Unlike the other locking rules this one also fires for
// tables created in the same migration: the statement fails whatever the table.
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
        "CREATE INDEX, DROP INDEX, REINDEX or DETACH PARTITION CONCURRENTLY inside a "
        "transaction.",
        "PostgreSQL refuses CONCURRENTLY inside a transaction block (\"cannot run inside a "
        "transaction block\"): the migration fails at that statement and rolls back, so the "
        "change that was meant to avoid long locks never happens.",
        "Move the statement out of the file's BEGIN ... COMMIT block, or remove "
        "-- strata:transaction: strata then runs the file statement by statement, recording "
        "its progress. Ideally the concurrent statement is alone in its file: a migration "
        "without a transaction is not rolled back when a later statement fails.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    // In a block of the file's own, strata refuses the file (transaction-control);
    // this says why the statement cannot stay there.
    if (!ctx.options().transactional && !ctx.in_block()) return;
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
    emit(s.offset,
         what + (ctx.in_block() ? " cannot run inside the file's BEGIN ... COMMIT block; move it "
                                  "after the block's COMMIT"
                                : " cannot run in the one transaction -- strata:transaction asks "
                                  "for; remove the directive"));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeConcurrentlyInTransaction() {
  return std::make_unique<ConcurrentlyInTransaction>();
}

}  // namespace strata::sql::lint
