// table-without-primary-key: a new table whose rows nothing identifies.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class TableWithoutPrimaryKey final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "table-without-primary-key",
        Category::kConstraints,
        Severity::kWarning,
        "CREATE TABLE without a primary key.",
        "Without a primary key nothing stops duplicate rows, ORMs cannot address a single row, "
        "and once the table is in a logical-replication publication its UPDATEs and DELETEs "
        "fail for want of a replica identity. Adding one later means a unique index build and a "
        "validating scan on a full table. Partitions created with PARTITION OF (they inherit "
        "the parent's key) and temporary tables are not checked; neither is a table whose "
        "columns come only from LIKE.",
        "Declare a primary key in the CREATE TABLE: `id bigint GENERATED ALWAYS AS IDENTITY "
        "PRIMARY KEY`, or `PRIMARY KEY (a, b)` for a natural or join-table key. A key added by "
        "a later ALTER TABLE in the same migration (as pg_dump writes it) counts.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement&, const Context&, const Emit&) const override {}

  // Judged at the end of the migration, so that a key added after the CREATE
  // TABLE counts.
  void Finish(const Context& ctx, const Emit& emit) const override {
    for (const CreatedTable& t : ctx.created_tables()) {
      if (!t.checkable) continue;
      const TableState* state = ctx.Table(t.name);
      if (state == nullptr || state->has_primary_key) continue;  // dropped again, or keyed
      emit(t.offset, "table " + t.name.Display() + " has no primary key");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTableWithoutPrimaryKey() {
  return std::make_unique<TableWithoutPrimaryKey>();
}

}  // namespace strata::sql::lint
