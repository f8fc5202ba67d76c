// drop-not-null: DROP NOT NULL lets NULLs into a column its readers assume is
// never NULL.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class DropNotNull final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "drop-not-null",
        Category::kCompatibility,
        Severity::kWarning,
        "ALTER COLUMN ... DROP NOT NULL on an existing table.",
        "The statement itself is cheap, but it changes the contract of the column: code that "
        "reads it was written when NULL could not occur (non-nullable fields in models, "
        "comparisons and sums without COALESCE, unique keys built from it), and the first "
        "NULL a newer writer stores breaks those readers, in services and reports that are "
        "not part of this change. A warning: relaxing a constraint is often intended, as the "
        "contract step of an expand/contract change.",
        "Make every reader handle NULL first (deployed, including other services and jobs that "
        "read the table), then drop NOT NULL; or keep the column NOT NULL and give the new "
        "writers a default or a separate nullable column.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (ctx.options().rollback) return;  // putting back what the migration took away
    for (const AlterCmd* a : AltersOfExistingTable(s, ctx, AlterKind::kDropNotNull)) {
      emit(a->offset, "drops NOT NULL from " + s.table.Display() + "." + a->column +
                          ": readers that assume the column is never NULL break on the first "
                          "NULL written");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDropNotNull() { return std::make_unique<DropNotNull>(); }

}  // namespace strata::sql::lint
