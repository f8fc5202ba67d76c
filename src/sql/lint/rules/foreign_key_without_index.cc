// foreign-key-without-index: a foreign key whose referencing columns no index leads with.
#include <algorithm>
#include <cstddef>

#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// True when the first columns of `index` are exactly `columns`, in any order: an
// equality lookup on all of them can then use the index.
bool Leads(const std::vector<std::string>& index, const std::vector<std::string>& columns) {
  if (columns.empty() || index.size() < columns.size()) return false;
  std::vector<std::string> head(index.begin(),
                                index.begin() + static_cast<std::ptrdiff_t>(columns.size()));
  std::vector<std::string> want = columns;
  std::sort(head.begin(), head.end());
  std::sort(want.begin(), want.end());
  return head == want;
}

class ForeignKeyWithoutIndex final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "foreign-key-without-index",
        Category::kConstraints,
        Severity::kWarning,
        "A foreign key whose columns do not lead any index on the referencing table.",
        "PostgreSQL indexes the referenced key but not the referencing columns. Every DELETE "
        "or key UPDATE on the referenced table then scans the referencing table for rows that "
        "still point at it, and joins along the key cannot use an index. The rule looks at the "
        "indexes the table has at the end of the migration, so an index created after the "
        "foreign key in the same migration counts; it stays quiet on a table strata has no "
        "schema for, whose indexes it cannot see.",
        "Create an index whose leading columns are the foreign key's columns, e.g. `CREATE "
        "INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id)` (CONCURRENTLY on an "
        "existing table). A primary key or unique constraint that starts with them serves too.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement&, const Context&, const Emit&) const override {}

  // Judged at the end: the usual migration declares the foreign key first and creates
  // its index in a later statement.
  void Finish(const Context& ctx, const Emit& emit) const override {
    for (const ForeignKeyUse& fk : ctx.foreign_keys()) {
      // A table strata knows nothing about may have indexes it cannot see.
      if (!ctx.KnownBefore(fk.table) && !ctx.CreatedHere(fk.table)) continue;
      const TableState* table = ctx.Table(fk.table);
      if (table == nullptr) continue;  // dropped (or renamed) later in the migration
      const bool covered = std::any_of(
          table->indexes.begin(), table->indexes.end(),
          [&](const std::vector<std::string>& index) { return Leads(index, fk.columns); });
      if (covered) continue;
      const std::string columns = Join(fk.columns, ", ");
      emit(fk.offset, "no index on " + fk.table.Display() + " starts with (" + columns +
                          "), the columns of its foreign key: deletes and key updates on the "
                          "referenced table scan " +
                          fk.table.Display());
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeForeignKeyWithoutIndex() {
  return std::make_unique<ForeignKeyWithoutIndex>();
}

}  // namespace strata::sql::lint
