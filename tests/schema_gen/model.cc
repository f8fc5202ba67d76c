#include "tests/schema_gen/model.h"

namespace strata::schema_gen {

namespace {

template <typename T>
T* FindByName(std::vector<T>& items, const Name& name) {
  for (T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

}  // namespace

Table* FindTable(Schema& schema, const Name& name) { return FindByName(schema.tables, name); }

const Table* FindTable(const Schema& schema, const Name& name) {
  return FindTable(const_cast<Schema&>(schema), name);
}

const View* FindView(const Schema& schema, const Name& name) {
  return FindByName(const_cast<Schema&>(schema).views, name);
}

Column* FindColumn(Table& table, const std::string& name) {
  for (Column& c : table.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const Column* FindColumn(const Table& table, const std::string& name) {
  return FindColumn(const_cast<Table&>(table), name);
}

const Enum* FindEnum(const Schema& schema, const Name& name) {
  return FindByName(const_cast<Schema&>(schema).enums, name);
}

const Domain* FindDomain(const Schema& schema, const Name& name) {
  return FindByName(const_cast<Schema&>(schema).domains, name);
}

std::vector<std::string> RelationColumns(const Schema& schema, const Name& relation) {
  std::vector<std::string> out;
  if (const Table* t = FindTable(schema, relation)) {
    for (const Column& c : t->columns) out.push_back(c.name);
  } else if (const View* v = FindView(schema, relation)) {
    for (size_t i = 0; i < v->columns.size(); ++i) out.push_back("a" + std::to_string(i + 1));
  }
  return out;
}

bool IsTextLike(TypeKind kind) {
  return kind == TypeKind::kText || kind == TypeKind::kVarchar || kind == TypeKind::kChar;
}

bool IsIntegerLike(TypeKind kind) {
  return kind == TypeKind::kSmallint || kind == TypeKind::kInteger || kind == TypeKind::kBigint;
}

}  // namespace strata::schema_gen
