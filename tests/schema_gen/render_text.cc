#include "tests/schema_gen/render_text.h"

#include <algorithm>

namespace strata::schema_gen {

std::string Quote(const std::string& name) {
  const bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                     });
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) out += c == '"' ? "\"\"" : std::string(1, c);
  return out + "\"";
}

std::string Quote(const Name& name) {
  return name.schema.empty() ? Quote(name.name) : Quote(name.schema) + "." + Quote(name.name);
}

std::string QuoteList(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + Quote(n);
  return out;
}

std::string Literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? "''" : std::string(1, c);
  return out + "'";
}

const std::string& Choose(const std::vector<std::string>& options, int variant) {
  return options[static_cast<size_t>(variant) % options.size()];
}

std::string ForeignKeySql(const Constraint& k) {
  return "FOREIGN KEY (" + QuoteList(k.columns) + ") REFERENCES " + Quote(k.ref_table) + " (" +
         QuoteList(k.ref_columns) + ") ON DELETE " + k.on_delete + " ON UPDATE " + k.on_update +
         (k.deferred ? " DEFERRABLE INITIALLY DEFERRED" : "");
}

std::string CheckSql(const Schema& schema, const Table& table, const Constraint& k) {
  if (k.columns.size() > 1) {
    const std::string a = Quote(k.columns[0]), b = Quote(k.columns[1]);
    return Choose(
        {a + " IS NOT NULL OR " + b + " IS NOT NULL", "(" + a + " IS NULL) = (" + b + " IS NULL)"},
        k.variant);
  }
  const std::string c = Quote(k.columns[0]);
  const Column* column = FindColumn(table, k.columns[0]);
  TypeKind kind = column->type.kind;
  if (kind == TypeKind::kDomain) kind = FindDomain(schema, column->type.ref)->base;
  const bool postgres = schema.dialect == Dialect::kPostgres;
  switch (kind) {
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
    case TypeKind::kNumeric:
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return Choose({c + " > -1000", c + " <> 13", c + " BETWEEN -5 AND 1000000"}, k.variant);
    case TypeKind::kText:
    case TypeKind::kVarchar:
    case TypeKind::kChar:
      return Choose({"length(" + c + ") < 1000", c + " <> 'forbidden'", c + " LIKE 'a%'"},
                    k.variant);
    case TypeKind::kDate:
    case TypeKind::kTimestamp:
    case TypeKind::kTimestamptz:
      return c + " > '1900-01-01'";
    case TypeKind::kBoolean:
      return Choose({c + " IS NOT NULL", c + " OR NOT " + c}, k.variant);
    case TypeKind::kEnum:
      return c + " >= " + Literal(FindEnum(schema, column->type.ref)->labels[0]);
    case TypeKind::kJsonb:
      return postgres ? "jsonb_typeof(" + c + ") <> 'null'" : "json_valid(" + c + ")";
    case TypeKind::kIntArray:
    case TypeKind::kTextArray:
      return "cardinality(" + c + ") < 100";
    case TypeKind::kInt4range:
    case TypeKind::kTstzrange:
      return "NOT isempty(" + c + ")";
    default:
      return c + " IS NOT NULL";
  }
}

std::string ViewQuery(const View& view) {
  auto ref = [&view](const ViewColumn& c) {
    return "t" + std::to_string(c.source) + "." + Quote(c.column);
  };
  std::string out = "SELECT ";
  for (size_t i = 0; i < view.columns.size(); ++i) {
    out += (i ? ", " : "") + ref(view.columns[i]) + " AS a" + std::to_string(i + 1);
  }
  out += " FROM " + Quote(view.from[0]) + " t0";
  if (view.from.size() > 1) out += " CROSS JOIN " + Quote(view.from[1]) + " t1";
  const std::string first = ref(view.columns.front()), last = ref(view.columns.back());
  switch (view.where_variant) {
    case 1:
      out += " WHERE " + first + " IS NOT NULL";
      break;
    case 2:
      out += " WHERE " + first + " IS NULL";
      break;
    case 3:
      out += " WHERE " + first + " IS NOT NULL AND " + last + " IS NULL";
      break;
    default:
      break;
  }
  return out;
}

std::string IndexSql(const Schema& schema, const Index& ix) {
  const bool postgres = schema.dialect == Dialect::kPostgres;
  std::string keys;
  for (const IndexKey& k : ix.keys) {
    const std::string c = Quote(k.column);
    std::string key = c;
    if (k.expression == KeyExpression::kLower) key = "lower(" + c + ")";
    if (k.expression == KeyExpression::kPlus) key = "(" + c + " + 1)";
    if (k.expression == KeyExpression::kField) {
      key = postgres ? "(" + c + " ->> 'k')" : "json_extract(" + c + ", '$.k')";
    }
    keys += (keys.empty() ? "" : ", ") + key + (k.desc ? " DESC" : "");
  }
  // PostgreSQL puts an index in its table's schema; the name stays unqualified.
  std::string out = std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX " +
                    Quote(ix.name.name) + " ON " + Quote(ix.table);
  if (postgres) {
    out += ix.method == IndexMethod::kGin    ? " USING gin"
           : ix.method == IndexMethod::kHash ? " USING hash"
                                             : " USING btree";
  }
  out += " (" + keys + ")";
  if (!ix.include.empty()) out += " INCLUDE (" + QuoteList(ix.include) + ")";
  if (!ix.where_not_null.empty()) out += " WHERE " + Quote(ix.where_not_null) + " IS NOT NULL";
  return out;
}

}  // namespace strata::schema_gen
