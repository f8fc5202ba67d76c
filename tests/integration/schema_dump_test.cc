// strata schema dump against real PostgreSQL 15 and SQLite: deterministic
// bytes, independence from creation order, and dumps that load back into an
// empty database and dump again to the same bytes. The schemas come from
// tests/schema/*_every_kind*.sql.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// Both dumps of one database must be byte-identical: the caller checks.
RunResult Dump(const std::string& url, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--url", url, "schema", "dump"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunStrata(args);
}

// Every object kind of the issue at least once, as the PostgreSQL dump spells it.
const std::vector<std::string> kPostgresKinds = {
    "CREATE SCHEMA IF NOT EXISTS app;",
    "CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;",
    "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');",
    "CREATE DOMAIN app.positive_int AS integer NOT NULL;",
    "ALTER DOMAIN app.positive_int SET DEFAULT 1;",
    "city text COLLATE pg_catalog.\"C\", zip app.positive_int);",
    "CREATE SEQUENCE app.order_no AS bigint START WITH 1000 INCREMENT BY 5",
    "CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)",
    "CREATE OR REPLACE PROCEDURE app.noop(IN x integer)",
    "id bigint GENERATED ALWAYS AS IDENTITY (START WITH 7 INCREMENT BY 3",
    "name_upper text GENERATED ALWAYS AS (upper(name)) STORED",
    "name text COLLATE pg_catalog.\"C\" DEFAULT ''::text NOT NULL",
    ") PARTITION BY RANGE (at);",
    "CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;",
    "CREATE TABLE app.events_2026_a PARTITION OF app.events_2026 FOR VALUES IN ('1', '2');",
    ") INHERITS (public.parent);",
    "ALTER SEQUENCE app.orders_id_seq OWNED BY app.orders.id;",
    "ADD CONSTRAINT customers_pkey PRIMARY KEY (id);",
    "ADD CONSTRAINT customers_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED;",
    "ADD CONSTRAINT orders_room_during_excl EXCLUDE USING gist (room WITH =, during WITH &&);",
    "ADD CONSTRAINT orders_total_check2 CHECK ((total < (1000000)::numeric)) NOT VALID;",
    // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one line of the dump, split to fit
    "FOREIGN KEY (customer_id) REFERENCES app.customers(id) ON UPDATE SET NULL ON DELETE CASCADE "
    "DEFERRABLE;",
    "CREATE VIEW app.big_order_ids WITH (security_barrier=true) AS",
    "CREATE MATERIALIZED VIEW app.order_totals AS",
    "INCLUDE (total) WHERE (total > (0)::numeric);",
    "CREATE UNIQUE INDEX customers_lower_email ON app.customers USING btree (lower((email)::text) "
    "text_pattern_ops);",
    "CREATE UNIQUE INDEX orders_room_nnd ON app.orders USING btree (room) NULLS NOT DISTINCT;",
    "CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW WHEN",
    "ALTER TABLE app.customers DISABLE TRIGGER customers_touch2;",
    "ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;",
    "ALTER TABLE app.customers FORCE ROW LEVEL SECURITY;",
    "CREATE POLICY customers_self ON app.customers AS RESTRICTIVE FOR SELECT TO PUBLIC",
    "COMMENT ON COLUMN app.customers.email IS 'login';",
    "COMMENT ON TABLE public.\"CamelCase\" IS 'it''s camel; \\ backslash';",
};

class SchemaDumpPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    STRATA_REQUIRE_PG(a_);
    STRATA_REQUIRE_PG(b_);
  }
  void LoadText(const PgDatabase& db, const std::string& name, const std::string& sql) {
    ASSERT_TRUE(OnPath("psql")) << "psql is needed to load dumps";
    dir_.Write(name, sql);
    RunResult load = Psql(db.url(), dir_.path() / name);
    ASSERT_EQ(load.exit_code, 0) << load.err;
  }
  // pg_dump's view of the schema, as a cross-check of strata's own.
  static std::string PgDump(const PgDatabase& db) {
    RunResult dump = PgDumpSchema(db.url());
    EXPECT_EQ(dump.exit_code, 0) << dump.err;
    return dump.out;
  }
  PgDatabase a_;
  PgDatabase b_;
  TempDir dir_;
};

