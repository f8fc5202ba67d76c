// table-without-primary-key: a new table whose rows nothing identifies.
#include "sql/lint/rules/rules.h"
#include "sql/lint/rules/helpers.h"

namespace strata::sql::lint {
namespace {

class TableWithoutPrimaryKey final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "table-without-primary-key", Category::kConstraints, Severity::kWarning,
        "CREATE TABLE without a primary key.",
        "Without a primary key nothing stops duplicate rows, ORMs cannot address a single row, "
        "and once the table is in a logical-replication publication its UPDATEs and DELETEs "
        "fail for want of a replica identity. Adding one later means a unique index build and a "
        "validating scan on a full table. Partitions created with PARTITION OF (they inherit "
        "the parent's key) and temporary tables are not checked; neither is a table whose "
        "columns come only from LIKE.",
        "Declare a primary key in the CREATE TABLE: `id bigint GENERATED ALWAYS AS IDENTITY "
        "PRIMARY KEY`, or `PRIMARY KEY (a, b)` for a natural or join-table key. The rule judges "
        "the CREATE TABLE alone, so a key added by a later ALTER TABLE in the same migration "
        "(as pg_dump writes it) is not seen: declare it in the CREATE TABLE instead.",
        true, true};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& /*ctx*/, const Emit& emit) const override {
    if (s.kind != StatementKind::kCreateTable || s.partition_of || s.temporary) return;
    // No columns: CREATE TABLE ... (LIKE other), whose copied key strata cannot see.
    if (s.columns.empty()) return;
    for (const ColumnDef& c : s.columns) {
      if (c.primary_key) return;
    }
    for (const Constraint& c : s.constraints) {
      if (c.kind == ConstraintKind::kPrimaryKey) return;
    }
    emit(s.offset, "table " + s.table.Display() + " has no primary key");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTableWithoutPrimaryKey() {
  return std::make_unique<TableWithoutPrimaryKey>();
}

}  // namespace strata::sql::lint
