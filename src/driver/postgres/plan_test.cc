#include "driver/postgres/plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/test_builder.h"

namespace strata::driver::postgres {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::ColumnRef;
using catalog::Domain;
using catalog::Function;
using catalog::Identity;
using catalog::Policy;
using catalog::RoutineKind;
using catalog::Sequence;
using catalog::SortCanonically;
using catalog::Table;
using catalog::TriggerState;
using catalog::View;
using catalog::testing::MakeFunction;
using catalog::testing::MakeIndex;
using catalog::testing::MakeView;
using catalog::testing::TableBuilder;

// A small schema with one object of most kinds, deliberately listed out of
// order: the renderer must not depend on the order it was given.
Catalog SmallPostgresCatalog() {
  Catalog c;
  c.schemas = {{"app", "it's the app"}};
  c.extensions = {{"citext", "app", "1.6", ""}};
  c.enums = {{{"app", "mood"}, {"sad", "happy"}, ""}};
  Domain d;
  d.name = {"app", "positive"};
  d.base_type = "integer";
  d.not_null = true;
  d.constraints = {{"positive_check", "CHECK ((VALUE > 0)) NOT VALID"}};
  c.domains = {d};
  Sequence s;
  s.name = {"app", "orders_id_seq"};
  s.options = {"integer", "1", "1", "1", "2147483647", "1", false};
  s.owned_by = ColumnRef{{"app", "orders"}, "id"};
  c.sequences = {s};
  c.functions = {MakeFunction({"app", "touch"}, "",
                              "CREATE OR REPLACE FUNCTION app.touch()\n RETURNS trigger\n LANGUAGE "
                              "plpgsql\nAS $function$BEGIN RETURN NEW; END$function$")};
  c.tables.push_back(
      TableBuilder({"app", "orders"})
          .Column("id", "integer", true)
          .Default("nextval('app.orders_id_seq'::regclass)")
          .Column("customer_id", "bigint", true)
          .Column("User", "text")
          .PrimaryKey("orders_pkey", {"id"})
          .ForeignKey("orders_customer_fkey", {"customer_id"}, {"app", "customers"}, {"id"})
          .Comment("orders")
          .Build());
  Table customers = TableBuilder({"app", "customers"})
                        .Column("id", "bigint", true)
                        .PrimaryKey("customers_pkey", {"id"})
                        .Build();
  customers.columns[0].identity = Identity::kAlways;
  customers.columns[0].identity_options = {"bigint", "1",  "1", "1", "9223372036854775807",
                                           "1",      false};
  customers.row_security = true;
  c.tables.push_back(customers);
  c.views = {MakeView({"app", "v2"}, "SELECT v1.id\n   FROM app.v1", {{"app", "v1"}}),
             MakeView({"app", "v1"}, "SELECT orders.id\n   FROM app.orders")};
  c.indexes = {MakeIndex({"app", "orders_customer_idx"}, {"app", "orders"}, {"customer_id DESC"})};
  c.triggers = {{{"app", "orders"},
                 "orders_touch",
                 "CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE "
                 "FUNCTION app.touch()",
                 TriggerState::kDisabled,
                 ""}};
  Policy p;
  p.table = {"app", "customers"};
  p.name = "own";
  p.command = "SELECT";
  p.roles = {"public"};
  p.using_expr = "(id = 1)";
  c.policies = {p};
  SortCanonically(c);
  return c;
}

TEST(PostgresSchemaSql, RendersEverySectionInDependencyOrder) {
  EXPECT_EQ(SchemaSql(SmallPostgresCatalog()),
            R"(-- strata schema dump (PostgreSQL)
SET check_function_bodies = false;
SET client_min_messages = warning;
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

-- Schemas
CREATE SCHEMA IF NOT EXISTS app;

-- Extensions
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA app;

-- Types
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE DOMAIN app.positive AS integer NOT NULL;

-- Sequences
CREATE SEQUENCE app.orders_id_seq AS integer START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE;

-- Functions and procedures
CREATE OR REPLACE FUNCTION app.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$BEGIN RETURN NEW; END$function$;

-- Domain defaults and constraints
ALTER DOMAIN app.positive ADD CONSTRAINT positive_check CHECK ((VALUE > 0)) NOT VALID;

-- Tables
CREATE TABLE app.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL
);
CREATE TABLE app.orders (
    id integer DEFAULT nextval('app.orders_id_seq'::regclass) NOT NULL,
    customer_id bigint NOT NULL,
    "User" text
);

-- Sequence ownership
ALTER SEQUENCE app.orders_id_seq OWNED BY app.orders.id;

-- Constraints
ALTER TABLE app.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE app.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

-- Views
CREATE VIEW app.v1 AS
SELECT orders.id
   FROM app.orders;
CREATE VIEW app.v2 AS
SELECT v1.id
   FROM app.v1;

-- Indexes
CREATE INDEX orders_customer_idx ON app.orders USING btree (customer_id DESC);

-- Foreign keys
ALTER TABLE app.orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES app.customers(id);

-- Triggers
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.orders DISABLE TRIGGER orders_touch;

-- Row-level security
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;

-- Policies
CREATE POLICY own ON app.customers AS PERMISSIVE FOR SELECT TO PUBLIC USING ((id = 1));

-- Comments
COMMENT ON SCHEMA app IS 'it''s the app';
COMMENT ON TABLE app.orders IS 'orders';
)");
}

