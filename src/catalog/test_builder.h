// Builders for catalog values in tests: a table in one expression.
//
//   Table t = TableBuilder({"app", "orders"})
//                 .Column("id", "bigint", /*not_null=*/true)
//                 .PrimaryKey("orders_pkey", {"id"})
//                 .Build();
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"

namespace strata::catalog::testing {

class TableBuilder {
 public:
  explicit TableBuilder(QualifiedName name) { table_.name = std::move(name); }

  TableBuilder& Column(std::string name, std::string type, bool not_null = false) {
    catalog::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.not_null = not_null;
    table_.columns.push_back(std::move(c));
    return *this;
  }
  // Sets the default of the last column added.
  TableBuilder& Default(std::string expr) {
    table_.columns.back().default_expr = std::move(expr);
    return *this;
  }
  TableBuilder& PrimaryKey(std::string name, std::vector<std::string> columns) {
    return Key(std::move(name), ConstraintKind::kPrimaryKey, std::move(columns), "PRIMARY KEY");
  }
  TableBuilder& Unique(std::string name, std::vector<std::string> columns) {
    return Key(std::move(name), ConstraintKind::kUnique, std::move(columns), "UNIQUE");
  }
  TableBuilder& Check(std::string name, const std::string& expr) {
    Constraint k;
    k.name = std::move(name);
    k.kind = ConstraintKind::kCheck;
    k.expression = expr;
    k.definition = "CHECK ((" + expr + "))";
    table_.constraints.push_back(std::move(k));
    return *this;
  }
  TableBuilder& ForeignKey(std::string name, const std::vector<std::string>& columns,
                           const QualifiedName& ref, const std::vector<std::string>& ref_columns) {
    Constraint k;
    k.name = std::move(name);
    k.kind = ConstraintKind::kForeignKey;
    k.columns = columns;
    k.ref_table = ref;
    k.ref_columns = ref_columns;
    k.definition = "FOREIGN KEY (" + Join(columns) + ") REFERENCES " + ref.schema + "." + ref.name +
                   "(" + Join(ref_columns) + ")";
    table_.constraints.push_back(std::move(k));
    return *this;
  }
  TableBuilder& PartitionOf(QualifiedName parent, std::string bound) {
    table_.partition_of = std::move(parent);
    table_.partition_bound = std::move(bound);
    return *this;
  }
  TableBuilder& PartitionBy(std::string key) {
    table_.partition_key = std::move(key);
    return *this;
  }
  TableBuilder& Comment(std::string comment) {
    table_.comment = std::move(comment);
    return *this;
  }
  Table Build() const { return table_; }

 private:
  static std::string Join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }
  TableBuilder& Key(std::string name, ConstraintKind kind, std::vector<std::string> columns,
                    const std::string& keyword) {
    Constraint k;
    k.name = std::move(name);
    k.kind = kind;
    k.definition = keyword + " (" + Join(columns) + ")";
    k.columns = std::move(columns);
    table_.constraints.push_back(std::move(k));
    return *this;
  }

  Table table_;
};

inline View MakeView(QualifiedName name, std::string definition,
                     std::vector<QualifiedName> depends_on = {}) {
  View v;
  v.name = std::move(name);
  v.definition = std::move(definition);
  v.depends_on = std::move(depends_on);
  return v;
}

inline Index MakeIndex(QualifiedName name, QualifiedName table, std::vector<std::string> keys) {
  Index i;
  i.name = std::move(name);
  i.table = std::move(table);
  i.method = "btree";
  i.keys = std::move(keys);
  return i;
}

inline Function MakeFunction(QualifiedName name, std::string arguments, std::string definition) {
  Function f;
  f.name = std::move(name);
  f.arguments = std::move(arguments);
  f.definition = std::move(definition);
  return f;
}

}  // namespace strata::catalog::testing
