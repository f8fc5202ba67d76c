// rename-column: renaming a column breaks every query that names it.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class RenameColumn final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "rename-column",
        Category::kCompatibility,
        Severity::kError,
        "Renaming a column breaks the application code that still uses the old name.",
        "An error by default because the breakage is immediate: from the moment the migration "
        "commits, every running instance of the current application fails on each SELECT, "
        "INSERT or UPDATE that names the column, until the new code is deployed everywhere, "
        "and a rolling deploy always has old instances running. The rename also waits for an "
        "ACCESS EXCLUSIVE lock on the table.",
        "Expand/contract: add the new column, keep both in sync (a trigger, or code that "
        "writes both), backfill it in batches, move reads to the new column, and drop the old "
        "one in a later contract phase.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kRename || s.rename.object != ObjectKind::kColumn) return;
    if (ctx.options().rollback || ctx.CreatedHere(s.table)) return;
    emit(s.offset, "renames column " + s.rename.old_name + " of " + s.table.Display() + " to " +
                       s.rename.new_name + ": code still using the old name fails at once");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeRenameColumn() { return std::make_unique<RenameColumn>(); }

}  // namespace strata::sql::lint
