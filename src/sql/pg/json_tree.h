// Reading libpg_query's JSON parse tree into our model. Private to sql/pg/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/model.h"
#include "sql/pg/json_reader.h"

namespace strata::sql::pg {

// The node inside a wrapper: {"RangeVar": {...}} -> the {...}; null when absent.
const JsonValue* Node(const JsonValue& wrapper, std::string_view type);
// The type name of a wrapped node ("FuncCall"), or "".
std::string_view NodeType(const JsonValue& wrapper);

// A member's string, or "" when it is absent or no string.
std::string Str(const JsonValue& obj, std::string_view key);
// A member's boolean, false when absent (libpg_query leaves out false).
bool Bool(const JsonValue& obj, std::string_view key);
// A member's integer, 0 when absent (libpg_query leaves out zeros).
int64_t Int(const JsonValue& obj, std::string_view key);
// The member "location", or `fallback` when it is absent or negative.
size_t Location(const JsonValue& obj, size_t fallback);

// A RangeVar object -> schema.name.
QualifiedName RangeVarName(const JsonValue* range_var);
// A list of {"String": {"sval": ...}} -> the strings; empty for null.
std::vector<std::string> Strings(const JsonValue* list);
// A TypeName object -> our TypeRef.
TypeRef TypeOf(const JsonValue* type_name);
// How a DEFAULT expression behaves (constant, non-volatile, volatile).
DefaultKind ClassifyDefault(const JsonValue& expr);
// A Constraint object -> our Constraint.
Constraint ConstraintOf(const JsonValue& c);
// A ColumnDef object -> our ColumnDef (column constraints folded in).
ColumnDef ColumnOf(const JsonValue& col);
// "OBJECT_TABLE" -> ObjectKind::kTable.
ObjectKind ObjectKindOf(std::string_view object_type);

// Per statement kind; each fills `out` from the node's object.
void TranslateCreateTable(const JsonValue& node, ParsedStatement& out);
void TranslateAlterTable(const JsonValue& node, ParsedStatement& out);
void TranslateIndex(const JsonValue& node, ParsedStatement& out);
void TranslateDrop(const JsonValue& node, ParsedStatement& out);
void TranslateDropDatabase(const JsonValue& node, ParsedStatement& out);
void TranslateCreateDomain(const JsonValue& node, ParsedStatement& out);
void TranslateAlterDomain(const JsonValue& node, ParsedStatement& out);
void TranslateAlterEnum(const JsonValue& node, ParsedStatement& out);
void TranslateRename(const JsonValue& node, ParsedStatement& out);
void TranslateGrant(const JsonValue& node, ParsedStatement& out);
void TranslateFunction(const JsonValue& node, ParsedStatement& out);
void TranslateSet(const JsonValue& node, ParsedStatement& out);
void TranslateMaintenance(std::string_view type, const JsonValue& node, ParsedStatement& out);
void TranslateDml(std::string_view type, const JsonValue& node, ParsedStatement& out);

}  // namespace strata::sql::pg
