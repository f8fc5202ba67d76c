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

using Json = nlohmann::ordered_json;  // keys in the order written: stable bytes

Json NameJson(const QualifiedName& n) { return Json{{"schema", n.schema}, {"name", n.name}}; }
Json OptionalName(const std::optional<QualifiedName>& n) {
  return n ? NameJson(*n) : Json(nullptr);
}
Json OptionalText(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json NamesJson(const std::vector<QualifiedName>& names) {
  Json out = Json::array();
  for (const QualifiedName& n : names) out.push_back(NameJson(n));
  return out;
}

Json SequenceJson(const SequenceOptions& o) {
  return Json{{"type", o.type},           {"start", o.start},         {"increment", o.increment},
              {"min_value", o.min_value}, {"max_value", o.max_value}, {"cache", o.cache},
              {"cycle", o.cycle}};
}

Json ColumnJson(const Column& c) {
  Json j{{"name", c.name},
         {"type", c.type},
         {"not_null", c.not_null},
         {"default", OptionalText(c.default_expr)},
         {"identity", IdentityName(c.identity)}};
  j["identity_options"] =
      c.identity == Identity::kNone ? Json(nullptr) : SequenceJson(c.identity_options);
  j["generated"] = GeneratedName(c.generated);
  j["generation_expression"] = c.generation_expr;
  j["collation"] = OptionalName(c.collation);
  j["autoincrement"] = c.autoincrement;
  j["inherited"] = c.inherited;
  j["comment"] = c.comment;
  return j;
}

Json ConstraintJson(const Constraint& k) {
  Json j{{"name", k.name}, {"kind", ConstraintKindName(k.kind)}, {"columns", k.columns}};
  if (k.kind == ConstraintKind::kForeignKey) {
    j["references"] = Json{{"table", NameJson(k.ref_table)},
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

Json TableJson(const Table& t) {
  Json columns = Json::array(), constraints = Json::array();
  for (const Column& c : t.columns) columns.push_back(ColumnJson(c));
  for (const Constraint& k : t.constraints) constraints.push_back(ConstraintJson(k));
  Json j = NameJson(t.name);
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

Json CatalogJson(const Catalog& c) {
  Json j;
  j["format_version"] = snapshot::kSchemaJsonFormatVersion;
  j["dialect"] = DialectName(c.dialect);
  Json& schemas = j["schemas"] = Json::array();
  for (const Schema& s : c.schemas) schemas.push_back({{"name", s.name}, {"comment", s.comment}});
  Json& extensions = j["extensions"] = Json::array();
  for (const Extension& e : c.extensions) {
    extensions.push_back(
        {{"name", e.name}, {"schema", e.schema}, {"version", e.version}, {"comment", e.comment}});
  }
  Json& enums = j["enums"] = Json::array();
  for (const EnumType& e : c.enums) {
    Json item = NameJson(e.name);
    item["labels"] = e.labels;
    item["comment"] = e.comment;
    enums.push_back(std::move(item));
  }
  Json& domains = j["domains"] = Json::array();
  for (const Domain& d : c.domains) {
    Json item = NameJson(d.name);
    item["base_type"] = d.base_type;
    item["not_null"] = d.not_null;
    item["default"] = OptionalText(d.default_expr);
    item["collation"] = OptionalName(d.collation);
    Json& constraints = item["constraints"] = Json::array();
    for (const DomainConstraint& k : d.constraints) {
      constraints.push_back({{"name", k.name}, {"definition", k.definition}});
    }
    item["comment"] = d.comment;
    domains.push_back(std::move(item));
  }
  Json& composites = j["composite_types"] = Json::array();
  for (const CompositeType& t : c.composite_types) {
    Json item = NameJson(t.name);
    Json& attributes = item["attributes"] = Json::array();
    for (const CompositeAttribute& a : t.attributes) {
      attributes.push_back(
          {{"name", a.name}, {"type", a.type}, {"collation", OptionalName(a.collation)}});
    }
    item["comment"] = t.comment;
    composites.push_back(std::move(item));
  }
  Json& sequences = j["sequences"] = Json::array();
  for (const Sequence& s : c.sequences) {
    Json item = NameJson(s.name);
    item["options"] = SequenceJson(s.options);
    item["owned_by"] =
        s.owned_by ? Json{{"table", NameJson(s.owned_by->table)}, {"column", s.owned_by->column}}
                   : Json(nullptr);
    item["comment"] = s.comment;
    sequences.push_back(std::move(item));
  }
  Json& functions = j["functions"] = Json::array();
  for (const Function& f : c.functions) {
    Json item = NameJson(f.name);
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
  Json& tables = j["tables"] = Json::array();
  for (const Table& t : c.tables) tables.push_back(TableJson(t));
  Json& views = j["views"] = Json::array();
  for (const View& v : c.views) {
    Json item = NameJson(v.name);
    item["materialized"] = v.materialized;
    item["columns"] = v.columns;
    item["definition"] = v.definition;
    item["options"] = v.options;
    item["depends_on"] = NamesJson(v.depends_on);
    item["comment"] = v.comment;
    views.push_back(std::move(item));
  }
  Json& indexes = j["indexes"] = Json::array();
  for (const Index& i : c.indexes) {
    Json item = NameJson(i.name);
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
  Json& triggers = j["triggers"] = Json::array();
  for (const Trigger& t : c.triggers) {
    triggers.push_back({{"table", NameJson(t.table)},
                        {"name", t.name},
                        {"definition", t.definition},
                        {"state", TriggerStateName(t.state)},
                        {"comment", t.comment}});
  }
  Json& policies = j["policies"] = Json::array();
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
