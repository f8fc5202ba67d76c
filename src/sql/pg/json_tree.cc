#include "sql/pg/json_tree.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/strings.h"

namespace strata::sql::pg {

const Json* Node(const Json& wrapper, const char* type) {
  if (!wrapper.is_object()) return nullptr;
  auto it = wrapper.find(type);
  return it == wrapper.end() ? nullptr : &*it;
}

std::string NodeType(const Json& wrapper) {
  if (!wrapper.is_object() || wrapper.empty()) return "";
  return wrapper.begin().key();
}

std::string Str(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Bool(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

size_t Location(const Json& obj, size_t fallback) {
  auto it = obj.find("location");
  return it != obj.end() && it->is_number_integer() && it->get<int64_t>() >= 0
             ? static_cast<size_t>(it->get<int64_t>())
             : fallback;
}

QualifiedName RangeVarName(const Json* rv) {
  if (rv == nullptr) return {};
  return QualifiedName{Str(*rv, "schemaname"), Str(*rv, "relname")};
}

std::vector<std::string> Strings(const Json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const Json& item : list) {
    if (const Json* s = Node(item, "String")) out.push_back(Str(*s, "sval"));
  }
  return out;
}

TypeRef TypeOf(const Json* tn) {
  TypeRef t;
  if (tn == nullptr) return t;
  if (auto names = tn->find("names"); names != tn->end()) {
    const std::vector<std::string> parts = Strings(*names);
    if (!parts.empty()) t.name = ToLower(parts.back());
  }
  if (auto mods = tn->find("typmods"); mods != tn->end() && mods->is_array()) {
    for (const Json& m : *mods) {
      if (const Json* c = Node(m, "A_Const")) {
        if (auto iv = c->find("ival"); iv != c->end()) t.modifiers.push_back(iv->value("ival", 0));
      }
    }
  }
  t.array = tn->contains("arrayBounds");
  return t;
}

namespace {

// Functions whose value changes from row to row: a column added with one of
// these as default must be filled row by row, rewriting the table.
constexpr std::array<std::string_view, 12> kVolatile = {
    "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
    "clock_timestamp", "timeofday", "nextval", "txid_current", "setseed", "random_normal",
    "uuidv7"};
// Built-ins known not to be volatile; any other function is assumed volatile,
// since that is what CREATE FUNCTION declares by default.
constexpr std::array<std::string_view, 18> kNonVolatile = {
    "now", "transaction_timestamp", "statement_timestamp", "current_timestamp", "lower", "upper",
    "coalesce", "concat", "to_jsonb", "jsonb_build_object", "json_build_object", "array",
    "length", "trim", "btrim", "timezone", "make_interval", "to_char"};

bool Contains(const auto& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Walks an expression; `volatile_seen` / `call_seen` record what it found.
void Walk(const Json& j, bool& volatile_seen, bool& call_seen) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "FuncCall") {
        call_seen = true;
        const std::vector<std::string> parts = Strings(it.value().value("funcname", Json::array()));
        const std::string name = parts.empty() ? "" : ToLower(parts.back());
        if (Contains(kVolatile, name) || !Contains(kNonVolatile, name)) volatile_seen = true;
      } else if (it.key() == "SQLValueFunction" || it.key() == "ColumnRef" ||
                 it.key() == "SubLink") {
        call_seen = true;  // CURRENT_TIMESTAMP and friends: stable, not constant
        if (it.key() == "SubLink") volatile_seen = true;
      }
      Walk(it.value(), volatile_seen, call_seen);
    }
  } else if (j.is_array()) {
    for (const Json& e : j) Walk(e, volatile_seen, call_seen);
  }
}

}  // namespace

DefaultKind ClassifyDefault(const Json& expr) {
  bool volatile_seen = false, call_seen = false;
  Walk(expr, volatile_seen, call_seen);
  if (volatile_seen) return DefaultKind::kVolatile;
  return call_seen ? DefaultKind::kNonVolatile : DefaultKind::kConstant;
}

Constraint ConstraintOf(const Json& c) {
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
  out.columns = Strings(c.value(out.kind == ConstraintKind::kForeignKey ? "fk_attrs" : "keys",
                                Json::array()));
  out.ref_table = RangeVarName(c.contains("pktable") ? &c["pktable"] : nullptr);
  out.ref_columns = Strings(c.value("pk_attrs", Json::array()));
  out.not_valid = Bool(c, "skip_validation");
  out.using_index = Str(c, "indexname");
  out.offset = Location(c, 0);
  return out;
}

ColumnDef ColumnOf(const Json& col) {
  ColumnDef out;
  out.name = Str(col, "colname");
  out.type = TypeOf(col.contains("typeName") ? &col["typeName"] : nullptr);
  out.offset = Location(col, 0);
  if (auto cs = col.find("constraints"); cs != col.end() && cs->is_array()) {
    for (const Json& w : *cs) {
      const Json* c = Node(w, "Constraint");
      if (c == nullptr) continue;
      const std::string type = Str(*c, "contype");
      if (type == "CONSTR_NOTNULL") out.not_null = true;
      if (type == "CONSTR_PRIMARY") out.primary_key = out.not_null = true;
      if (type == "CONSTR_UNIQUE") out.unique = true;
      if (type == "CONSTR_IDENTITY") out.identity = true;
      if (type == "CONSTR_GENERATED") out.generated = true;
      if (type == "CONSTR_DEFAULT" && c->contains("raw_expr")) {
        out.default_kind = ClassifyDefault((*c)["raw_expr"]);
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

ObjectKind ObjectKindOf(const std::string& t) {
  static const std::pair<const char*, ObjectKind> kMap[] = {
      {"OBJECT_TABLE", ObjectKind::kTable},       {"OBJECT_INDEX", ObjectKind::kIndex},
      {"OBJECT_SCHEMA", ObjectKind::kSchema},     {"OBJECT_VIEW", ObjectKind::kView},
      {"OBJECT_MATVIEW", ObjectKind::kMaterializedView},
      {"OBJECT_SEQUENCE", ObjectKind::kSequence}, {"OBJECT_TYPE", ObjectKind::kType},
      {"OBJECT_DOMAIN", ObjectKind::kType},       {"OBJECT_FUNCTION", ObjectKind::kFunction},
      {"OBJECT_PROCEDURE", ObjectKind::kFunction}, {"OBJECT_COLUMN", ObjectKind::kColumn},
      {"OBJECT_TABCONSTRAINT", ObjectKind::kConstraint},
      {"OBJECT_TRIGGER", ObjectKind::kTrigger},   {"OBJECT_DATABASE", ObjectKind::kDatabase},
      {"OBJECT_EXTENSION", ObjectKind::kExtension},
  };
  for (const auto& [name, kind] : kMap) {
    if (t == name) return kind;
  }
  return ObjectKind::kOther;
}

}  // namespace strata::sql::pg
