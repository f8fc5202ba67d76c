// delete-without-where: DELETE with no WHERE removes every row.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DeleteWithoutWhere final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "delete-without-where",
        Category::kDestructive,
        Severity::kError,
        "DELETE without a WHERE clause removes every row of the table.",
        "Usually a forgotten or mis-split WHERE clause. Every row is gone once the migration "
        "commits, no rollback brings them back, and on a large table the single DELETE locks "
        "every row for the whole transaction and leaves the table bloated with dead tuples.",
        "Say which rows go with a WHERE clause. If the table really must be emptied, archive "
        "the rows first and delete them in batches (WHERE id BETWEEN ...) outside the schema "
        "migration, or mark the intent with -- strata:lint-ignore delete-without-where "
        "<reason>.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kDelete || s.has_where || ctx.options().rollback) return;
    if (ctx.CreatedHere(s.table)) return;  // its rows were written by this migration
    emit(s.offset, DestructiveMessage(ctx, "deletes every row of " + s.table.Display() +
                                               ": the DELETE has no WHERE clause"));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDeleteWithoutWhere() { return std::make_unique<DeleteWithoutWhere>(); }

}  // namespace strata::sql::lint
