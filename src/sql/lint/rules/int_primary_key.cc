// int-primary-key: a primary key whose id space a busy table can exhaust.
#include <optional>

#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// The largest value of a 32-bit or 16-bit key type, or nothing for any other type.
std::optional<std::string> SmallKeyLimit(const TypeRef& t) {
  if (t.array) return std::nullopt;
  const std::string& n = t.name;
  if (n == "int4" || n == "serial" || n == "serial4") return "2,147,483,647";
  if (n == "int2" || n == "smallserial" || n == "serial2") return "32,767";
  return std::nullopt;
}

// A column of the table after `s` runs: defined by `s` itself, or known to `ctx`.
struct KeyColumn {
  TypeRef type;
  bool identity = false;
  size_t offset = 0;
};

std::optional<KeyColumn> Find(const ParsedStatement& s, const Context& ctx,
                              const std::string& name) {
  const std::string key = ToLower(name);
  for (const ColumnDef& c : s.columns) {
    if (ToLower(c.name) == key) return KeyColumn{c.type, c.identity, c.offset};
  }
  for (const AlterCmd& a : s.alters) {
    if (a.kind == AlterKind::kAddColumn && ToLower(a.column_def.name) == key) {
      return KeyColumn{a.column_def.type, a.column_def.identity, a.offset};
    }
  }
  if (const TableState* t = ctx.Table(s.table)) {
    if (auto it = t->columns.find(key); it != t->columns.end())
      return KeyColumn{it->second, false, 0};
  }
  return std::nullopt;
}

class IntPrimaryKey final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "int-primary-key",
        Category::kTypes,
        Severity::kWarning,
        "A primary key of type integer or smallint (serial, smallserial).",
        "A 32-bit key runs out at 2,147,483,647 values (a 16-bit one at 32,767), counting every "
        "value a sequence hands out, rolled-back inserts included; then every insert fails. "
        "Widening the key rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, and "
        "every referencing column must be widened too. The rule looks at single-column keys, and "
        "at key columns whose values are generated (serial or identity) in a composite key; the "
        "other columns of a composite key usually reference keys judged on their own tables.",
        "Use bigint: `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`. Eight bytes instead "
        "of four cost little next to a key migration on a full table.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.temporary) return;
    auto report = [&](const std::string& column, const TypeRef& type, size_t offset) {
      const std::optional<std::string> limit = SmallKeyLimit(type);
      if (!limit) return;
      emit(offset, "primary key " + schema_rules::ColumnLabel(s, column) + " is " + type.name +
                       ": inserts fail once it passes " + *limit + "; use bigint");
    };
    // Column-level PRIMARY KEY, in CREATE TABLE and ALTER TABLE ADD COLUMN.
    for (const schema_rules::ColumnUse& c :
         schema_rules::ColumnsOf(s, ctx, schema_rules::kDefined)) {
      if (c.def->primary_key) report(c.name, c.type, c.offset);
    }
    // Table-level PRIMARY KEY (...), in CREATE TABLE and ALTER TABLE ADD CONSTRAINT.
    std::vector<const Constraint*> keys;
    for (const Constraint& c : s.constraints) keys.push_back(&c);
    for (const AlterCmd& a : s.alters) {
      if (a.kind == AlterKind::kAddConstraint) keys.push_back(&a.constraint);
    }
    for (const Constraint* k : keys) {
      if (k->kind != ConstraintKind::kPrimaryKey) continue;
      for (const std::string& column : k->columns) {
        const std::optional<KeyColumn> c = Find(s, ctx, column);
        if (!c) continue;
        if (k->columns.size() == 1 || c->identity || IsSerialType(c->type)) {
          report(column, c->type, k->offset ? k->offset : c->offset ? c->offset : s.offset);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeIntPrimaryKey() { return std::make_unique<IntPrimaryKey>(); }

}  // namespace strata::sql::lint
