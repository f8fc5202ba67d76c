// Reading libpg_query's JSON parse tree. Private to sql/pg/.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sql/model.h"
#include "sql/pg/arena.h"

namespace strata::sql::pg {

// libpg_query's tree as JSON, its nodes allocated in the current arena (arena.h).
using Json = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                  std::uint64_t, double, ArenaAllocator>;

// The node inside a wrapper: {"RangeVar": {...}} -> the {...}; null when absent.
const Json* Node(const Json& wrapper, const char* type);
// The type name of a wrapped node ("FuncCall"), or "".
std::string NodeType(const Json& wrapper);

std::string Str(const Json& obj, const char* key);
bool Bool(const Json& obj, const char* key);
size_t Location(const Json& obj, size_t fallback);

// A RangeVar object -> schema.name.
QualifiedName RangeVarName(const Json* range_var);
// A list of {"String": {"sval": ...}} -> the strings.
std::vector<std::string> Strings(const Json& list);
// A TypeName object -> our TypeRef.
TypeRef TypeOf(const Json* type_name);
// How a DEFAULT expression behaves (constant, non-volatile, volatile).
DefaultKind ClassifyDefault(const Json& expr);
// A Constraint object -> our Constraint.
Constraint ConstraintOf(const Json& c);
// A ColumnDef object -> our ColumnDef (column constraints folded in).
ColumnDef ColumnOf(const Json& col);
// "OBJECT_TABLE" -> ObjectKind::kTable.
ObjectKind ObjectKindOf(const std::string& object_type);

// Per statement kind; each fills `out` from the node's object.
void TranslateCreateTable(const Json& node, ParsedStatement& out);
void TranslateAlterTable(const Json& node, ParsedStatement& out);
void TranslateIndex(const Json& node, ParsedStatement& out);
void TranslateDrop(const Json& node, ParsedStatement& out);
void TranslateRename(const Json& node, ParsedStatement& out);
void TranslateGrant(const Json& node, ParsedStatement& out);
void TranslateFunction(const Json& node, ParsedStatement& out);
void TranslateSet(const Json& node, ParsedStatement& out);
void TranslateMaintenance(const std::string& type, const Json& node, ParsedStatement& out);
void TranslateDml(const std::string& type, const Json& node, ParsedStatement& out);

}  // namespace strata::sql::pg