TEST_F(SchemaDumpPostgres, DumpingTheSameDatabaseTwiceGivesIdenticalBytes) {
  LoadText(a_, "every_kind.sql", ReadSourceFile("tests/schema/postgres_every_kind.sql"));
  RunResult first = Dump(a_.url());
  RunResult second = Dump(a_.url());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  RunResult json_first = Dump(a_.url(), {"--format", "json"});
  RunResult json_second = Dump(a_.url(), {"--format", "json"});
  ASSERT_EQ(json_first.exit_code, 0) << json_first.err;
  EXPECT_EQ(json_first.out, json_second.out);
}

TEST_F(SchemaDumpPostgres, TheDumpCoversEveryObjectKindAndLeavesOutStrataTables) {
  LoadText(a_, "every_kind.sql", ReadSourceFile("tests/schema/postgres_every_kind.sql"));
  RunResult dump = Dump(a_.url());
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  for (const std::string& expected : kPostgresKinds) {
    EXPECT_NE(dump.out.find(expected), std::string::npos) << "missing: " << expected << "\n"
                                                          << dump.out;
  }
  EXPECT_EQ(dump.out.find("strata_schema_history"), std::string::npos);
  // Extension members (citext's functions, btree_gist's operator classes) are the extension's.
  EXPECT_EQ(dump.out.find("FUNCTION public.citext"), std::string::npos);
}

TEST_F(SchemaDumpPostgres, TheSameSchemaBuiltInAnotherOrderDumpsToIdenticalBytes) {
  LoadText(a_, "every_kind.sql", ReadSourceFile("tests/schema/postgres_every_kind.sql"));
  LoadText(b_, "reordered.sql", ReadSourceFile("tests/schema/postgres_every_kind_reordered.sql"));
  RunResult a = Dump(a_.url());
  RunResult b = Dump(b_.url());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(Dump(a_.url(), {"--format", "json"}).out, Dump(b_.url(), {"--format", "json"}).out);
}

TEST_F(SchemaDumpPostgres, ADumpLoadedIntoAnEmptyDatabaseDumpsToIdenticalBytes) {
  LoadText(a_, "every_kind.sql", ReadSourceFile("tests/schema/postgres_every_kind.sql"));
  RunResult a = Dump(a_.url());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  LoadText(b_, "dump.sql", a.out);
  RunResult b = Dump(b_.url());
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(Dump(a_.url(), {"--json"}).out, Dump(b_.url(), {"--json"}).out);
  if (OnPath("pg_dump")) {
    EXPECT_EQ(FirstDifference(PgDump(a_), PgDump(b_)), "");
  }
}

TEST_F(SchemaDumpPostgres, TheSkmsExampleMigratedThenDumpedRoundTrips) {
  const std::string example = (SourceDir() / "examples/skms-postgres/migrations").string();
  RunResult up = RunStrata({"--url", a_.url(), "--dir", example, "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult a = Dump(a_.url());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out.find("strata_schema_history"), std::string::npos);
  EXPECT_NE(
      a.out.find("CREATE TABLE public.audit_logs_default PARTITION OF public.audit_logs DEFAULT;"),
      std::string::npos);
  EXPECT_NE(a.out.find("CREATE POLICY pol_keys_creator_access ON public.keys"), std::string::npos);
  LoadText(b_, "skms.sql", a.out);
  RunResult b = Dump(b_.url());
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  if (OnPath("pg_dump")) {
    EXPECT_EQ(FirstDifference(PgDump(a_), PgDump(b_)), "");
  }
}

TEST_F(SchemaDumpPostgres, JsonNamesEveryTableWithItsColumnsInColumnOrder) {
  LoadText(a_, "t.sql",
           "CREATE TABLE t (b int, a text NOT NULL);\nALTER TABLE t ADD COLUMN c date;\n");
  RunResult dump = Dump(a_.url(), {"--format", "json"});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  const auto js = nlohmann::json::parse(dump.out);
  EXPECT_EQ(js["dialect"], "postgres");
  ASSERT_EQ(js["tables"].size(), 1u);
  const auto& columns = js["tables"][0]["columns"];
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0]["name"], "b");
  EXPECT_EQ(columns[1]["not_null"], true);
  EXPECT_EQ(columns[2]["type"], "date");
}

TEST_F(SchemaDumpPostgres, AnUnknownFormatIsBadUsage) {
  RunResult dump = Dump(a_.url(), {"--format", "yaml"});
  EXPECT_EQ(dump.exit_code, 2);
  EXPECT_NE(dump.err.find("--format 'yaml'"), std::string::npos) << dump.err;
}

