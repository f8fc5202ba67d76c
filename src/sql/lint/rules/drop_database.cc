// drop-database: DROP DATABASE in a migration.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DropDatabase final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "drop-database",
        Category::kDestructive,
        Severity::kError,
        "DROP DATABASE in a migration.",
        "It removes a whole database, every schema, table and row in it, at once and for good: "
        "no rollback file can bring it back. A migration runs against whichever database its "
        "connection names, so a script written for a scratch database can destroy another "
        "one. PostgreSQL also refuses it inside a transaction block, so in a transactional "
        "migration it only fails, after the statements before it.",
        "Do not manage databases from schema migrations: create and drop them with "
        "provisioning tools or by hand, with a backup taken first. If a migration really must "
        "do it, give it its own -- strata:no-transaction file and mark the statement with "
        "-- strata:lint-ignore drop-database <reason>.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kDrop || s.drop.object != ObjectKind::kDatabase) return;
    if (ctx.options().rollback) return;
    for (const QualifiedName& name : s.drop.names) {
      emit(s.offset, DestructiveMessage(ctx, "drops database " + name.Display() +
                                                 " with every schema, table and row in it"));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDropDatabase() { return std::make_unique<DropDatabase>(); }

}  // namespace strata::sql::lint
