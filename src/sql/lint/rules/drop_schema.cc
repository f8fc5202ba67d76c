// drop-schema: DROP SCHEMA removes a namespace and, with CASCADE, all it holds.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DropSchema final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "drop-schema",
        Category::kDestructive,
        Severity::kError,
        "DROP SCHEMA removes a schema; with CASCADE, every table, view and function in it.",
        "With CASCADE one statement silently destroys every object in the schema and every "
        "object elsewhere that depends on them (views, foreign keys, functions), with all "
        "their data; no rollback brings the rows back. Without CASCADE it fails unless the "
        "schema is empty, which is usually not what the author expected either.",
        "Drop the schema's objects one by one in earlier migrations, each reviewed on its own "
        "(expand/contract, with a backup), and end with a plain DROP SCHEMA without CASCADE, "
        "which then fails safely if anything was left behind.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kDrop || s.drop.object != ObjectKind::kSchema) return;
    if (ctx.options().rollback) return;
    for (const QualifiedName& name : s.drop.names) {
      std::string message = "drops schema " + name.Display();
      message += s.drop.cascade ? " with CASCADE: every object in it and every object that "
                                  "depends on them goes, with its data"
                                : "; it fails unless the schema is empty";
      emit(s.offset, DestructiveMessage(ctx, std::move(message)));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDropSchema() { return std::make_unique<DropSchema>(); }

}  // namespace strata::sql::lint
