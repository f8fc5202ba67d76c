// drop-column: ALTER TABLE ... DROP COLUMN destroys the column's data.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DropColumn final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "drop-column",
        Category::kDestructive,
        Severity::kError,
        "ALTER TABLE ... DROP COLUMN removes a column and its values in every row.",
        "The values are gone for good: a rollback can add the column back but not refill it. "
        "Application instances still running the old code fail at once on any query that "
        "names the column (including INSERTs that list it), and on PostgreSQL the ALTER "
        "waits for an ACCESS EXCLUSIVE lock on the table.",
        "Expand/contract: first deploy code that neither reads nor writes the column (drop any "
        "NOT NULL or default it needs for inserts), keep a backup or copy of the values, then "
        "drop the column in a later contract phase, with a lock_timeout.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kAlterTable || ctx.options().rollback) return;
    if (ctx.CreatedHere(s.table)) return;  // nobody has read or written it yet
    for (const AlterCmd& a : s.alters) {
      if (a.kind != AlterKind::kDropColumn) continue;
      std::string message =
          "drops column " + a.column + " of " + s.table.Display() + " and its value in every row";
      if (a.cascade) message += ", and with CASCADE every view and constraint that uses it";
      emit(a.offset, DestructiveMessage(ctx, std::move(message)));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDropColumn() { return std::make_unique<DropColumn>(); }

}  // namespace strata::sql::lint
