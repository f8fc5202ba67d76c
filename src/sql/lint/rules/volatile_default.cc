// volatile-default: ADD COLUMN whose default gives each row its own value, so
// PostgreSQL must write it into every row.
#include <string>

#include "base/strings.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {

namespace {

class VolatileDefault final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "volatile-default",
        Category::kLocking,
        Severity::kError,
        "ADD COLUMN with a volatile DEFAULT (or serial, or identity) on an existing table.",
        "A default that differs from row to row (random(), gen_random_uuid(), clock_timestamp(), "
        "nextval() behind serial and identity columns, most user functions) must be computed and "
        "stored for every existing row: PostgreSQL rewrites the whole table and its indexes "
        "under an ACCESS EXCLUSIVE lock, and every query on it, reads included, waits. "
        "PostgreSQL 11+ stores constant and non-volatile defaults such as now() without a "
        "rewrite.",
        "Add the column without a default (or with a constant one), then ALTER COLUMN ... SET "
        "DEFAULT, which only affects new rows, and backfill existing rows in batches. For a serial "
        "or identity column, add a plain integer column, create a sequence, SET DEFAULT "
        "nextval(...) on the column, then backfill.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kAddColumn)) {
      const AlterCmd& a = *ap;
      const ColumnDef& c = a.column_def;
      std::string what;
      if (c.default_kind == DefaultKind::kVolatile) {
        what = "a volatile DEFAULT";
      } else if (IsSerialType(c.type)) {
        what = "type " + c.type.name + " (a volatile DEFAULT nextval())";
      } else if (c.identity) {
        what = "GENERATED ... AS IDENTITY (a new sequence value per row)";
      } else {
        continue;
      }
      emit(a.offset, "adds column " + c.name + " to " + s.table.Display() + " with " + what +
                         ": the table and its indexes are rewritten under ACCESS EXCLUSIVE");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVolatileDefault() { return std::make_unique<VolatileDefault>(); }

}  // namespace strata::sql::lint
