// The PostgreSQL rendering of a schema description.
#include <optional>

#include "tests/schema_gen/render.h"
#include "tests/schema_gen/render_text.h"

namespace strata::schema_gen {
namespace {

using K = TypeKind;

std::string TypeSql(const Type& t) {
  switch (t.kind) {
    case K::kSmallint:
      return "smallint";
    case K::kInteger:
      return "integer";
    case K::kBigint:
      return "bigint";
    case K::kNumeric:
      return "numeric(" + std::to_string(t.length) + "," + std::to_string(t.scale) + ")";
    case K::kReal:
      return "real";
    case K::kDouble:
      return "double precision";
    case K::kText:
      return "text";
    case K::kVarchar:
      return "varchar(" + std::to_string(t.length) + ")";
    case K::kChar:
      return "char(" + std::to_string(t.length) + ")";
    case K::kBoolean:
      return "boolean";
    case K::kDate:
      return "date";
    case K::kTimestamp:
      return "timestamp";
    case K::kTimestamptz:
      return "timestamptz";
    case K::kInterval:
      return "interval";
    case K::kUuid:
      return "uuid";
    case K::kJsonb:
      return "jsonb";
    case K::kBytea:
      return "bytea";
    case K::kIntArray:
      return "integer[]";
    case K::kTextArray:
      return "text[]";
    case K::kInt4range:
      return "int4range";
    case K::kTstzrange:
      return "tstzrange";
    case K::kEnum:
    case K::kDomain:
      return Quote(t.ref);
  }
  return "";
}

std::string Constant(const Schema& s, const Type& t, int v) {
  switch (t.kind) {
    case K::kSmallint:
    case K::kInteger:
    case K::kBigint:
      return Choose({"0", "1", "42", "-7"}, v);
    case K::kNumeric:
      return Choose({"0", "1.5", "12.25"}, v);
    case K::kReal:
    case K::kDouble:
      return Choose({"0", "1.5", "-2.25"}, v);
    case K::kText:
    case K::kVarchar:
    case K::kChar:
      return Choose({"''", "'x'", "'abc'", "'it''s'"}, v);
    case K::kBoolean:
      return Choose({"true", "false"}, v);
    case K::kDate:
      return Choose({"'2024-01-02'", "'1999-12-31'"}, v);
    case K::kTimestamp:
      return "'2024-01-02 03:04:05'";
    case K::kTimestamptz:
      return "'2024-01-02 03:04:05+00'";
    case K::kInterval:
      return Choose({"'1 day'", "'02:00:00'"}, v);
    case K::kUuid:
      return "'00000000-0000-0000-0000-000000000001'";
    case K::kJsonb:
      return Choose({"'{}'", "'[]'", "'{\"k\": 1}'"}, v);
    case K::kBytea:
      return "'\\x00ff'";
    case K::kIntArray:
      return Choose({"'{}'", "'{1,2}'"}, v);
    case K::kTextArray:
      return Choose({"'{}'", "'{a,b}'"}, v);
    case K::kInt4range:
      return Choose({"'[1,10)'", "'empty'"}, v);
    case K::kTstzrange:
      return "'[2024-01-01,2025-01-01)'";
    case K::kEnum:
      // Always the first label: the mutator never inserts before it.
      return Literal(FindEnum(s, t.ref)->labels[0]);
    case K::kDomain: {
      const Domain& d = *FindDomain(s, t.ref);
      return d.base == K::kInteger ? std::to_string(d.check_min + 1 + v % 3) : "'d'";
    }
  }
  return "NULL";
}

std::string Expression(const Schema& s, const Type& t, int v) {
  switch (t.kind) {
    case K::kSmallint:
    case K::kInteger:
    case K::kBigint:
      return Choose({"(1 + 2)", "(2 * 3)"}, v);
    case K::kNumeric:
    case K::kReal:
    case K::kDouble:
      return "(1.5 * 2)";
    case K::kText:
    case K::kVarchar:
    case K::kChar:
      return Choose({"lower('AB')", "('a' || 'b')"}, v);
    case K::kBoolean:
      return "(1 > 0)";
    case K::kDate:
      return "(CURRENT_DATE + 1)";
    case K::kTimestamp:
      return "('2024-01-01'::timestamp + '1 day'::interval)";
    case K::kTimestamptz:
      return "(now() + '1 day'::interval)";
    case K::kInterval:
      return "('1 day'::interval * 2)";
    case K::kJsonb:
      return "jsonb_build_object('k', 1)";
    case K::kBytea:
      return "decode('00ff', 'hex')";
    case K::kIntArray:
      return "ARRAY[1, 2]";
    case K::kTextArray:
      return "ARRAY['a', 'b']";
    case K::kInt4range:
      return "int4range(1, 10)";
    case K::kTstzrange:
      return "tstzrange(now(), NULL)";
    default:
      return Constant(s, t, v);
  }
}

std::optional<std::string> DefaultSql(const Schema& s, const Column& c) {
  const Default& d = c.default_value;
  switch (d.kind) {
    case DefaultKind::kNone:
      return std::nullopt;
    case DefaultKind::kConstant:
      return Constant(s, c.type, d.variant);
    case DefaultKind::kExpression:
      return Expression(s, c.type, d.variant);
    case DefaultKind::kNow:
      if (c.type.kind == K::kDate) return "CURRENT_DATE";
      if (c.type.kind == K::kTimestamp) return Choose({"LOCALTIMESTAMP", "now()"}, d.variant);
      if (c.type.kind == K::kTimestamptz) return Choose({"now()", "CURRENT_TIMESTAMP"}, d.variant);
      return "gen_random_uuid()";
    case DefaultKind::kNextval: {
      const Sequence& q = s.sequences[static_cast<size_t>(d.variant) % s.sequences.size()];
      return "nextval(" + Literal(Quote(q.name)) + ")";
    }
    case DefaultKind::kFunction: {
      const Function& f = s.functions[static_cast<size_t>(d.variant) % s.functions.size()];
      return Quote(f.name) + "(" + std::to_string(d.variant % 10) + ")";
    }
  }
  return std::nullopt;
}

std::string ColumnSql(const Schema& s, const Table& t, const Column& c) {
  std::string out = Quote(c.name) + " ";
  if (c.serial) {
    out += c.type.kind == K::kBigint ? "bigserial" : "serial";
  } else {
    out += TypeSql(c.type);
  }
  if (c.collate_c && IsTextLike(c.type.kind)) out += " COLLATE \"C\"";
  if (!c.generated_from.empty()) {
    const Column& source = *FindColumn(t, c.generated_from);
    const std::string from = Quote(source.name);
    out += " GENERATED ALWAYS AS (" +
           (IsIntegerLike(source.type.kind) ? from + " * 2" : "upper(" + from + ")") + ") STORED";
  } else if (c.identity != Identity::kNone) {
    out += c.identity == Identity::kAlways ? " GENERATED ALWAYS AS IDENTITY"
                                           : " GENERATED BY DEFAULT AS IDENTITY";
    if (c.identity_start) out += " (START WITH " + std::to_string(c.identity_start) + ")";
  } else if (auto d = DefaultSql(s, c)) {
    out += " DEFAULT " + *d;
  }
  if (c.not_null && !c.serial && c.identity == Identity::kNone) out += " NOT NULL";
  return out;
}

std::string ConstraintSql(const Schema& s, const Table& t, const Constraint& k) {
  std::string out = "CONSTRAINT " + Quote(k.name) + " ";
  switch (k.kind) {
    case ConstraintKind::kPrimaryKey:
      return out + "PRIMARY KEY (" + QuoteList(k.columns) + ")";
    case ConstraintKind::kUnique:
      return out + "UNIQUE " + (k.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + "(" +
             QuoteList(k.columns) + ")";
    case ConstraintKind::kForeignKey:
      return out + ForeignKeySql(k);
    case ConstraintKind::kCheck:
      return out + "CHECK (" + CheckSql(s, t, k) + ")";
    case ConstraintKind::kExclusion:
      return out + "EXCLUDE USING gist (" + Quote(k.columns[0]) + " WITH &&)";
  }
  return out;
}

void Comment(std::string& out, const std::string& what, const std::string& comment) {
  if (!comment.empty()) out += "COMMENT ON " + what + " IS " + Literal(comment) + ";\n";
}

void Comments(const Schema& s, std::string& out) {
  for (const SchemaNamespace& n : s.namespaces) Comment(out, "SCHEMA " + Quote(n.name), n.comment);
  for (const Enum& e : s.enums) Comment(out, "TYPE " + Quote(e.name), e.comment);
  for (const Domain& d : s.domains) Comment(out, "DOMAIN " + Quote(d.name), d.comment);
  for (const Sequence& q : s.sequences) Comment(out, "SEQUENCE " + Quote(q.name), q.comment);
  for (const Function& f : s.functions) {
    Comment(out, "FUNCTION " + Quote(f.name) + "(integer)", f.comment);
  }
  for (const Table& t : s.tables) {
    Comment(out, "TABLE " + Quote(t.name), t.comment);
    for (const Column& c : t.columns) {
      Comment(out, "COLUMN " + Quote(t.name) + "." + Quote(c.name), c.comment);
    }
    for (const Constraint& k : t.constraints) {
      Comment(out, "CONSTRAINT " + Quote(k.name) + " ON " + Quote(t.name), k.comment);
    }
  }
  for (const View& v : s.views) {
    Comment(out, (v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + Quote(v.name), v.comment);
  }
  for (const Index& ix : s.indexes) Comment(out, "INDEX " + Quote(ix.name), ix.comment);
}

}  // namespace

std::string RenderPostgres(const Schema& s) {
  std::string out;
  for (const SchemaNamespace& n : s.namespaces) out += "CREATE SCHEMA " + Quote(n.name) + ";\n";
  for (const Enum& e : s.enums) {
    std::string labels;
    for (const std::string& l : e.labels) labels += (labels.empty() ? "" : ", ") + Literal(l);
    out += "CREATE TYPE " + Quote(e.name) + " AS ENUM (" + labels + ");\n";
  }
  for (const Domain& d : s.domains) {
    const bool integer = d.base == K::kInteger;
    out += "CREATE DOMAIN " + Quote(d.name) + " AS " + (integer ? "integer" : "text");
    if (d.has_default) out += " DEFAULT " + (integer ? std::to_string(d.check_min + 1) : "'d'");
    if (d.not_null) out += " NOT NULL";
    out += integer ? " CHECK (VALUE > " + std::to_string(d.check_min) + ");\n"
                   : " CHECK (VALUE <> '');\n";
  }
  for (const Sequence& q : s.sequences) {
    out += "CREATE SEQUENCE " + Quote(q.name) + " START WITH " + std::to_string(q.start) +
           " INCREMENT BY " + std::to_string(q.increment) + ";\n";
  }
  for (const Function& f : s.functions) {
    out += "CREATE FUNCTION " + Quote(f.name) +
           "(a integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT a + " +
           std::to_string(f.addend) + " $$;\n";
  }
  for (const Table& t : s.tables) {
    std::string body;
    for (const Column& c : t.columns)
      body += (body.empty() ? "" : ",\n") + ("  " + ColumnSql(s, t, c));
    for (const Constraint& k : t.constraints) {
      if (k.kind == ConstraintKind::kForeignKey) continue;
      body += (body.empty() ? "" : ",\n") + ("  " + ConstraintSql(s, t, k));
    }
    out += "CREATE TABLE " + Quote(t.name) + " (\n" + body + "\n);\n";
  }
  for (const Table& t : s.tables) {
    for (const Constraint& k : t.constraints) {
      if (k.kind != ConstraintKind::kForeignKey) continue;
      out += "ALTER TABLE " + Quote(t.name) + " ADD " + ConstraintSql(s, t, k) + ";\n";
    }
  }
  for (const View& v : s.views) {
    out += std::string("CREATE ") + (v.materialized ? "MATERIALIZED " : "") + "VIEW " +
           Quote(v.name) + " AS " + ViewQuery(v) + ";\n";
  }
  for (const Index& ix : s.indexes) out += IndexSql(s, ix) + ";\n";
  Comments(s, out);
  return out;
}

std::string Render(const Schema& schema) {
  return schema.dialect == Dialect::kPostgres ? RenderPostgres(schema) : RenderSqlite(schema);
}

}  // namespace strata::schema_gen
