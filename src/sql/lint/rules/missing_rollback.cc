// missing-rollback: a migration with no way back.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class MissingRollback final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "missing-rollback",
        Category::kTransactions,
        Severity::kWarning,
        "The migration has no rollback (no down file or section).",
        "When a deploy goes wrong the only way back is a hand-written fix under pressure, "
        "against a production schema, while the application is failing; strata down cannot "
        "undo the migration.",
        "Write the rollback with the migration (a .down.sql file or a down section) and test "
        "it: strata can apply, roll back and re-apply each migration in CI. If the change "
        "really cannot be undone, say so in a rollback that fails with an explanation.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement&, const Context&, const Emit&) const override {}

  void Finish(const Context& ctx, const Emit& emit) const override {
    const ScriptOptions& o = ctx.options();
    if (o.rollback || o.has_rollback || !o.whole_migration) return;
    emit(0, "the migration has no rollback");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMissingRollback() { return std::make_unique<MissingRollback>(); }

}  // namespace strata::sql::lint
