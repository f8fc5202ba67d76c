#include "snapshot/schema_json_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "catalog/test_builder.h"
#include "report/schema_json.h"

namespace strata::snapshot {
namespace {

using report::SchemaJson;

using catalog::Catalog;
using catalog::ConstraintKind;
using catalog::Generated;
using catalog::Identity;
using catalog::RoutineKind;
using catalog::Table;
using catalog::TriggerState;
using catalog::testing::MakeFunction;
using catalog::testing::MakeIndex;
using catalog::testing::MakeView;
using catalog::testing::TableBuilder;

// Every field of every object kind set away from its default, so a field the
// reader skipped would come back as the default and change the bytes.
Catalog EveryField() {
  Catalog c;
  c.schemas = {{"app", "application"}, {"audit", ""}};
  c.extensions = {{"pgcrypto", "public", "1.3", "hashes"}};
  c.enums = {{{"app", "mood"}, {"sad", "ok", "happy"}, "feelings"}};
  c.domains = {{{"app", "positive"},
                "integer",
                true,
                "1",
                {{"pg_catalog", "C"}},
                {{"positive_check", "CHECK ((VALUE > 0))"}, {"small", "CHECK ((VALUE < 9))"}},
                "a count"}};
  c.composite_types = {{{"app", "pair"},
                        {{"a", "text", {{"pg_catalog", "C"}}}, {"b", "integer", std::nullopt}},
                        "two"}};
  c.sequences = {{{"app", "orders_seq"},
                  {"integer", "10", "2", "1", "1000", "5", true},
                  {{{"app", "orders"}, "id"}},
                  "order numbers"}};
  catalog::Function fn = MakeFunction({"app", "touch"}, "a integer", "CREATE OR REPLACE ...");
  fn.result = "trigger";
  fn.language = "plpgsql";
  fn.uses_tables = fn.uses_views = true;
  fn.comment = "touches";
  catalog::Function proc = MakeFunction({"app", "tidy"}, "", "CREATE OR REPLACE PROCEDURE ...");
  proc.kind = RoutineKind::kProcedure;
  c.functions = {fn, proc};

  Table t = TableBuilder({"app", "orders"})
                .Column("id", "bigint", true)
                .Column("total", "numeric(12,2)")
                .Default("0")
                .PrimaryKey("orders_pkey", {"id"})
                .Unique("orders_total_key", {"total"})
                .Check("orders_total_check", "total > 0")
                .ForeignKey("orders_id_fkey", {"id"}, {"app", "parent"}, {"id"})
                .PartitionBy("RANGE (id)")
                .PartitionOf({"app", "all_orders"}, "FOR VALUES FROM (1) TO (9)")
                .Comment("orders")
                .Build();
  catalog::Column& id = t.columns[0];
  id.identity = Identity::kAlways;
  id.identity_options = {"bigint", "1", "1", "1", "100", "1", true};
  id.collation = catalog::QualifiedName{"pg_catalog", "C"};
  id.autoincrement = id.inherited = true;
  id.comment = "key";
  t.columns[1].generated = Generated::kStored;
  t.columns[1].generation_expr = "(id * 2)";
  for (catalog::Constraint& k : t.constraints) {
    k.deferrable = k.initially_deferred = true;
    k.validated = false;
    k.comment = "why";
  }
  catalog::Constraint& fk = t.constraints[3];
  fk.on_update = "CASCADE";
  fk.on_delete = "SET NULL";
  fk.match = "FULL";
  catalog::Constraint exclusion;
  exclusion.name = "orders_excl";
  exclusion.kind = ConstraintKind::kExclusion;
  exclusion.definition = "EXCLUDE USING gist (id WITH =)";
  t.constraints.push_back(exclusion);
  t.unlogged = t.row_security = t.force_row_security = t.without_rowid = t.strict = true;
  t.inherits = {{"app", "base"}, {"app", "audit"}};  // INHERITS order is kept, not sorted
  t.options = {"fillfactor=80"};
  t.virtual_using = "fts5(body)";
  c.tables.push_back(t);

  catalog::View v = MakeView({"app", "big"}, "SELECT 1", {{"app", "orders"}});
  v.materialized = true;
  v.columns = {"one"};
  v.options = {"security_barrier=true"};
  v.comment = "big ones";
  c.views = {v};
  catalog::Index i = MakeIndex({"app", "orders_total"}, {"app", "orders"}, {"total DESC"});
  i.unique = i.nulls_not_distinct = true;
  i.include = {"id"};
  i.predicate = "(total > 0)";
  i.options = {"fillfactor=70"};
  i.comment = "fast";
  c.indexes = {i};
  c.triggers = {{{"app", "orders"},
                 "touch",
                 "CREATE TRIGGER touch ...",
                 TriggerState::kReplica,
                 "on change"}};
  c.policies = {{{"app", "orders"},
                 "mine",
                 false,
                 "SELECT",
                 {"alice", "bob"},
                 "(owner = 1)",
                 "(owner = 2)",
                 "own rows"}};
  catalog::SortCanonically(c);
  return c;
}

void ExpectRoundTrip(const Catalog& c) {
  const std::string text = SchemaJson(c);
  Result<Catalog> read = ReadSchemaJson(text);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(SchemaJson(*read), text);
}

TEST(ReadSchemaJson, RoundTripsEveryFieldOfEveryObjectKind) { ExpectRoundTrip(EveryField()); }

TEST(ReadSchemaJson, RoundTripsBothDialects) {
  Catalog sqlite;
  sqlite.dialect = Dialect::kSqlite;
  Table t = TableBuilder({"", "notes"}).Column("id", "INTEGER", true).Check("", "id > 0").Build();
  t.columns[0].autoincrement = true;
  t.columns.push_back(t.columns[0]);
  t.columns[1].name = "len";
  t.columns[1].generated = Generated::kVirtual;
  t.columns[1].generation_expr = "length(id)";
  t.strict = true;
  sqlite.tables = {t, TableBuilder({"", "search"}).Build()};
  sqlite.tables[1].virtual_using = "fts5(body)";
  sqlite.views = {MakeView({"", "v"}, "SELECT id FROM notes")};
  sqlite.views[0].columns = {"x"};
  catalog::SortCanonically(sqlite);
  ExpectRoundTrip(sqlite);
  EXPECT_EQ(ReadSchemaJson(SchemaJson(sqlite))->dialect, Dialect::kSqlite);
  ExpectRoundTrip(Catalog{});  // postgres, and empty
}

TEST(ReadSchemaJson, AHandEditedFileIsSortedAndMissingKeysTakeDefaults) {
  Result<Catalog> read = ReadSchemaJson(R"({
    "format_version": 1, "dialect": "postgres", "added_in_a_later_version": {"x": [1]},
    "tables": [
      {"schema": "b", "name": "t", "unknown": true},
      {"schema": "a", "name": "t", "columns": [{"name": "id", "default": null}],
       "constraints": [{"name": "fk", "kind": "foreign_key",
                        "references": {"table": {"schema": "a", "name": "u"}}}]}]})");
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->tables.size(), 2u);
  EXPECT_EQ(read->tables[0].name.schema, "a");  // sorted
  const catalog::Column& id = read->tables[0].columns[0];
  EXPECT_EQ(id.type, "");
  EXPECT_FALSE(id.default_expr.has_value());
  EXPECT_EQ(id.identity, Identity::kNone);
  const catalog::Constraint& fk = read->tables[0].constraints[0];
  EXPECT_EQ(fk.ref_table.name, "u");
  EXPECT_EQ(fk.on_delete, "NO ACTION");
  EXPECT_TRUE(fk.validated);
  EXPECT_TRUE(read->schemas.empty());
}

