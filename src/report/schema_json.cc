#include "report/schema_json.h"

#include <nlohmann/json.hpp>

#include "snapshot/schema_json_reader.h"

namespace strata::report {
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
using catalog::Identity;
using catalog::Index;
using catalog::Policy;
using catalog::QualifiedName;
using catalog::RoutineKind;
using catalog::Schema;
using catalog::Sequence;
using catalog::SequenceOptions;
using catalog::Table;
using catalog::Trigger;
using catalog::View;

using json = nlohmann::ordered_json;  // keys in the order written: stable bytes

json NameJson(const QualifiedName& n) { return json{{"schema", n.schema}, {"name", n.name}}; }
json OptionalName(const std::optional<QualifiedName>& n) {
  return n ? NameJson(*n) : json(nullptr);
}
json OptionalText(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json NamesJson(const std::vector<QualifiedName>& names) {
  json out = json::array();
  for (const QualifiedName& n : names) out.push_back(NameJson(n));
  return out;
}

json SequenceJson(const SequenceOptions& o) {
  return json{{"type", o.type},           {"start", o.start},         {"increment", o.increment},
              {"min_value", o.min_value}, {"max_value", o.max_value}, {"cache", o.cache},
              {"cycle", o.cycle}};
}

json ColumnJson(const Column& c) {
  json j{{"name", c.name},
         {"type", c.type},
         {"not_null", c.not_null},
         {"default", OptionalText(c.default_expr)},
         {"identity", IdentityName(c.identity)}};
  j["identity_options"] =
      c.identity == Identity::kNone ? json(nullptr) : SequenceJson(c.identity_options);
  j["generated"] = GeneratedName(c.generated);
  j["generation_expression"] = c.generation_expr;
  j["collation"] = OptionalName(c.collation);
  j["autoincrement"] = c.autoincrement;
  j["inherited"] = c.inherited;
  j["comment"] = c.comment;
  return j;
}

json ConstraintJson(const Constraint& k) {
  json j{{"name", k.name}, {"kind", ConstraintKindName(k.kind)}, {"columns", k.columns}};
  if (k.kind == ConstraintKind::kForeignKey) {
    j["references"] = json{{"table", NameJson(k.ref_table)},
                           {"columns", k.ref_columns},
                           {"on_update", k.on_update},
                           {"on_delete", k.on_delete},
                           {"match", k.match}};
  }
  j["deferrable"] = k.deferrable;
  j["initially_deferred"] = k.initially_deferred;
  j["validated"] = k.validated;
  if (k.kind == ConstraintKind::kCheck) j["expression"] = k.expression;
  j["definition"] = k.definition;
  j["comment"] = k.comment;
  return j;
}

json TableJson(const Table& t) {
  json columns = json::array(), constraints = json::array();
  for (const Column& c : t.columns) columns.push_back(ColumnJson(c));
  for (const Constraint& k : t.constraints) constraints.push_back(ConstraintJson(k));
  json j = NameJson(t.name);
  j["columns"] = std::move(columns);
  j["constraints"] = std::move(constraints);
  j["unlogged"] = t.unlogged;
  j["partition_key"] = t.partition_key;
  j["partition_of"] = OptionalName(t.partition_of);
  j["partition_bound"] = t.partition_bound;
  j["inherits"] = NamesJson(t.inherits);
  j["options"] = t.options;
  j["row_security"] = t.row_security;
  j["force_row_security"] = t.force_row_security;
  j["without_rowid"] = t.without_rowid;
  j["strict"] = t.strict;
  j["virtual_using"] = t.virtual_using;
  j["comment"] = t.comment;
  return j;
}

json CatalogJson(const Catalog& c) {
  json j;
  j["format_version"] = snapshot::kSchemaJsonFormatVersion;
  j["dialect"] = DialectName(c.dialect);
  json& schemas = j["schemas"] = json::array();
  for (const Schema& s : c.schemas) schemas.push_back({{"name", s.name}, {"comment", s.comment}});
  json& extensions = j["extensions"] = json::array();
  for (const Extension& e : c.extensions) {
    extensions.push_back(
        {{"name", e.name}, {"schema", e.schema}, {"version", e.version}, {"comment", e.comment}});
  }
  json& enums = j["enums"] = json::array();
  for (const EnumType& e : c.enums) {
    json item = NameJson(e.name);
    item["labels"] = e.labels;
    item["comment"] = e.comment;
    enums.push_back(std::move(item));
  }
  json& domains = j["domains"] = json::array();
  for (const Domain& d : c.domains) {
    json item = NameJson(d.name);
    item["base_type"] = d.base_type;
    item["not_null"] = d.not_null;
    item["default"] = OptionalText(d.default_expr);
    item["collation"] = OptionalName(d.collation);
    json& constraints = item["constraints"] = json::array();
    for (const DomainConstraint& k : d.constraints) {
      constraints.push_back({{"name", k.name}, {"definition", k.definition}});
    }
    item["comment"] = d.comment;
    domains.push_back(std::move(item));
  }
  json& composites = j["composite_types"] = json::array();
  for (const CompositeType& t : c.composite_types) {
    json item = NameJson(t.name);
    json& attributes = item["attributes"] = json::array();
    for (const CompositeAttribute& a : t.attributes) {
      attributes.push_back(
          {{"name", a.name}, {"type", a.type}, {"collation", OptionalName(a.collation)}});
    }
    item["comment"] = t.comment;
    composites.push_back(std::move(item));
  }
  json& sequences = j["sequences"] = json::array();
  for (const Sequence& s : c.sequences) {
    json item = NameJson(s.name);
    item["options"] = SequenceJson(s.options);
    item["owned_by"] =
        s.owned_by ? json{{"table", NameJson(s.owned_by->table)}, {"column", s.owned_by->column}}
                   : json(nullptr);
    item["comment"] = s.comment;
    sequences.push_back(std::move(item));
  }
  json& functions = j["functions"] = json::array();
  for (const Function& f : c.functions) {
    json item = NameJson(f.name);
    item["arguments"] = f.arguments;
    item["kind"] = f.kind == RoutineKind::kProcedure ? "procedure" : "function";
    item["result"] = f.result;
    item["language"] = f.language;
    item["definition"] = f.definition;
    item["uses_tables"] = f.uses_tables;
    item["uses_views"] = f.uses_views;
    item["comment"] = f.comment;
    functions.push_back(std::move(item));
  }
  json& tables = j["tables"] = json::array();
  for (const Table& t : c.tables) tables.push_back(TableJson(t));
  json& views = j["views"] = json::array();
  for (const View& v : c.views) {
    json item = NameJson(v.name);
    item["materialized"] = v.materialized;
    item["columns"] = v.columns;
    item["definition"] = v.definition;
    item["options"] = v.options;
    item["depends_on"] = NamesJson(v.depends_on);
    item["comment"] = v.comment;
    views.push_back(std::move(item));
  }
  json& indexes = j["indexes"] = json::array();
  for (const Index& i : c.indexes) {
    json item = NameJson(i.name);
    item["table"] = NameJson(i.table);
    item["unique"] = i.unique;
    item["method"] = i.method;
    item["keys"] = i.keys;
    item["include"] = i.include;
    item["nulls_not_distinct"] = i.nulls_not_distinct;
    item["predicate"] = i.predicate;
    item["options"] = i.options;
    item["comment"] = i.comment;
    indexes.push_back(std::move(item));
  }
  json& triggers = j["triggers"] = json::array();
  for (const Trigger& t : c.triggers) {
    triggers.push_back({{"table", NameJson(t.table)},
                        {"name", t.name},
                        {"definition", t.definition},
                        {"state", TriggerStateName(t.state)},
                        {"comment", t.comment}});
  }
  json& policies = j["policies"] = json::array();
  for (const Policy& p : c.policies) {
    policies.push_back({{"table", NameJson(p.table)},
                        {"name", p.name},
                        {"permissive", p.permissive},
                        {"command", p.command},
                        {"roles", p.roles},
                        {"using", p.using_expr},
                        {"with_check", p.check_expr},
                        {"comment", p.comment}});
  }
  return j;
}

}  // namespace

std::string SchemaJson(const catalog::Catalog& catalog) {
  return CatalogJson(catalog).dump(2) + "\n";
}

}  // namespace strata::report
