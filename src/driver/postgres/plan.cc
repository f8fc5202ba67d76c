// The PostgreSQL plan: schema SQL; the order of sections is documented in plan.h.
#include "driver/postgres/plan.h"

#include <algorithm>

#include "base/strings.h"
#include "catalog/dependency_order.h"
#include "driver/postgres/render.h"
#include "driver/sql_text.h"

namespace strata::driver::postgres {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::CompositeType;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Domain;
using catalog::EnumType;
using catalog::Extension;
using catalog::Function;
using catalog::Index;
using catalog::Policy;
using catalog::Schema;
using catalog::Sequence;
using catalog::Table;
using catalog::TablesInCreationOrder;
using catalog::Trigger;
using catalog::View;
using catalog::ViewsInCreationOrder;

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
    ForeignKeys();
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
    for (const EnumType& e : c_.enums) out.push_back(EnumSql(e));
    for (const Domain& d : c_.domains) out.push_back(DomainSql(d));
    for (const CompositeType& t : c_.composite_types) out.push_back(CompositeTypeSql(t));
    Section("Types", out);
  }

  void Routines() {
    std::vector<std::string> sequences, functions;
    for (const Sequence& s : c_.sequences) sequences.push_back(SequenceSql(s));
    for (const Function& f : c_.functions) {
      if (!f.uses_tables && !f.uses_views) functions.push_back(f.definition);
    }
    Section("Sequences", sequences);
    Section("Functions and procedures", functions);
    // A domain's default and checks may call those functions.
    std::vector<std::string> domain_rules;
    for (const Domain& d : c_.domains) {
      for (std::string& s : DomainRulesSql(d)) domain_rules.push_back(std::move(s));
    }
    Section("Domain defaults and constraints", domain_rules);
  }

  void Tables() {
    std::vector<std::string> out;
    for (const Table* t : TablesInCreationOrder(c_)) out.push_back(TableSql(*t));
    Section("Tables", out);
    std::vector<std::string> owned;
    for (const Sequence& s : c_.sequences) {
      if (s.owned_by) owned.push_back(OwnedBySql(s));
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

  void Constraints() { ConstraintsWhere("Constraints", false); }
  // After the indexes: a foreign key may rest on a unique index.
  void ForeignKeys() { ConstraintsWhere("Foreign keys", true); }
  void ConstraintsWhere(std::string_view title, bool foreign) {
    std::vector<std::string> out;
    for (const Table& t : c_.tables) {
      for (const Constraint& k : t.constraints) {
        if ((k.kind == ConstraintKind::kForeignKey) == foreign)
          out.push_back(AddConstraintSql(t.name, k));
      }
    }
    Section(title, out);
  }

  void Views() {
    std::vector<std::string> out;
    for (const View* v : ViewsInCreationOrder(c_)) out.push_back(ViewSql(*v, /*with_data=*/false));
    Section("Views", out);
  }

  void Indexes() {
    std::vector<std::string> out;
    for (const Index& i : c_.indexes) out.push_back(IndexSql(i, /*concurrently=*/false));
    Section("Indexes", out);
  }

  void Triggers() {
    std::vector<std::string> out;
    for (const Trigger& t : c_.triggers) {
      out.push_back(t.definition);
      if (auto state = TriggerStateSql(t)) out.push_back(*state);
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
    for (const Policy& p : c_.policies) policies.push_back(PolicySql(p));
    Section("Row-level security", flags);
    Section("Policies", policies);
  }

  void Comments() {
    std::vector<std::string> out;
    auto add = [&out](const std::string& what, const std::string& comment) {
      if (!comment.empty()) out.push_back(CommentSql(what, comment));
    };
    for (const Schema& s : c_.schemas) add("SCHEMA " + Q(s.name), s.comment);
    for (const Extension& e : c_.extensions) add("EXTENSION " + Q(e.name), e.comment);
    for (const EnumType& e : c_.enums) add("TYPE " + Q(e.name), e.comment);
    for (const Domain& d : c_.domains) add("DOMAIN " + Q(d.name), d.comment);
    for (const CompositeType& t : c_.composite_types) add("TYPE " + Q(t.name), t.comment);
    for (const Sequence& s : c_.sequences) add("SEQUENCE " + Q(s.name), s.comment);
    for (const Function& f : c_.functions) add(FunctionTarget(f), f.comment);
    for (const Table& t : c_.tables) {
      add(TableTarget(t), t.comment);
      for (const Column& c : t.columns) add(ColumnTarget(t.name, c.name), c.comment);
      for (const Constraint& k : t.constraints) add(ConstraintTarget(t.name, k.name), k.comment);
    }
    for (const View& v : c_.views) add(ViewTarget(v), v.comment);
    for (const Index& i : c_.indexes) add("INDEX " + Q(i.name), i.comment);
    for (const Trigger& t : c_.triggers) add(TriggerTarget(t), t.comment);
    for (const Policy& p : c_.policies) add(PolicyTarget(p), p.comment);
    Section("Comments", out);
  }

  const Catalog& c_;
  std::string out_;
};

// Type changes that keep every value: to a wider integer, to numeric, to a
// longer or unbounded string.
bool Widens(const std::string& from, const std::string& to) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kWider = {
      {"smallint", {"integer", "bigint", "numeric", "double precision"}},
      {"integer", {"bigint", "numeric"}},
      {"bigint", {"numeric"}},
      {"real", {"double precision"}},
      {"character varying", {"text"}},
      {"text", {"character varying"}},
  };
  for (const auto& [narrow, wide] : kWider) {
    if (from == narrow && std::find(wide.begin(), wide.end(), to) != wide.end()) return true;
  }
  // character varying(n) -> character varying(m >= n) or unbounded, or text.
  const std::string varchar = "character varying(";
  if (from.starts_with(varchar) && from.ends_with(")")) {
    if (to == "text" || to == "character varying") return true;
    if (to.starts_with(varchar) && to.ends_with(")")) {
      const std::string a = from.substr(varchar.size(), from.size() - varchar.size() - 1);
      const std::string b = to.substr(varchar.size(), to.size() - varchar.size() - 1);
      return a.size() < b.size() || (a.size() == b.size() && a <= b);
    }
  }
  return false;
}

class PgRules final : public diff::Rules {
 public:
  bool NeedsRebuild(const catalog::Table&, const catalog::Table&) const override { return false; }
  bool TypeChangeLosesData(const std::string& from, const std::string& to) const override {
    return !Widens(from, to);
  }
  bool ForeignKeysBindToKeys() const override { return true; }
};

class PgPlanner final : public Planner {
 public:
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string SchemaSql(const catalog::Catalog& catalog) const override {
    return postgres::SchemaSql(catalog);
  }
  const diff::Rules& DiffRules() const override { return postgres::DiffRules(); }
  std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                            const catalog::Catalog& from,
                                            const catalog::Catalog& to) const override {
    return postgres::PlanChanges(changes, from, to);
  }
};

}  // namespace

std::string SchemaSql(const catalog::Catalog& catalog) { return PostgresDump(catalog).Render(); }

const diff::Rules& DiffRules() {
  static const PgRules kRules;
  return kRules;
}

std::unique_ptr<Planner> NewPlanner() { return std::make_unique<PgPlanner>(); }

}  // namespace strata::driver::postgres