TEST(PostgresSchemaSql, AnEmptyCatalogIsTheHeaderAlone) {
  Catalog c;
  EXPECT_EQ(SchemaSql(c),
            "-- strata schema dump (PostgreSQL)\nSET check_function_bodies = false;\nSET "
            "client_min_messages = warning;\nSET standard_conforming_strings = on;\nSELECT "
            "pg_catalog.set_config('search_path', '', false);\n");
}

TEST(PostgresSchemaSql, TheSameCatalogGivenInAnotherOrderRendersTheSameBytes) {
  Catalog a = SmallPostgresCatalog();
  Catalog b = a;
  std::reverse(b.tables.begin(), b.tables.end());
  std::reverse(b.views.begin(), b.views.end());
  std::reverse(b.tables[0].constraints.begin(), b.tables[0].constraints.end());
  SortCanonically(b);
  EXPECT_EQ(SchemaSql(a), SchemaSql(b));
}

TEST(PostgresSchemaSql, PartitionsFollowTheirParentAndTakeItsColumns) {
  Catalog c;
  c.tables.push_back(
      TableBuilder({"app", "events"}).Column("at", "date", true).PartitionBy("RANGE (at)").Build());
  c.tables.push_back(
      TableBuilder({"app", "a_events_2025"})
          .Column("at", "date", true)
          .PartitionOf({"app", "events"}, "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
          .Build());
  SortCanonically(c);
  const std::string sql = SchemaSql(c);
  EXPECT_NE(sql.find("CREATE TABLE app.events (\n    at date NOT NULL\n) PARTITION BY RANGE (at);\n"
                     "CREATE TABLE app.a_events_2025 PARTITION OF app.events FOR VALUES FROM "
                     "('2025-01-01') TO ('2026-01-01');\n"),
            std::string::npos)
      << sql;
}

TEST(PostgresSchemaSql, FunctionsUsingRelationsComeAfterThem) {
  Catalog c;
  c.tables.push_back(TableBuilder({"app", "t"}).Column("a", "integer").Build());
  c.views.push_back(MakeView({"app", "v"}, "SELECT t.a\n   FROM app.t"));
  Function rows =
      MakeFunction({"app", "all_t"}, "", "CREATE FUNCTION app.all_t() RETURNS SETOF app.t");
  rows.uses_tables = true;
  Function view_rows =
      MakeFunction({"app", "all_v"}, "", "CREATE FUNCTION app.all_v() RETURNS SETOF app.v");
  view_rows.uses_views = true;
  c.functions = {rows, view_rows,
                 MakeFunction({"app", "plain"}, "", "CREATE FUNCTION app.plain()")};
  const std::string sql = SchemaSql(c);
  const size_t plain = sql.find("app.plain()"), table = sql.find("CREATE TABLE app.t"),
               all_t = sql.find("app.all_t()"), view = sql.find("CREATE VIEW app.v"),
               all_v = sql.find("app.all_v()");
  EXPECT_LT(plain, table);
  EXPECT_LT(table, all_t);
  EXPECT_LT(all_t, view);
  EXPECT_LT(view, all_v);
}

TEST(PostgresSchemaSql, CommentsNameTheirObjectTheWayCommentOnWantsIt) {
  Catalog c;
  Table t = TableBuilder({"app", "t"}).Column("a", "integer").Check("t_a_check", "a > 0").Build();
  t.columns[0].comment = "the a";
  t.constraints[0].comment = "positive";
  c.tables.push_back(t);
  Function f = MakeFunction({"app", "p"}, "x integer", "CREATE PROCEDURE app.p(x integer)");
  f.kind = RoutineKind::kProcedure;
  f.comment = "proc";
  c.functions.push_back(f);
  View m = MakeView({"app", "m"}, "SELECT 1");
  m.materialized = true;
  m.comment = "mat";
  c.views.push_back(m);
  const std::string sql = SchemaSql(c);
  EXPECT_NE(sql.find("COMMENT ON COLUMN app.t.a IS 'the a';"), std::string::npos) << sql;
  EXPECT_NE(sql.find("COMMENT ON CONSTRAINT t_a_check ON app.t IS 'positive';"), std::string::npos);
  EXPECT_NE(sql.find("COMMENT ON PROCEDURE app.p(x integer) IS 'proc';"), std::string::npos);
  EXPECT_NE(sql.find("COMMENT ON MATERIALIZED VIEW app.m IS 'mat';"), std::string::npos);
  EXPECT_NE(sql.find("CREATE MATERIALIZED VIEW app.m AS\nSELECT 1\n  WITH NO DATA;"),
            std::string::npos);
}

}  // namespace
}  // namespace strata::driver::postgres
