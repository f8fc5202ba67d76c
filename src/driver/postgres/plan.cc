// The PostgreSQL plan: schema SQL; the order of sections is documented in plan.h.
#include "driver/postgres/plan.h"

#include "base/strings.h"
#include "catalog/dependency_order.h"
#include "driver/sql_text.h"

namespace strata::driver::postgres {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::CompositeAttribute;
using catalog::CompositeType;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Domain;
using catalog::DomainConstraint;
using catalog::EnumType;
using catalog::Extension;
using catalog::Function;
using catalog::Generated;
using catalog::Identity;
using catalog::Index;
using catalog::Policy;
using catalog::QualifiedName;
using catalog::RoutineKind;
using catalog::Schema;
using catalog::Sequence;
using catalog::SequenceOptions;
using catalog::Table;
using catalog::TablesInCreationOrder;
using catalog::Trigger;
using catalog::TriggerState;
using catalog::View;
using catalog::ViewsInCreationOrder;

std::string Q(std::string_view name) { return QuoteName(Dialect::kPostgres, name); }
std::string Q(const QualifiedName& name) { return QuoteQualified(Dialect::kPostgres, name); }

std::string NameList(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& n : names) quoted.push_back(Q(n));
  return Join(quoted, ", ");
}

std::string SequenceClauses(const SequenceOptions& o) {
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

class PostgresDump {
 public:
  explicit PostgresDump(const Catalog& c) : c_(c) {}

  std::string Render() {
    out_ =
        "-- strata schema dump (PostgreSQL)\n"
        "SET check_function_bodies = false;\n"
        "SET client_min_messages = warning;\n"
        "SET standard_conforming_strings = on;\n"
        "SELECT pg_catalog.set_config('search_path', '', false);\n";
    Schemas();
    Types();
    Routines();
    Tables();
    RoutinesAfter(/*views=*/false);
    Constraints();
    Views();
    RoutinesAfter(/*views=*/true);
    Indexes();
    Triggers();
    Security();
    Comments();
    return out_;
  }

 private:
  // Statements of one section, under its title; nothing when there are none.
  void Section(std::string_view title, const std::vector<std::string>& statements) {
    if (statements.empty()) return;
    out_ += "\n-- ";
    out_ += title;
    out_ += "\n";
    for (const std::string& s : statements) out_ += s + ";\n";
  }

  void Schemas() {
    std::vector<std::string> schemas, extensions;
    for (const Schema& s : c_.schemas)
      schemas.push_back("CREATE SCHEMA IF NOT EXISTS " + Q(s.name));
    for (const Extension& e : c_.extensions) {
      extensions.push_back("CREATE EXTENSION IF NOT EXISTS " + Q(e.name) + " WITH SCHEMA " +
                           Q(e.schema));
    }
    Section("Schemas", schemas);
    Section("Extensions", extensions);
  }

  void Types() {
    std::vector<std::string> out;
    for (const EnumType& e : c_.enums) {
      std::vector<std::string> labels;
      for (const std::string& l : e.labels) labels.push_back(QuoteLiteral(l));
      out.push_back("CREATE TYPE " + Q(e.name) + " AS ENUM (" + Join(labels, ", ") + ")");
    }
    for (const Domain& d : c_.domains) {
      std::string s = "CREATE DOMAIN " + Q(d.name) + " AS " + d.base_type;
      if (d.collation) s += " COLLATE " + Q(*d.collation);
      if (d.default_expr) s += " DEFAULT " + *d.default_expr;
      if (d.not_null) s += " NOT NULL";
      out.push_back(std::move(s));
      // ALTER DOMAIN, because CREATE DOMAIN cannot say NOT VALID.
      for (const DomainConstraint& k : d.constraints) {
        out.push_back("ALTER DOMAIN " + Q(d.name) + " ADD CONSTRAINT " + Q(k.name) + " " +
                      k.definition);
      }
    }
    for (const CompositeType& t : c_.composite_types) {
      std::vector<std::string> attributes;
      for (const CompositeAttribute& a : t.attributes) {
        attributes.push_back(Q(a.name) + " " + a.type +
                             (a.collation ? " COLLATE " + Q(*a.collation) : ""));
      }
      out.push_back("CREATE TYPE " + Q(t.name) + " AS (" + Join(attributes, ", ") + ")");
    }
    Section("Types", out);
  }

  void Routines() {
    std::vector<std::string> sequences, functions;
    for (const Sequence& s : c_.sequences) {
      sequences.push_back("CREATE SEQUENCE " + Q(s.name) + " AS " + s.options.type + " " +
                          SequenceClauses(s.options));
    }
    for (const Function& f : c_.functions) {
      if (!f.uses_tables && !f.uses_views) functions.push_back(f.definition);
    }
    Section("Sequences", sequences);
    Section("Functions and procedures", functions);
  }

  void Tables() {
    std::vector<std::string> out;
    for (const Table* t : TablesInCreationOrder(c_)) out.push_back(TableSql(*t));
    Section("Tables", out);
    std::vector<std::string> owned;
    for (const Sequence& s : c_.sequences) {
      if (!s.owned_by) continue;
      owned.push_back("ALTER SEQUENCE " + Q(s.name) + " OWNED BY " + Q(s.owned_by->table) + "." +
                      Q(s.owned_by->column));
    }
    Section("Sequence ownership", owned);
  }

  // Functions that can only be created once the tables (`views` false) or
  // also the views (`views` true) they use exist.
  void RoutinesAfter(bool views) {
    std::vector<std::string> out;
    for (const Function& f : c_.functions) {
      if (f.uses_views == views && (f.uses_tables || f.uses_views)) out.push_back(f.definition);
    }
    Section(views ? "Functions and procedures that use views"
                  : "Functions and procedures that use tables",
            out);
  }

  static std::string TableSql(const Table& t) {
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

  void Constraints() {
    std::vector<std::string> keys, foreign;
    for (const Table& t : c_.tables) {
      for (const Constraint& k : t.constraints) {
        std::string s =
            "ALTER TABLE " + Q(t.name) + " ADD CONSTRAINT " + Q(k.name) + " " + k.definition;
        (k.kind == ConstraintKind::kForeignKey ? foreign : keys).push_back(std::move(s));
      }
    }
    Section("Constraints", keys);
    Section("Foreign keys", foreign);
  }

  void Views() {
    std::vector<std::string> out;
    for (const View* v : ViewsInCreationOrder(c_)) {
      out.push_back(std::string("CREATE ") + (v->materialized ? "MATERIALIZED " : "") + "VIEW " +
                    Q(v->name) + WithOptions(v->options) + " AS\n" + v->definition +
                    (v->materialized ? "\n  WITH NO DATA" : ""));
    }
    Section("Views", out);
  }

  void Indexes() {
    std::vector<std::string> out;
    for (const Index& i : c_.indexes) {
      std::string s = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " +
                      Q(i.name.name) + " ON " + Q(i.table) + " USING " + i.method + " (" +
                      Join(i.keys, ", ") + ")";
      if (!i.include.empty()) s += " INCLUDE (" + NameList(i.include) + ")";
      if (i.nulls_not_distinct) s += " NULLS NOT DISTINCT";
      s += WithOptions(i.options);
      if (!i.predicate.empty()) s += " WHERE " + i.predicate;
      out.push_back(std::move(s));
    }
    Section("Indexes", out);
  }

  void Triggers() {
    std::vector<std::string> out;
    for (const Trigger& t : c_.triggers) {
      out.push_back(t.definition);
      const std::string alter = "ALTER TABLE " + Q(t.table) + " ";
      switch (t.state) {
        case TriggerState::kEnabled:
          break;
        case TriggerState::kDisabled:
          out.push_back(alter + "DISABLE TRIGGER " + Q(t.name));
          break;
        case TriggerState::kReplica:
          out.push_back(alter + "ENABLE REPLICA TRIGGER " + Q(t.name));
          break;
        case TriggerState::kAlways:
          out.push_back(alter + "ENABLE ALWAYS TRIGGER " + Q(t.name));
          break;
      }
    }
    Section("Triggers", out);
  }

  void Security() {
    std::vector<std::string> flags, policies;
    for (const Table& t : c_.tables) {
      const std::string alter = "ALTER TABLE " + Q(t.name);
      if (t.row_security) flags.push_back(alter + " ENABLE ROW LEVEL SECURITY");
      if (t.force_row_security) flags.push_back(alter + " FORCE ROW LEVEL SECURITY");
    }
    for (const Policy& p : c_.policies) {
      std::vector<std::string> roles;
      for (const std::string& r : p.roles) roles.push_back(r == "public" ? "PUBLIC" : Q(r));
      std::string s = "CREATE POLICY " + Q(p.name) + " ON " + Q(p.table) + " AS " +
                      (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command + " TO " +
                      (roles.empty() ? "PUBLIC" : Join(roles, ", "));
      if (!p.using_expr.empty()) s += " USING (" + p.using_expr + ")";
      if (!p.check_expr.empty()) s += " WITH CHECK (" + p.check_expr + ")";
      policies.push_back(std::move(s));
    }
    Section("Row-level security", flags);
    Section("Policies", policies);
  }

  void Comments() {
    std::vector<std::string> out;
    auto add = [&out](const std::string& what, const std::string& comment) {
      if (!comment.empty()) out.push_back("COMMENT ON " + what + " IS " + QuoteLiteral(comment));
    };
    for (const Schema& s : c_.schemas) add("SCHEMA " + Q(s.name), s.comment);
    for (const Extension& e : c_.extensions) add("EXTENSION " + Q(e.name), e.comment);
    for (const EnumType& e : c_.enums) add("TYPE " + Q(e.name), e.comment);
    for (const Domain& d : c_.domains) add("DOMAIN " + Q(d.name), d.comment);
    for (const CompositeType& t : c_.composite_types) add("TYPE " + Q(t.name), t.comment);
    for (const Sequence& s : c_.sequences) add("SEQUENCE " + Q(s.name), s.comment);
    for (const Function& f : c_.functions) {
      add(std::string(f.kind == RoutineKind::kProcedure ? "PROCEDURE " : "FUNCTION ") + Q(f.name) +
              "(" + f.arguments + ")",
          f.comment);
    }
    for (const Table& t : c_.tables) {
      add("TABLE " + Q(t.name), t.comment);
      for (const Column& c : t.columns) add("COLUMN " + Q(t.name) + "." + Q(c.name), c.comment);
      for (const Constraint& k : t.constraints)
        add("CONSTRAINT " + Q(k.name) + " ON " + Q(t.name), k.comment);
    }
    for (const View& v : c_.views) {
      add(std::string(v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + Q(v.name), v.comment);
    }
    for (const Index& i : c_.indexes) add("INDEX " + Q(i.name), i.comment);
    for (const Trigger& t : c_.triggers)
      add("TRIGGER " + Q(t.name) + " ON " + Q(t.table), t.comment);
    for (const Policy& p : c_.policies) add("POLICY " + Q(p.name) + " ON " + Q(p.table), p.comment);
    Section("Comments", out);
  }

  const Catalog& c_;
  std::string out_;
};

class PgPlanner final : public Planner {
 public:
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string SchemaSql(const catalog::Catalog& catalog) const override {
    return postgres::SchemaSql(catalog);
  }
};

}  // namespace

std::string SchemaSql(const catalog::Catalog& catalog) { return PostgresDump(catalog).Render(); }

std::unique_ptr<Planner> NewPlanner() { return std::make_unique<PgPlanner>(); }

}  // namespace strata::driver::postgres
