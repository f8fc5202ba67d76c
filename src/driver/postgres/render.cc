#include "driver/postgres/render.h"

#include "base/strings.h"
#include "driver/sql_text.h"

namespace strata::driver::postgres {

using catalog::Column;
using catalog::Generated;
using catalog::Identity;
using catalog::QualifiedName;
using catalog::TriggerState;

std::string Q(std::string_view name) { return QuoteName(Dialect::kPostgres, name); }
std::string Q(const QualifiedName& name) { return QuoteQualified(Dialect::kPostgres, name); }

std::string NameList(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& n : names) quoted.push_back(Q(n));
  return Join(quoted, ", ");
}

std::string SequenceClauses(const catalog::SequenceOptions& o) {
  return "START WITH " + o.start + " INCREMENT BY " + o.increment + " MINVALUE " + o.min_value +
         " MAXVALUE " + o.max_value + " CACHE " + o.cache + (o.cycle ? " CYCLE" : " NO CYCLE");
}

std::string WithOptions(const std::vector<std::string>& options) {
  return options.empty() ? "" : " WITH (" + Join(options, ", ") + ")";
}

std::string ColumnSql(const Column& c) {
  std::string out = Q(c.name) + " " + c.type;
  if (c.collation) out += " COLLATE " + Q(*c.collation);
  if (c.generated != Generated::kNone) {
    out += " GENERATED ALWAYS AS (" + c.generation_expr + ") STORED";
  } else if (c.identity != Identity::kNone) {
    out += std::string(" GENERATED ") +
           (c.identity == Identity::kAlways ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (" +
           SequenceClauses(c.identity_options) + ")";
  } else if (c.default_expr) {
    out += " DEFAULT " + *c.default_expr;
  }
  if (c.not_null) out += " NOT NULL";
  return out;
}

std::string TableSql(const catalog::Table& t) {
  std::string s = std::string("CREATE ") + (t.unlogged ? "UNLOGGED " : "") + "TABLE " + Q(t.name);
  if (t.partition_of) {
    // A partition takes its columns from its parent.
    s += " PARTITION OF " + Q(*t.partition_of) + " " + t.partition_bound;
  } else {
    std::vector<std::string> columns;
    for (const Column& c : t.columns) {
      if (!c.inherited) columns.push_back("    " + ColumnSql(c));
    }
    s += columns.empty() ? " (\n)" : " (\n" + Join(columns, ",\n") + "\n)";
    if (!t.inherits.empty()) {
      std::vector<std::string> parents;
      for (const QualifiedName& p : t.inherits) parents.push_back(Q(p));
      s += " INHERITS (" + Join(parents, ", ") + ")";
    }
  }
  if (!t.partition_key.empty()) s += " PARTITION BY " + t.partition_key;
  return s + WithOptions(t.options);
}

std::string EnumSql(const catalog::EnumType& e) {
  std::vector<std::string> labels;
  for (const std::string& l : e.labels) labels.push_back(QuoteLiteral(l));
  return "CREATE TYPE " + Q(e.name) + " AS ENUM (" + Join(labels, ", ") + ")";
}

std::string DomainConstraintSql(const catalog::Domain& d, const catalog::DomainConstraint& k) {
  return "ALTER DOMAIN " + Q(d.name) + " ADD CONSTRAINT " + Q(k.name) + " " + k.definition;
}

std::string DomainSql(const catalog::Domain& d) {
  std::string s = "CREATE DOMAIN " + Q(d.name) + " AS " + d.base_type;
  if (d.collation) s += " COLLATE " + Q(*d.collation);
  if (d.not_null) s += " NOT NULL";
  return s;
}

std::vector<std::string> DomainRulesSql(const catalog::Domain& d) {
  std::vector<std::string> out;
  if (d.default_expr)
    out.push_back("ALTER DOMAIN " + Q(d.name) + " SET DEFAULT " + *d.default_expr);
  for (const catalog::DomainConstraint& k : d.constraints) out.push_back(DomainConstraintSql(d, k));
  return out;
}

std::string CompositeAttributeSql(const catalog::CompositeAttribute& a) {
  return Q(a.name) + " " + a.type + (a.collation ? " COLLATE " + Q(*a.collation) : "");
}

std::string CompositeTypeSql(const catalog::CompositeType& t) {
  std::vector<std::string> attributes;
  for (const catalog::CompositeAttribute& a : t.attributes) {
    attributes.push_back(CompositeAttributeSql(a));
  }
  return "CREATE TYPE " + Q(t.name) + " AS (" + Join(attributes, ", ") + ")";
}

std::string SequenceSql(const catalog::Sequence& s) {
  return "CREATE SEQUENCE " + Q(s.name) + " AS " + s.options.type + " " +
         SequenceClauses(s.options);
}

std::string OwnedBySql(const catalog::Sequence& s) {
  return "ALTER SEQUENCE " + Q(s.name) + " OWNED BY " +
         (s.owned_by ? Q(s.owned_by->table) + "." + Q(s.owned_by->column) : "NONE");
}

std::string AddConstraintSql(const QualifiedName& table, const catalog::Constraint& k) {
  return "ALTER TABLE " + Q(table) + " ADD CONSTRAINT " + Q(k.name) + " " + k.definition;
}

std::string ViewSql(const catalog::View& v, bool with_data) {
  return std::string("CREATE ") + (v.materialized ? "MATERIALIZED " : "") + "VIEW " + Q(v.name) +
         WithOptions(v.options) + " AS\n" + v.definition +
         (v.materialized && !with_data ? "\n  WITH NO DATA" : "");
}

std::string IndexSql(const catalog::Index& i, bool concurrently) {
  std::string s = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " +
                  (concurrently ? "CONCURRENTLY " : "") + Q(i.name.name) + " ON " + Q(i.table) +
                  " USING " + i.method + " (" + Join(i.keys, ", ") + ")";
  if (!i.include.empty()) s += " INCLUDE (" + NameList(i.include) + ")";
  if (i.nulls_not_distinct) s += " NULLS NOT DISTINCT";
  s += WithOptions(i.options);
  if (!i.predicate.empty()) s += " WHERE " + i.predicate;
  return s;
}

std::optional<std::string> TriggerStateSql(const catalog::Trigger& t) {
  const std::string alter = "ALTER TABLE " + Q(t.table) + " ";
  switch (t.state) {
    case TriggerState::kEnabled:
      return std::nullopt;
    case TriggerState::kDisabled:
      return alter + "DISABLE TRIGGER " + Q(t.name);
    case TriggerState::kReplica:
      return alter + "ENABLE REPLICA TRIGGER " + Q(t.name);
    case TriggerState::kAlways:
      return alter + "ENABLE ALWAYS TRIGGER " + Q(t.name);
  }
  return std::nullopt;
}

std::string PolicySql(const catalog::Policy& p) {
  std::vector<std::string> roles;
  for (const std::string& r : p.roles) roles.push_back(r == "public" ? "PUBLIC" : Q(r));
  std::string s = "CREATE POLICY " + Q(p.name) + " ON " + Q(p.table) + " AS " +
                  (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command + " TO " +
                  (roles.empty() ? "PUBLIC" : Join(roles, ", "));
  if (!p.using_expr.empty()) s += " USING (" + p.using_expr + ")";
  if (!p.check_expr.empty()) s += " WITH CHECK (" + p.check_expr + ")";
  return s;
}

std::string TableTarget(const catalog::Table& t) { return "TABLE " + Q(t.name); }
std::string ColumnTarget(const QualifiedName& table, const std::string& column) {
  return "COLUMN " + Q(table) + "." + Q(column);
}
std::string ConstraintTarget(const QualifiedName& table, const std::string& name) {
  return "CONSTRAINT " + Q(name) + " ON " + Q(table);
}
std::string FunctionTarget(const catalog::Function& f) {
  return std::string(f.kind == catalog::RoutineKind::kProcedure ? "PROCEDURE " : "FUNCTION ") +
         Q(f.name) + "(" + f.arguments + ")";
}
std::string ViewTarget(const catalog::View& v) {
  return std::string(v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + Q(v.name);
}
std::string TriggerTarget(const catalog::Trigger& t) {
  return "TRIGGER " + Q(t.name) + " ON " + Q(t.table);
}
std::string PolicyTarget(const catalog::Policy& p) {
  return "POLICY " + Q(p.name) + " ON " + Q(p.table);
}

std::string CommentSql(const std::string& target, const std::string& comment) {
  return "COMMENT ON " + target + " IS " + (comment.empty() ? "NULL" : QuoteLiteral(comment));
}

}  // namespace strata::driver::postgres
