// reindex-not-concurrent: REINDEX without CONCURRENTLY blocks writes to the table
// and queries that would use the index.
//
// A warning: PostgreSQL 11, still in range, has no REINDEX CONCURRENTLY, and
// system catalogs can only be reindexed the blocking way.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class ReindexNotConcurrent final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "reindex-not-concurrent",
        Category::kLocking,
        Severity::kWarning,
        "REINDEX without CONCURRENTLY.",
        "REINDEX holds a SHARE lock on the table, so every INSERT, UPDATE and DELETE waits, and "
        "an ACCESS EXCLUSIVE lock on each index it rebuilds, so every query whose plan would "
        "consider that index waits too, for the whole rebuild.",
        "Use REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a migration marked -- "
        "strata:no-transaction; it takes SHARE UPDATE EXCLUSIVE and lets reads and writes go "
        "on. On PostgreSQL 11, CREATE INDEX CONCURRENTLY a copy, DROP INDEX CONCURRENTLY the "
        "old one and rename the copy.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kReindex || s.reindex_concurrently) return;
    switch (s.reindex_object) {
      case ObjectKind::kIndex:
        emit(s.offset, "rebuilds index " + s.table.Display() +
                           " without CONCURRENTLY, blocking writes to its table");
        break;
      case ObjectKind::kTable:
        if (ctx.CreatedHere(s.table)) return;
        emit(s.offset, "rebuilds every index of " + s.table.Display() +
                           " without CONCURRENTLY, blocking writes to it");
        break;
      default:
        emit(s.offset,
             "rebuilds every index of a whole schema or database without "
             "CONCURRENTLY, blocking writes to each table in turn");
        break;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeReindexNotConcurrent() {
  return std::make_unique<ReindexNotConcurrent>();
}

}  // namespace strata::sql::lint
