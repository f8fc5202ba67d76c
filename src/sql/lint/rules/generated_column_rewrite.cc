// generated-column-rewrite: ADD COLUMN ... GENERATED ALWAYS AS (...) STORED
// computes and stores the value in every row.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class GeneratedColumnRewrite final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "generated-column-rewrite",
        Category::kLocking,
        Severity::kError,
        "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED on an existing table.",
        "A stored generated column is computed and written for every existing row: PostgreSQL "
        "rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, and every "
        "query on it, reads included, waits for the rewrite.",
        "Add a plain nullable column, fill it for new and updated rows with a BEFORE INSERT OR "
        "UPDATE trigger (or from the application), backfill existing rows in batches, then let "
        "readers use it. An existing column cannot be turned into a generated one without a "
        "rewrite, so keep the trigger, or compute the value in a view or at query time.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kAddColumn)) {
      const AlterCmd& a = *ap;
      if (!a.column_def.generated) continue;
      emit(a.offset, "adds stored generated column " + a.column_def.name + " to " +
                         s.table.Display() +
                         ", which rewrites the table and its indexes under ACCESS EXCLUSIVE");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeGeneratedColumnRewrite() {
  return std::make_unique<GeneratedColumnRewrite>();
}

}  // namespace strata::sql::lint
