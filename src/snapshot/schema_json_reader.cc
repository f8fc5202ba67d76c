// ReadSchemaJson: the inverse of report::SchemaJson (report/schema_json.cc).
// One reader per struct of catalog.h, fields in the order the writer writes
// them, so the two files can be checked side by side.
#include "snapshot/schema_json_reader.h"

#include <array>
#include <cstdint>
#include <string>

#include "snapshot/json_fields.h"

namespace strata::snapshot {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::ColumnRef;
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
using catalog::Trigger;
using catalog::TriggerState;
using catalog::View;

constexpr std::array kIdentities = {Identity::kNone, Identity::kAlways, Identity::kByDefault};
constexpr std::array kGenerated = {Generated::kNone, Generated::kStored, Generated::kVirtual};
constexpr std::array kConstraintKinds = {ConstraintKind::kPrimaryKey, ConstraintKind::kUnique,
                                         ConstraintKind::kForeignKey, ConstraintKind::kCheck,
                                         ConstraintKind::kExclusion};
constexpr std::array kTriggerStates = {TriggerState::kEnabled, TriggerState::kDisabled,
                                       TriggerState::kReplica, TriggerState::kAlways};
constexpr std::array kRoutineKinds = {RoutineKind::kFunction, RoutineKind::kProcedure};

// The writer spells this one inline; the round-trip test keeps them in step.
std::string_view RoutineKindName(RoutineKind kind) {
  return kind == RoutineKind::kProcedure ? "procedure" : "function";
}

void ReadName(JsonFields& f, QualifiedName& n) {
  f.Text("schema", n.schema, Need::kRequired);
  f.Text("name", n.name, Need::kRequired);
}

void ReadSequenceOptions(JsonFields& f, SequenceOptions& o) {
  f.Text("type", o.type);
  f.Text("start", o.start);
  f.Text("increment", o.increment);
  f.Text("min_value", o.min_value);
  f.Text("max_value", o.max_value);
  f.Text("cache", o.cache);
  f.Flag("cycle", o.cycle);
}

void ReadColumn(JsonFields& f, Column& c) {
  f.Text("name", c.name, Need::kRequired);
  f.Text("type", c.type);
  f.Flag("not_null", c.not_null);
  f.MaybeText("default", c.default_expr);
  f.Enum("identity", c.identity, kIdentities, catalog::IdentityName);
  // The writer leaves them null without an identity, where they mean nothing.
  if (c.identity != Identity::kNone) {
    f.Object("identity_options", c.identity_options, ReadSequenceOptions, Need::kOptional);
  }
  f.Enum("generated", c.generated, kGenerated, catalog::GeneratedName);
  f.Text("generation_expression", c.generation_expr);
  f.MaybeObject("collation", c.collation, ReadName);
  f.Flag("autoincrement", c.autoincrement);
  f.Flag("inherited", c.inherited);
  f.Text("comment", c.comment);
}

void ReadReferences(JsonFields& f, Constraint& k) {
  f.Object("table", k.ref_table, ReadName, Need::kRequired);
  f.Texts("columns", k.ref_columns);
  f.Text("on_update", k.on_update);
  f.Text("on_delete", k.on_delete);
  f.Text("match", k.match);
}

void ReadConstraint(JsonFields& f, Constraint& k) {
  f.Text("name", k.name, Need::kRequired);
  f.Enum("kind", k.kind, kConstraintKinds, catalog::ConstraintKindName, Need::kRequired);
  f.Texts("columns", k.columns);
  // Like the writer: references only for a foreign key, an expression only
  // for a check, so a hand-edited stray key cannot set a meaningless field.
  if (k.kind == ConstraintKind::kForeignKey) {
    f.Object("references", k, ReadReferences, Need::kRequired);
  }
  f.Flag("deferrable", k.deferrable);
  f.Flag("initially_deferred", k.initially_deferred);
  f.Flag("validated", k.validated);
  if (k.kind == ConstraintKind::kCheck) f.Text("expression", k.expression);
  f.Text("definition", k.definition);
  f.Text("comment", k.comment);
}

void ReadTable(JsonFields& f, Table& t) {
  ReadName(f, t.name);
  f.List("columns", t.columns, ReadColumn);
  f.List("constraints", t.constraints, ReadConstraint);
  f.Flag("unlogged", t.unlogged);
  f.Text("partition_key", t.partition_key);
  f.MaybeObject("partition_of", t.partition_of, ReadName);
  f.Text("partition_bound", t.partition_bound);
  f.List("inherits", t.inherits, ReadName);
  f.Texts("options", t.options);
  f.Flag("row_security", t.row_security);
  f.Flag("force_row_security", t.force_row_security);
  f.Flag("without_rowid", t.without_rowid);
  f.Flag("strict", t.strict);
  f.Text("virtual_using", t.virtual_using);
  f.Text("comment", t.comment);
}

void ReadSchema(JsonFields& f, Schema& s) {
  f.Text("name", s.name, Need::kRequired);
  f.Text("comment", s.comment);
}

void ReadExtension(JsonFields& f, Extension& e) {
  f.Text("name", e.name, Need::kRequired);
  f.Text("schema", e.schema);
  f.Text("version", e.version);
  f.Text("comment", e.comment);
}

void ReadEnum(JsonFields& f, EnumType& e) {
  ReadName(f, e.name);
  f.Texts("labels", e.labels);
  f.Text("comment", e.comment);
}

void ReadDomainConstraint(JsonFields& f, DomainConstraint& k) {
  f.Text("name", k.name, Need::kRequired);
  f.Text("definition", k.definition);
}

void ReadDomain(JsonFields& f, Domain& d) {
  ReadName(f, d.name);
  f.Text("base_type", d.base_type);
  f.Flag("not_null", d.not_null);
  f.MaybeText("default", d.default_expr);
  f.MaybeObject("collation", d.collation, ReadName);
  f.List("constraints", d.constraints, ReadDomainConstraint);
  f.Text("comment", d.comment);
}

void ReadAttribute(JsonFields& f, CompositeAttribute& a) {
  f.Text("name", a.name, Need::kRequired);
  f.Text("type", a.type);
  f.MaybeObject("collation", a.collation, ReadName);
}

void ReadCompositeType(JsonFields& f, CompositeType& t) {
  ReadName(f, t.name);
  f.List("attributes", t.attributes, ReadAttribute);
  f.Text("comment", t.comment);
}

void ReadColumnRef(JsonFields& f, ColumnRef& r) {
  f.Object("table", r.table, ReadName, Need::kRequired);
  f.Text("column", r.column, Need::kRequired);
}

void ReadSequence(JsonFields& f, Sequence& s) {
  ReadName(f, s.name);
  f.Object("options", s.options, ReadSequenceOptions, Need::kOptional);
  f.MaybeObject("owned_by", s.owned_by, ReadColumnRef);
  f.Text("comment", s.comment);
}

void ReadFunction(JsonFields& f, Function& fn) {
  ReadName(f, fn.name);
  f.Text("arguments", fn.arguments);
  f.Enum("kind", fn.kind, kRoutineKinds, RoutineKindName);
  f.Text("result", fn.result);
  f.Text("language", fn.language);
  f.Text("definition", fn.definition);
  f.Flag("uses_tables", fn.uses_tables);
  f.Flag("uses_views", fn.uses_views);
  f.Text("comment", fn.comment);
}

void ReadView(JsonFields& f, View& v) {
  ReadName(f, v.name);
  f.Flag("materialized", v.materialized);
  f.Texts("columns", v.columns);
  f.Text("definition", v.definition);
  f.Texts("options", v.options);
  f.List("depends_on", v.depends_on, ReadName);
  f.Text("comment", v.comment);
}

void ReadIndex(JsonFields& f, Index& i) {
  ReadName(f, i.name);
  f.Object("table", i.table, ReadName, Need::kRequired);
  f.Flag("unique", i.unique);
  f.Text("method", i.method);
  f.Texts("keys", i.keys);
  f.Texts("include", i.include);
  f.Flag("nulls_not_distinct", i.nulls_not_distinct);
  f.Text("predicate", i.predicate);
  f.Texts("options", i.options);
  f.Text("comment", i.comment);
}

void ReadTrigger(JsonFields& f, Trigger& t) {
  f.Object("table", t.table, ReadName, Need::kRequired);
  f.Text("name", t.name, Need::kRequired);
  f.Text("definition", t.definition);
  f.Enum("state", t.state, kTriggerStates, catalog::TriggerStateName);
  f.Text("comment", t.comment);
}

void ReadPolicy(JsonFields& f, Policy& p) {
  f.Object("table", p.table, ReadName, Need::kRequired);
  f.Text("name", p.name, Need::kRequired);
  f.Flag("permissive", p.permissive);
  f.Text("command", p.command);
  f.Texts("roles", p.roles);
  f.Text("using", p.using_expr);
  f.Text("with_check", p.check_expr);
  f.Text("comment", p.comment);
}

// Read first, so that a newer file is refused for its version rather than
// for whatever else changed in its shape.
void ReadVersion(JsonFields& f) {
  std::int64_t version = 0;
  f.Integer("format_version", version, Need::kRequired);
  if (!f.status().ok()) return;
  if (version > kSchemaJsonFormatVersion) {
    f.Fail("format_version", "the file is format " + std::to_string(version) +
                                 ", newer than this strata reads (" +
                                 std::to_string(kSchemaJsonFormatVersion) + "); upgrade strata");
  } else if (version < 1) {
    f.Fail("format_version", "expected a version from 1 on");
  }
}

void ReadCatalog(JsonFields& f, Catalog& c) {
  ReadVersion(f);
  f.Enum("dialect", c.dialect, kAllDialects, DialectName, Need::kRequired);
  f.List("schemas", c.schemas, ReadSchema);
  f.List("extensions", c.extensions, ReadExtension);
  f.List("enums", c.enums, ReadEnum);
  f.List("domains", c.domains, ReadDomain);
  f.List("composite_types", c.composite_types, ReadCompositeType);
  f.List("sequences", c.sequences, ReadSequence);
  f.List("functions", c.functions, ReadFunction);
  f.List("tables", c.tables, ReadTable);
  f.List("views", c.views, ReadView);
  f.List("indexes", c.indexes, ReadIndex);
  f.List("triggers", c.triggers, ReadTrigger);
  f.List("policies", c.policies, ReadPolicy);
}

}  // namespace

Result<Catalog> ReadSchemaJson(std::string_view text) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // what() is "[json.exception.parse_error.101] parse error at line 1, ...".
    std::string_view what = e.what();
    if (auto end = what.find("] "); end != std::string_view::npos) what.remove_prefix(end + 2);
    return Status::InvalidInput("invalid JSON: " + std::string(what));
  }
  Catalog out;
  JsonFields fields(document, "");
  if (fields.status().ok()) ReadCatalog(fields, out);
  if (!fields.status().ok()) return fields.status();
  catalog::SortCanonically(out);
  return out;
}

}  // namespace strata::snapshot
