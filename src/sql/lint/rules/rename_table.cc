// rename-table: renaming a table (or view) breaks every query that names it.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

const char* RelationWord(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kTable:
      return "table";
    case ObjectKind::kView:
      return "view";
    case ObjectKind::kMaterializedView:
      return "materialized view";
    default:
      return nullptr;
  }
}

class RenameTable final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "rename-table",
        Category::kCompatibility,
        Severity::kError,
        "Renaming a table or view breaks the application code that still uses the old name.",
        "An error by default because the breakage is immediate and total: from the moment the "
        "migration commits, every running instance of the current application fails on every "
        "query that names the old table, until the new code is deployed, and a rolling deploy "
        "always has old instances running. The rename also waits for an ACCESS EXCLUSIVE lock.",
        "Expand/contract: create the new name while keeping the old one working (on "
        "PostgreSQL, rename the table and create a simple updatable view with the old name, "
        "or create the new table and keep both in sync), move the code to the new name, and "
        "drop the old name in a later contract phase.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kRename || ctx.options().rollback) return;  // undoing a rename
    const char* word = RelationWord(s.rename.object);
    if (word == nullptr || ctx.CreatedHere(s.table)) return;  // no code uses a new table yet
    emit(s.offset, std::string("renames ") + word + " " + s.table.Display() + " to " +
                       s.rename.new_name + ": code still using the old name fails at once");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeRenameTable() { return std::make_unique<RenameTable>(); }

}  // namespace strata::sql::lint
