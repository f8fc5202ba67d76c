// cluster: CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class Cluster final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "cluster",
        Category::kLocking,
        Severity::kError,
        "CLUSTER in a migration.",
        "CLUSTER copies the whole table in index order and rebuilds its indexes while holding an "
        "ACCESS EXCLUSIVE lock: every query on the table, reads included, waits for the copy. "
        "Without a table it reclusters every table that was clustered before.",
        "Leave physical reordering out of migrations: run pg_repack (with --order-by or "
        "--cluster), which reorders the table online, as an operational task. The order decays "
        "with later writes anyway.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kCluster) return;
    if (s.table.empty()) {
      emit(s.offset,
           "CLUSTER rewrites every previously clustered table, each under ACCESS EXCLUSIVE");
    } else if (!ctx.CreatedHere(s.table)) {
      emit(s.offset, "CLUSTER rewrites " + s.table.Display() + " under ACCESS EXCLUSIVE");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCluster() { return std::make_unique<Cluster>(); }

}  // namespace strata::sql::lint
