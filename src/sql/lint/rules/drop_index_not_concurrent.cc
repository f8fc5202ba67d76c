// drop-index-not-concurrent: DROP INDEX without CONCURRENTLY takes ACCESS
// EXCLUSIVE on the index's table.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DropIndexNotConcurrent final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "drop-index-not-concurrent",
        Category::kLocking,
        Severity::kWarning,
        "DROP INDEX without CONCURRENTLY.",
        "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table. The drop itself "
        "is quick, but the lock waits behind every running query on the table, and every query "
        "that arrives meanwhile, reads included, queues behind it.",
        "Use DROP INDEX CONCURRENTLY (one index per statement, no CASCADE) in a migration "
        "marked -- strata:no-transaction; it waits for running queries without blocking new "
        "ones.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  // Context does not map index names to tables, so an index of a table created in
  // this migration is flagged too; dropping one there is rare.
  void Check(const ParsedStatement& s, const Context& /*ctx*/, const Emit& emit) const override {
    if (s.kind != StatementKind::kDrop || s.drop.object != ObjectKind::kIndex ||
        s.drop.concurrently) {
      return;
    }
    for (const QualifiedName& name : s.drop.names) {
      emit(s.offset, "drops index " + name.Display() +
                         " without CONCURRENTLY, taking ACCESS EXCLUSIVE on its table");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDropIndexNotConcurrent() {
  return std::make_unique<DropIndexNotConcurrent>();
}

}  // namespace strata::sql::lint