class SchemaDumpSqlite : public ::testing::Test {
 protected:
  std::string Url(const std::string& name) const {
    return "sqlite:" + (dir_.path() / name).string();
  }
  // Loads a script the way a user would: the sqlite3 shell, stopping at the first error.
  void Load(const std::string& db, const std::string& sql) {
    ASSERT_TRUE(OnPath("sqlite3")) << "sqlite3 is needed to load dumps";
    dir_.Write(db + ".sql", sql);
    RunResult load =
        RunTool({"sqlite3", "-bail", (dir_.path() / db).string()}, dir_.path() / (db + ".sql"));
    ASSERT_EQ(load.exit_code, 0) << load.err;
  }
  TempDir dir_;
};

TEST_F(SchemaDumpSqlite, DumpingTheSameDatabaseTwiceGivesIdenticalBytes) {
  Load("a.db", ReadSourceFile("tests/schema/sqlite_every_kind.sql"));
  RunResult first = Dump(Url("a.db"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, Dump(Url("a.db")).out);
  EXPECT_EQ(Dump(Url("a.db"), {"--format", "json"}).out,
            Dump(Url("a.db"), {"--format", "json"}).out);
}

TEST_F(SchemaDumpSqlite, TheDumpCoversEveryObjectKindSqliteHas) {
  Load("a.db", ReadSourceFile("tests/schema/sqlite_every_kind.sql"));
  RunResult dump = Dump(Url("a.db"));
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  for (const char* expected : {
           "\"id\" INTEGER PRIMARY KEY AUTOINCREMENT",
           "\"email\" TEXT NOT NULL COLLATE \"NOCASE\"",
           "\"created_at\" TEXT NOT NULL DEFAULT (datetime('now'))",
           "\"name_upper\" TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL",
           "\"name_len\" INTEGER GENERATED ALWAYS AS (length(name)) STORED",
           "CONSTRAINT \"fk_orders_user\" FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\") "
           "ON "
           "DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
           "CONSTRAINT \"ck_total_max\" CHECK (total < 1000000)",
           "UNIQUE (\"user_id\", \"id\")",
           ") WITHOUT ROWID, STRICT;",
           "CREATE INDEX \"idx_orders_total\" ON \"orders\" (\"total\" DESC, \"user_id\") WHERE "
           "total > 0;",
           "CREATE UNIQUE INDEX \"uq_users_lower_email\" ON \"users\" (lower(email));",
           "CREATE VIEW \"order_ids\" (\"order_id\") AS SELECT id FROM big_orders;",
           "CREATE VIRTUAL TABLE \"docs\" USING fts5(body, tokenize = 'porter');",
           "CREATE TRIGGER trg_orders_audit AFTER INSERT ON orders BEGIN UPDATE users SET score = "
           "score "
           "+ 1 WHERE id = NEW.user_id; END;",
       }) {
    EXPECT_NE(dump.out.find(expected), std::string::npos) << "missing: " << expected << "\n"
                                                          << dump.out;
  }
  EXPECT_EQ(dump.out.find("strata_schema_history"), std::string::npos);
}

TEST_F(SchemaDumpSqlite, TheSameSchemaWrittenAnotherWayDumpsToIdenticalBytes) {
  Load("a.db", ReadSourceFile("tests/schema/sqlite_every_kind.sql"));
  Load("b.db", ReadSourceFile("tests/schema/sqlite_every_kind_reordered.sql"));
  RunResult a = Dump(Url("a.db"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, Dump(Url("b.db")).out);
  EXPECT_EQ(Dump(Url("a.db"), {"--json"}).out, Dump(Url("b.db"), {"--json"}).out);
}

TEST_F(SchemaDumpSqlite, ADumpLoadedIntoAnEmptyDatabaseDumpsToIdenticalBytes) {
  Load("a.db", ReadSourceFile("tests/schema/sqlite_every_kind.sql"));
  RunResult a = Dump(Url("a.db"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  Load("b.db", a.out);
  EXPECT_EQ(a.out, Dump(Url("b.db")).out);
  EXPECT_EQ(Dump(Url("a.db"), {"--json"}).out, Dump(Url("b.db"), {"--json"}).out);
}

TEST_F(SchemaDumpSqlite, TheWorkflowExampleMigratedThenDumpedRoundTrips) {
  const std::string example = (SourceDir() / "examples/workflow-sqlite/migrations").string();
  RunResult up = RunStrata({"--url", Url("a.db"), "--dir", example, "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult a = Dump(Url("a.db"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out.find("strata_schema_history"), std::string::npos);
  Load("b.db", a.out);
  EXPECT_EQ(a.out, Dump(Url("b.db")).out);
}

}  // namespace
}  // namespace strata::testing
