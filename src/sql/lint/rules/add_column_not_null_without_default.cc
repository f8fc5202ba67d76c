// add-column-not-null-without-default: the new column is NULL in every existing
// row, so a NOT NULL column without a default cannot be added to a table with rows.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class AddColumnNotNullWithoutDefault final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "add-column-not-null-without-default",
        Category::kLocking,
        Severity::kError,
        "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table.",
        "Existing rows get NULL in the new column, so the statement fails (\"column contains "
        "null values\") as soon as the table has a row: it passes on an empty development "
        "database and breaks the deployment in production (on PostgreSQL after holding ACCESS "
        "EXCLUSIVE while it checks the rows).",
        "Give the column a constant DEFAULT (PostgreSQL 11+ and SQLite store it without "
        "rewriting the table), or, on PostgreSQL, add it nullable, backfill it in batches and "
        "then make it NOT NULL (see set-not-null).",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kAddColumn)) {
      const AlterCmd& a = *ap;
      const ColumnDef& c = a.column_def;
      // Identity, serial and generated columns fill every row themselves.
      if (!c.not_null || c.default_kind != DefaultKind::kNone || c.identity || c.generated ||
          IsSerialType(c.type)) {
        continue;
      }
      emit(a.offset, "adds column " + c.name + " NOT NULL without a DEFAULT to " +
                         s.table.Display() + ": it fails if the table has any row");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAddColumnNotNullWithoutDefault() {
  return std::make_unique<AddColumnNotNullWithoutDefault>();
}

}  // namespace strata::sql::lint
