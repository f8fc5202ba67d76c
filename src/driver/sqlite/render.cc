#include "driver/sqlite/render.h"

#include "base/strings.h"
#include "driver/sql_text.h"
#include "driver/sqlite/tokens.h"

namespace strata::driver::sqlite {

using catalog::Column;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Generated;
using catalog::Table;

namespace {

// DEFAULT takes a literal, a signed number or a parenthesized expression.
std::string DefaultSql(const std::string& expr) {
  const std::vector<ddl::Token> tokens = ddl::Tokenize(expr);
  using Kind = ddl::Token::Kind;
  const bool literal = tokens.size() == 1 && tokens[0].kind != Kind::kOperator;
  const bool signed_number = tokens.size() == 2 && tokens[0].kind == Kind::kOperator &&
                             (tokens[0].text == "-" || tokens[0].text == "+") &&
                             tokens[1].kind == Kind::kNumber;
  return literal || signed_number ? expr : "(" + expr + ")";
}

// The primary key an AUTOINCREMENT column carries inline (SQLite allows the
// keyword nowhere else).
const Constraint* InlinePrimaryKey(const Table& t, const Column& c) {
  if (!c.autoincrement) return nullptr;
  for (const Constraint& k : t.constraints) {
    if (k.kind == ConstraintKind::kPrimaryKey && k.columns.size() == 1 && k.columns[0] == c.name) {
      return &k;
    }
  }
  return nullptr;
}

}  // namespace

std::string Q(std::string_view name) { return QuoteName(Dialect::kSqlite, name); }

std::string ColumnSql(const Table& t, const Column& c) {
  std::string out = Q(c.name);
  if (!c.type.empty()) out += " " + c.type;
  if (const Constraint* pk = InlinePrimaryKey(t, c)) {
    if (!pk->name.empty()) out += " CONSTRAINT " + Q(pk->name);
    out += " PRIMARY KEY AUTOINCREMENT";
  }
  if (c.not_null) out += " NOT NULL";
  if (c.default_expr) out += " DEFAULT " + DefaultSql(*c.default_expr);
  if (c.collation) out += " COLLATE " + Q(c.collation->name);
  if (c.generated != Generated::kNone) {
    out += " GENERATED ALWAYS AS (" + c.generation_expr + ")" +
           (c.generated == Generated::kStored ? " STORED" : " VIRTUAL");
  }
  return out;
}

std::string TableSql(const Table& t) {
  if (!t.virtual_using.empty()) {
    return "CREATE VIRTUAL TABLE " + Q(t.name.name) + " USING " + t.virtual_using;
  }
  std::vector<std::string> lines;
  for (const Column& c : t.columns) lines.push_back("    " + ColumnSql(t, c));
  for (const Constraint& k : t.constraints) {
    bool inline_pk = false;
    for (const Column& c : t.columns) inline_pk = inline_pk || InlinePrimaryKey(t, c) == &k;
    if (inline_pk) continue;
    lines.push_back("    " + (k.name.empty() ? "" : "CONSTRAINT " + Q(k.name) + " ") +
                    k.definition);
  }
  std::string s = "CREATE TABLE " + Q(t.name.name) + " (\n" + Join(lines, ",\n") + "\n)";
  if (t.without_rowid) s += " WITHOUT ROWID";
  if (t.strict) s += t.without_rowid ? ", STRICT" : " STRICT";
  return s;
}

std::string IndexSql(const catalog::Index& i) {
  std::string s = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " + Q(i.name.name) +
                  " ON " + Q(i.table.name) + " (" + Join(i.keys, ", ") + ")";
  if (!i.predicate.empty()) s += " WHERE " + i.predicate;
  return s;
}

std::string ViewSql(const catalog::View& v) {
  std::string s = "CREATE VIEW " + Q(v.name.name);
  if (!v.columns.empty()) {
    std::vector<std::string> columns;
    for (const std::string& c : v.columns) columns.push_back(Q(c));
    s += " (" + Join(columns, ", ") + ")";
  }
  return s + " AS " + v.definition;
}

}  // namespace strata::driver::sqlite
