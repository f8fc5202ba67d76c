// drop-table: DROP TABLE destroys data that no rollback brings back.
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DropTable final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "drop-table",
        Category::kDestructive,
        Severity::kError,
        "DROP TABLE removes a table and every row in it.",
        "The data is gone for good: a rollback can recreate the table but not its rows, and any "
        "application instance still reading the table fails at once.",
        "Stop using the table first (expand/contract): deploy code that no longer reads or "
        "writes it, keep it through a deprecation period, take a backup, then drop it in a "
        "contract phase.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kDrop || s.drop.object != ObjectKind::kTable) return;
    if (ctx.options().rollback) return;  // rollbacks exist to undo
    for (const QualifiedName& name : s.drop.names) {
      if (ctx.CreatedHere(name)) continue;  // a table made and dropped in one migration
      emit(s.offset, "drops table " + name.Display() + " and all its rows");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDropTable() { return std::make_unique<DropTable>(); }

}  // namespace strata::sql::lint
