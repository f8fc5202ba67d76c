// The SQLite rendering of a schema description: SQLite's type names, every
// constraint inside CREATE TABLE, expressions in SQLite's words.
#include <optional>

#include "tests/schema_gen/render.h"
#include "tests/schema_gen/render_text.h"

namespace strata::schema_gen {
namespace {

using K = TypeKind;

std::string TypeSql(const Type& t) {
  switch (t.kind) {
    case K::kSmallint:
      return "SMALLINT";
    case K::kInteger:
      return "INTEGER";
    case K::kBigint:
      return "BIGINT";
    case K::kNumeric:
      return "NUMERIC(" + std::to_string(t.length) + "," + std::to_string(t.scale) + ")";
    case K::kReal:
      return "REAL";
    case K::kDouble:
      return "DOUBLE";
    case K::kVarchar:
      return "VARCHAR(" + std::to_string(t.length) + ")";
    case K::kChar:
      return "CHAR(" + std::to_string(t.length) + ")";
    case K::kBoolean:
      return "BOOLEAN";
    case K::kDate:
      return "DATE";
    case K::kTimestamp:
      return "TIMESTAMP";
    case K::kUuid:
      return "UUID";
    case K::kJsonb:
      return "JSON";
    case K::kBytea:
      return "BLOB";
    default:  // the generator gives SQLite no other kind
      return "TEXT";
  }
}

std::optional<std::string> DefaultSql(const Column& c) {
  const Default& d = c.default_value;
  const int v = d.variant;
  const K k = c.type.kind;
  if (d.kind == DefaultKind::kNone) return std::nullopt;
  if (d.kind == DefaultKind::kNow) return k == K::kDate ? "CURRENT_DATE" : "CURRENT_TIMESTAMP";
  const bool expression = d.kind == DefaultKind::kExpression;
  switch (k) {
    case K::kSmallint:
    case K::kInteger:
    case K::kBigint:
      return expression ? Choose({"(1 + 2)", "(2 * 3)"}, v) : Choose({"0", "1", "42", "-7"}, v);
    case K::kNumeric:
    case K::kReal:
    case K::kDouble:
      return expression ? "(1.5 * 2)" : Choose({"0", "1.5", "-2.25"}, v);
    case K::kBoolean:
      return expression ? "(1 > 0)" : Choose({"1", "0"}, v);
    case K::kDate:
      return expression ? "(date('now', '+1 day'))" : Choose({"'2024-01-02'", "'1999-12-31'"}, v);
    case K::kTimestamp:
      return expression ? "(datetime('now'))" : "'2024-01-02 03:04:05'";
    case K::kUuid:
      return "'00000000-0000-0000-0000-000000000001'";
    case K::kJsonb:
      return expression ? "(json_object('k', 1))" : Choose({"'{}'", "'[]'"}, v);
    case K::kBytea:
      return expression ? "(zeroblob(2))" : "X'00FF'";
    default:  // text-like
      return expression ? Choose({"(lower('AB'))", "('a' || 'b')"}, v)
                        : Choose({"''", "'x'", "'abc'", "'it''s'"}, v);
  }
}

std::string ColumnSql(const Table& t, const Column& c) {
  std::string out = Quote(c.name) + " " + TypeSql(c.type);
  if (c.not_null) out += " NOT NULL";
  if (c.collate_c && IsTextLike(c.type.kind)) out += " COLLATE NOCASE";
  if (!c.generated_from.empty()) {
    const Column& source = *FindColumn(t, c.generated_from);
    const std::string from = Quote(source.name);
    // VIRTUAL: SQLite's default, and the kind ALTER TABLE ADD COLUMN can add.
    out += " GENERATED ALWAYS AS (" +
           (IsIntegerLike(source.type.kind) ? from + " * 2" : "upper(" + from + ")") + ") VIRTUAL";
  } else if (auto d = DefaultSql(c)) {
    out += " DEFAULT " + *d;
  }
  return out;
}

std::string ConstraintSql(const Schema& s, const Table& t, const Constraint& k) {
  std::string out = "CONSTRAINT " + Quote(k.name) + " ";
  switch (k.kind) {
    case ConstraintKind::kPrimaryKey:
      return out + "PRIMARY KEY (" + QuoteList(k.columns) + ")";
    case ConstraintKind::kUnique:
      return out + "UNIQUE (" + QuoteList(k.columns) + ")";
    case ConstraintKind::kForeignKey:
      return out + ForeignKeySql(k);
    case ConstraintKind::kCheck:
      return out + "CHECK (" + CheckSql(s, t, k) + ")";
    case ConstraintKind::kExclusion:  // the generator gives SQLite none
      break;
  }
  return out;
}

}  // namespace

std::string RenderSqlite(const Schema& s) {
  std::string out;
  for (const Table& t : s.tables) {
    std::string body;
    for (const Column& c : t.columns)
      body += (body.empty() ? "" : ",\n") + ("  " + ColumnSql(t, c));
    for (const Constraint& k : t.constraints) {
      body += (body.empty() ? "" : ",\n") + ("  " + ConstraintSql(s, t, k));
    }
    out += "CREATE TABLE " + Quote(t.name) + " (\n" + body + "\n);\n";
  }
  for (const View& v : s.views) {
    out += "CREATE VIEW " + Quote(v.name) + " AS " + ViewQuery(v) + ";\n";
  }
  for (const Index& ix : s.indexes) out += IndexSql(s, ix) + ";\n";
  return out;
}

}  // namespace strata::schema_gen
