// index-not-concurrent: CREATE INDEX without CONCURRENTLY blocks writes.
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class IndexNotConcurrent final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "index-not-concurrent",
        Category::kLocking,
        Severity::kError,
        "CREATE INDEX without CONCURRENTLY on an existing table.",
        "A plain CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE and "
        "DELETE on the table waits, for minutes on a large table.",
        "Use CREATE INDEX CONCURRENTLY in a migration marked -- strata:no-transaction. It takes "
        "longer but lets writes go on; if it fails it leaves an INVALID index that strata "
        "rebuilds on the next run.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kCreateIndex || s.index.concurrently) return;
    if (ctx.CreatedHere(s.table)) return;  // a new table has no readers or writers yet
    emit(s.offset, "builds index " +
                       (s.index.name.empty() ? std::string("(unnamed)") : s.index.name.name) +
                       " on " + s.table.Display() + " while blocking writes to it");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeIndexNotConcurrent() { return std::make_unique<IndexNotConcurrent>(); }

}  // namespace strata::sql::lint