// What the message must contain for each bad document.
struct BadCase {
  const char* name;
  const char* json;
  const char* message;
};

TEST(ReadSchemaJson, RejectsBadInputNamingWhereItIs) {
  static constexpr BadCase kCases[] = {
      {"not JSON", R"({"format_version": 1,)", "invalid JSON: parse error at line 1"},
      {"not an object", "[]", "the document: expected an object"},
      {"no version", R"({"dialect": "postgres"})", "format_version: required key is missing"},
      {"newer version", R"({"format_version": 2, "dialect": "postgres"})",
       "format_version: the file is format 2, newer than this strata reads (1)"},
      {"version as text", R"({"format_version": "1"})", "format_version: expected an integer"},
      {"unknown dialect", R"({"format_version": 1, "dialect": "mysql"})",
       R"(dialect: unknown value "mysql" (expected one of: postgres, sqlite))"},
      {"wrong type", R"({"format_version": 1, "dialect": "postgres", "tables": [
         {"schema": "a", "name": "t"},
         {"schema": "a", "name": "u", "columns": [{"name": "a"}, {"name": "b", "type": 7}]}]})",
       "tables[1].columns[1].type: expected a string"},
      {"missing name", R"({"format_version": 1, "dialect": "postgres", "indexes": [
         {"schema": "a", "name": "i", "table": {"schema": "a"}}]})",
       "indexes[0].table.name: required key is missing"},
      {"bad list item", R"({"format_version": 1, "dialect": "postgres", "views": [
         {"schema": "a", "name": "v", "options": ["x", false]}]})",
       "views[0].options[1]: expected a string"},
      {"null flag", R"({"format_version": 1, "dialect": "postgres", "schemas": [],
         "policies": [{"table": {"schema": "a", "name": "t"}, "name": "p", "permissive": null}]})",
       "policies[0].permissive: expected true or false"},
      {"unknown kind", R"({"format_version": 1, "dialect": "postgres", "tables": [
         {"schema": "a", "name": "t", "constraints": [{"name": "k", "kind": "key"}]}]})",
       R"(tables[0].constraints[0].kind: unknown value "key")"},
      {"fk without references", R"({"format_version": 1, "dialect": "postgres", "tables": [
         {"schema": "a", "name": "t", "constraints": [{"name": "k", "kind": "foreign_key"}]}]})",
       "tables[0].constraints[0].references: required key is missing"},
      {"list as object", R"({"format_version": 1, "dialect": "postgres", "enums": {}})",
       "enums: expected an array"},
      {"item not an object", R"({"format_version": 1, "dialect": "postgres", "sequences": [1]})",
       "sequences[0]: expected an object"},
  };
  for (const BadCase& c : kCases) {
    Result<Catalog> read = ReadSchemaJson(c.json);
    ASSERT_FALSE(read.ok()) << c.name;
    EXPECT_TRUE(read.status().is_invalid_input()) << c.name;
    EXPECT_NE(read.status().message().find(c.message), std::string::npos)
        << c.name << ": " << read.status().message();
  }
  EXPECT_TRUE(ReadSchemaJson(R"({"format_version": 1, "dialect": "postgres"})").ok());
}

}  // namespace
}  // namespace strata::snapshot
