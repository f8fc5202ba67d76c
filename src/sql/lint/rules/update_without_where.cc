// update-without-where: UPDATE with no WHERE overwrites every row.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class UpdateWithoutWhere final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "update-without-where",
        Category::kDestructive,
        Severity::kError,
        "UPDATE without a WHERE clause overwrites every row of the table.",
        "Usually a forgotten WHERE clause: the old values of every row are overwritten and no "
        "rollback can restore them. Even when intended (a backfill), one UPDATE over a large "
        "table locks every row until the migration commits, blocking concurrent writers, "
        "doubles the table's size in dead tuples and, next to DDL, keeps its ACCESS "
        "EXCLUSIVE lock held for the whole run.",
        "Say which rows change with a WHERE clause. For a backfill, update in batches by key "
        "range (WHERE id BETWEEN ... AND new_col IS NULL) outside the schema migration, e.g. "
        "as a strata backfill step, and mark an intended full update with "
        "-- strata:lint-ignore update-without-where <reason>.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kUpdate || s.has_where || ctx.options().rollback) return;
    if (ctx.CreatedHere(s.table)) return;  // its rows were written by this migration
    emit(s.offset, DestructiveMessage(ctx, "overwrites every row of " + s.table.Display() +
                                               ": the UPDATE has no WHERE clause"));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUpdateWithoutWhere() { return std::make_unique<UpdateWithoutWhere>(); }

}  // namespace strata::sql::lint
