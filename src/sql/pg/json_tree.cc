#include "sql/pg/json_tree.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/strings.h"

namespace strata::sql::pg {

const JsonValue* Node(const JsonValue& wrapper, std::string_view type) {
  return wrapper.Find(type);
}

std::string_view NodeType(const JsonValue& wrapper) {
  if (!wrapper.IsObject() || wrapper.empty()) return "";
  return wrapper.begin()->key();
}

std::string Str(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.Find(key);
  return v != nullptr ? v->AsString() : std::string();
}

bool Bool(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.Find(key);
  return v != nullptr && v->AsBool();
}

int64_t Int(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.Find(key);
  return v != nullptr ? v->AsInt() : 0;
}

size_t Location(const JsonValue& obj, size_t fallback) {
  const JsonValue* v = obj.Find("location");
  return v != nullptr && v->IsInteger() && v->AsInt() >= 0 ? static_cast<size_t>(v->AsInt())
                                                           : fallback;
}

QualifiedName RangeVarName(const JsonValue* range_var) {
  if (range_var == nullptr) return {};
  return QualifiedName{Str(*range_var, "schemaname"), Str(*range_var, "relname")};
}

std::vector<std::string> Strings(const JsonValue* list) {
  std::vector<std::string> out;
  if (list == nullptr || !list->IsArray()) return out;
  for (const JsonValue& item : *list) {
    if (const JsonValue* s = Node(item, "String")) out.push_back(Str(*s, "sval"));
  }
  return out;
}

TypeRef TypeOf(const JsonValue* type_name) {
  TypeRef t;
  if (type_name == nullptr) return t;
  if (const JsonValue* names = type_name->Find("names")) {
    const std::vector<std::string> parts = Strings(names);
    if (!parts.empty()) t.name = ToLower(parts.back());
  }
  if (const JsonValue* mods = type_name->Find("typmods"); mods != nullptr && mods->IsArray()) {
    for (const JsonValue& m : *mods) {
      if (const JsonValue* c = Node(m, "A_Const")) {
        // {"ival": {"ival": 20}}; a zero is left out: {"ival": {}}.
        if (const JsonValue* iv = c->Find("ival")) t.modifiers.push_back(Int(*iv, "ival"));
      }
    }
  }
  t.array = type_name->Has("arrayBounds");
  return t;
}

namespace {

// Functions whose value changes from row to row: a column added with one of
// these as default must be filled row by row, rewriting the table.
constexpr std::array<std::string_view, 12> kVolatile = {
    "random",           "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
    "uuid_generate_v4", "clock_timestamp", "timeofday",        "nextval",
    "txid_current",     "setseed",         "random_normal",    "uuidv7"};
// Built-ins known not to be volatile; any other function is assumed volatile,
// since that is what CREATE FUNCTION declares by default.
constexpr std::array<std::string_view, 18> kNonVolatile = {"now",
                                                           "transaction_timestamp",
                                                           "statement_timestamp",
                                                           "current_timestamp",
                                                           "lower",
                                                           "upper",
                                                           "coalesce",
                                                           "concat",
                                                           "to_jsonb",
                                                           "jsonb_build_object",
                                                           "json_build_object",
                                                           "array",
                                                           "length",
                                                           "trim",
                                                           "btrim",
                                                           "timezone",
                                                           "make_interval",
                                                           "to_char"};

bool Contains(const auto& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Walks an expression; `volatile_seen` / `call_seen` record what it found.
void Walk(const JsonValue& j, bool& volatile_seen, bool& call_seen) {
  if (!j.IsObject() && !j.IsArray()) return;
  for (const JsonValue& child : j) {
    if (j.IsObject()) {
      const std::string_view key = child.key();
      if (key == "FuncCall") {
        call_seen = true;
        const std::vector<std::string> parts = Strings(child.Find("funcname"));
        const std::string name = parts.empty() ? "" : ToLower(parts.back());
        if (Contains(kVolatile, name) || !Contains(kNonVolatile, name)) volatile_seen = true;
      } else if (key == "SQLValueFunction" || key == "ColumnRef" || key == "SubLink") {
        call_seen = true;  // CURRENT_TIMESTAMP and friends: stable, not constant
        if (key == "SubLink") volatile_seen = true;
      }
    }
    Walk(child, volatile_seen, call_seen);
  }
}

// `col IS NOT NULL` -> col; `x IS NOT NULL AND y IS NOT NULL` -> x, y (any
// conjunct of an AND proves its column non-null). Anything else proves nothing.
void CollectNotNull(const JsonValue& expr, std::vector<std::string>& out) {
  if (const JsonValue* test = Node(expr, "NullTest")) {
    if (Str(*test, "nulltesttype") != "IS_NOT_NULL") return;
    const JsonValue* arg = test->Find("arg");
    const JsonValue* ref = arg ? Node(*arg, "ColumnRef") : nullptr;
    const std::vector<std::string> fields = Strings(ref ? ref->Find("fields") : nullptr);
    if (fields.size() == 1) out.push_back(fields[0]);
  } else if (const JsonValue* b = Node(expr, "BoolExpr"); b && Str(*b, "boolop") == "AND_EXPR") {
    if (const JsonValue* args = b->Find("args"); args != nullptr && args->IsArray()) {
      for (const JsonValue& a : *args) CollectNotNull(a, out);
    }
  }
}

}  // namespace

DefaultKind ClassifyDefault(const JsonValue& expr) {
  bool volatile_seen = false, call_seen = false;
  Walk(expr, volatile_seen, call_seen);
  if (volatile_seen) return DefaultKind::kVolatile;
  return call_seen ? DefaultKind::kNonVolatile : DefaultKind::kConstant;
}

Constraint ConstraintOf(const JsonValue& c) {
  Constraint out;
  const std::string type = Str(c, "contype");
  out.kind = type == "CONSTR_PRIMARY"     ? ConstraintKind::kPrimaryKey
             : type == "CONSTR_UNIQUE"    ? ConstraintKind::kUnique
             : type == "CONSTR_FOREIGN"   ? ConstraintKind::kForeignKey
             : type == "CONSTR_CHECK"     ? ConstraintKind::kCheck
             : type == "CONSTR_EXCLUSION" ? ConstraintKind::kExclusion
             : type == "CONSTR_NOTNULL"   ? ConstraintKind::kNotNull
                                          : ConstraintKind::kOther;
  out.name = Str(c, "conname");
  out.columns = Strings(c.Find(out.kind == ConstraintKind::kForeignKey ? "fk_attrs" : "keys"));
  out.ref_table = RangeVarName(c.Find("pktable"));
  out.ref_columns = Strings(c.Find("pk_attrs"));
  out.not_valid = Bool(c, "skip_validation");
  out.using_index = Str(c, "indexname");
  out.offset = Location(c, 0);
  if (const JsonValue* expr = c.Find("raw_expr"); expr && out.kind == ConstraintKind::kCheck) {
    CollectNotNull(*expr, out.not_null_columns);
  }
  return out;
}

ColumnDef ColumnOf(const JsonValue& col) {
  ColumnDef out;
  out.name = Str(col, "colname");
  out.type = TypeOf(col.Find("typeName"));
  out.offset = Location(col, 0);
  if (const JsonValue* cs = col.Find("constraints"); cs != nullptr && cs->IsArray()) {
    for (const JsonValue& w : *cs) {
      const JsonValue* c = Node(w, "Constraint");
      if (c == nullptr) continue;
      const std::string type = Str(*c, "contype");
      if (type == "CONSTR_NOTNULL") out.not_null = true;
      if (type == "CONSTR_PRIMARY") out.primary_key = out.not_null = true;
      if (type == "CONSTR_UNIQUE") out.unique = true;
      if (type == "CONSTR_IDENTITY") out.identity = true;
      if (type == "CONSTR_GENERATED") out.generated = true;
      if (const JsonValue* expr = c->Find("raw_expr"); type == "CONSTR_DEFAULT" && expr) {
        out.default_kind = ClassifyDefault(*expr);
      }
      if (type == "CONSTR_FOREIGN") {
        Constraint fk = ConstraintOf(*c);
        fk.columns = {out.name};
        out.references.push_back(std::move(fk));
      }
    }
  }
  return out;
}

ObjectKind ObjectKindOf(std::string_view object_type) {
  static const std::pair<const char*, ObjectKind> kMap[] = {
      {"OBJECT_TABLE", ObjectKind::kTable},
      {"OBJECT_INDEX", ObjectKind::kIndex},
      {"OBJECT_SCHEMA", ObjectKind::kSchema},
      {"OBJECT_VIEW", ObjectKind::kView},
      {"OBJECT_MATVIEW", ObjectKind::kMaterializedView},
      {"OBJECT_SEQUENCE", ObjectKind::kSequence},
      {"OBJECT_TYPE", ObjectKind::kType},
      {"OBJECT_DOMAIN", ObjectKind::kType},
      {"OBJECT_FUNCTION", ObjectKind::kFunction},
      {"OBJECT_PROCEDURE", ObjectKind::kFunction},
      {"OBJECT_COLUMN", ObjectKind::kColumn},
      {"OBJECT_TABCONSTRAINT", ObjectKind::kConstraint},
      {"OBJECT_TRIGGER", ObjectKind::kTrigger},
      {"OBJECT_DATABASE", ObjectKind::kDatabase},
      {"OBJECT_EXTENSION", ObjectKind::kExtension},
  };
  for (const auto& [name, kind] : kMap) {
    if (object_type == name) return kind;
  }
  return ObjectKind::kOther;
}

}  // namespace strata::sql::pg
