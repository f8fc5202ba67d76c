// strata diff, generate and drift against real PostgreSQL 15 and SQLite: plans
// that turn one schema into another (every object kind created and dropped,
// alterations in both directions, rows kept), each source kind, shadow
// databases left behind by nobody, drift found and not imagined.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// Runs `sql` with psql in autocommit mode (plans may hold CREATE INDEX CONCURRENTLY).
void RunPsql(const std::string& url, const std::string& sql, const TempDir& dir) {
  dir.Write("script.sql", sql);
  const RunResult r = Psql(url, dir.path() / "script.sql");
  ASSERT_EQ(r.exit_code, 0) << r.err << "\nscript:\n" << sql;
}

void RunSqlite(const std::filesystem::path& db, const std::string& sql, const TempDir& dir) {
  // Foreign keys on, as strata's own connections have them, and one transaction.
  dir.Write("script.sql", "PRAGMA foreign_keys = ON;\nBEGIN;\n" + sql + "COMMIT;\n");
  const std::string command = "sqlite3 -bail '" + db.string() + "' <'" +
                              (dir.path() / "script.sql").string() + "' >'" +
                              (dir.path() / "sqlite.log").string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << dir.Read("sqlite.log") << "\nscript:\n" << sql;
}

RunResult Diff(const std::string& from, const std::string& to, const std::string& format,
               const std::filesystem::path& cwd = {}) {
  return RunStrata({"diff", "--from", from, "--to", to, "--format", format}, cwd);
}

size_t ChangeCount(const RunResult& r) { return nlohmann::json::parse(r.out)["changes"].size(); }

std::string Dump(const std::string& url) { return RunStrata({"--url", url, "schema", "dump"}).out; }

// Applies diff(from, to) to `from`, then checks that nothing differs any more.
void ApplyAndCompare(const std::string& from, const std::string& to, bool sqlite,
                     const TempDir& dir) {
  RunResult plan = Diff(from, to, "sql");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  if (sqlite) {
    RunSqlite(from, plan.out, dir);
  } else {
    RunPsql(from, plan.out, dir);
  }
  RunResult again = Diff(from, to, "json");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(ChangeCount(again), 0u) << again.out << "\nplan was:\n" << plan.out;
  EXPECT_EQ(Dump(from), Dump(to));
}

TEST(SchemaDiffPostgres, EveryKindIsCreatedFromNothingAndDroppedAgain) {
  PgDatabase empty, full, target;
  STRATA_REQUIRE_PG(empty);
  TempDir dir;
  RunPsql(full.url(), ReadSourceFile("tests/schema/postgres_every_kind.sql"), dir);
  ApplyAndCompare(empty.url(), full.url(), false, dir);
  // And back: the plan drops everything again.
  PgDatabase nothing;
  RunPsql(target.url(), ReadSourceFile("tests/schema/postgres_every_kind.sql"), dir);
  ApplyAndCompare(target.url(), nothing.url(), false, dir);
}

constexpr const char* kPgBefore = R"sql(
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,
                    name varchar(20), m mood DEFAULT 'ok', legacy int);
CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint REFERENCES users(id), body text);
CREATE INDEX posts_user ON posts (user_id);
CREATE VIEW user_posts AS SELECT u.email, p.body FROM users u JOIN posts p ON p.user_id = u.id;
CREATE TABLE gone (id int PRIMARY KEY, p int REFERENCES posts(id));
INSERT INTO users (email, name) VALUES ('a@example.com', 'A'), ('b@example.com', 'B');
INSERT INTO posts (user_id, body) VALUES (1, 'hello'), (2, 'world');
)sql";

constexpr const char* kPgAfter = R"sql(
CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'happy');
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE,
                    name varchar(50) NOT NULL DEFAULT '', m mood DEFAULT 'happy',
                    CHECK (email <> ''));
CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint REFERENCES users(id) ON DELETE CASCADE,
                    body text, title text);
CREATE INDEX posts_body ON posts (body) WHERE body IS NOT NULL;
CREATE VIEW user_posts AS SELECT u.email, p.body, p.title FROM users u JOIN posts p ON p.user_id = u.id;
CREATE SCHEMA extra;
CREATE TABLE extra.t (a int);
COMMENT ON TABLE posts IS 'what users write';
)sql";

TEST(SchemaDiffPostgres, AlterationsApplyBothWaysKeepRowsAndUseOnlineForms) {
  PgDatabase a, b;
  STRATA_REQUIRE_PG(a);
  TempDir dir;
  RunPsql(a.url(), kPgBefore, dir);
  RunPsql(b.url(), kPgAfter, dir);
  RunResult text = Diff(a.url(), b.url(), "text");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("- table public.gone  DESTRUCTIVE"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("- column public.users.legacy  DESTRUCTIVE"), std::string::npos);
  RunResult sql = Diff(a.url(), b.url(), "sql");
  EXPECT_NE(sql.out.find("CREATE INDEX CONCURRENTLY posts_body"), std::string::npos) << sql.out;
  EXPECT_NE(sql.out.find("REFERENCES public.users(id) ON DELETE CASCADE NOT VALID"),
            std::string::npos);
  EXPECT_NE(sql.out.find("VALIDATE CONSTRAINT posts_user_id_fkey"), std::string::npos);
  EXPECT_NE(sql.out.find("ADD VALUE 'meh' AFTER 'sad'"), std::string::npos);
  ApplyAndCompare(a.url(), b.url(), false, dir);
  EXPECT_EQ(a.Scalar("SELECT count(*) FROM posts"), "2");
  EXPECT_EQ(a.Scalar("SELECT string_agg(name, ',' ORDER BY id) FROM users"), "A,B");

  // Back again from fresh copies: labels removed (the type is replaced), a
  // column narrowed, the table and column recreated.
  PgDatabase c, d;
  RunPsql(c.url(), kPgAfter, dir);
  RunPsql(d.url(), kPgBefore, dir);
  RunResult back = Diff(c.url(), d.url(), "json");
  EXPECT_GT(nlohmann::json::parse(back.out)["destructive"].get<int>(), 0) << back.out;
  ApplyAndCompare(c.url(), d.url(), false, dir);
}

TEST(SchemaDiffSqlite, EveryKindBothWaysAndRebuildsKeepRows) {
  TempDir dir;
  const auto empty = dir.path() / "empty.db", full = dir.path() / "full.db";
  RunSqlite(full, ReadSourceFile("tests/schema/sqlite_every_kind.sql"), dir);
  RunSqlite(empty, "", dir);
  ApplyAndCompare(empty.string(), full.string(), true, dir);
  const auto none = dir.path() / "none.db";
  RunSqlite(none, "", dir);
  ApplyAndCompare(full.string(), none.string(), true, dir);

  const auto a = dir.path() / "a.db", b = dir.path() / "b.db";
  RunSqlite(a, R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), body TEXT);
CREATE INDEX posts_user ON posts (user_id);
CREATE VIEW user_posts AS SELECT u.email, p.body FROM users u JOIN posts p ON p.user_id = u.id;
CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;
INSERT INTO users VALUES (1, 'a@x', 'A'), (2, 'b@x', NULL);
INSERT INTO posts VALUES (1, 1, 'hello'), (2, 2, 'world');
)sql",
            dir);
  RunSqlite(b, R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, created_at TEXT DEFAULT 'now');
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), body TEXT, title TEXT);
CREATE INDEX posts_body ON posts (body);
CREATE VIEW user_posts AS SELECT u.email, p.body FROM users u JOIN posts p ON p.user_id = u.id;
CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;
)sql",
            dir);
  RunResult plan = Diff(a.string(), b.string(), "json");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  bool rebuilt = false;
  const nlohmann::json parsed = nlohmann::json::parse(plan.out);
  for (const auto& c : parsed["changes"]) {
    rebuilt = rebuilt || (c["object"] == "table" && c.value("rebuild", false));
  }
  EXPECT_TRUE(rebuilt) << plan.out;
  ApplyAndCompare(a.string(), b.string(), true, dir);
  // The referenced table was rebuilt with its children's rows in place.
  EXPECT_EQ(SqliteScalar(a, "SELECT group_concat(email || ':' || body) FROM user_posts"),
            "a@x:hello,b@x:world");
  EXPECT_EQ(SqliteScalar(a, "SELECT count(*) FROM pragma_foreign_key_check"), "0");
}

TEST(SchemaDiffSources, SnapshotMigrationsAndDesiredSqlAgree) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  TempDir dir;
  dir.Write("migrations/001_users.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  dir.Write("migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  dir.Write("migrations/002_posts.sql",
            "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n");
  dir.Write("migrations/rollback/002_rollback.sql", "DROP TABLE posts;\n");
  dir.Write("desired.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
            "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n");
  dir.Write("strata.toml", "[database]\nurl = \"" + db.url() + "\"\n");
  // Shadow databases are named after the process (strata_shadow_<pid>_...), so
  // that other tests' runs on the same server do not count.
  auto diff_leaves_no_shadow = [&](const std::string& to, int expected_exit) {
    const std::string log = (dir.path() / "spawned").string();
    const pid_t pid =
        SpawnStrata({"--config", (dir.path() / "strata.toml").string(), "diff", "--from",
                     (dir.path() / "migrations").string(), "--to", (dir.path() / to).string()},
                    log);
    EXPECT_EQ(WaitFor(pid), expected_exit) << dir.Read("spawned.err");
    EXPECT_EQ(db.Scalar("SELECT count(*) FROM pg_database WHERE datname LIKE 'strata\\_shadow\\_" +
                        std::to_string(pid) + "\\_%'"),
              "0")
        << "a shadow database was left behind";
  };
  diff_leaves_no_shadow("desired.sql", 0);
  RunResult same = Diff("migrations", "desired.sql", "json", dir.path());
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_EQ(ChangeCount(same), 0u) << same.out;

  ASSERT_EQ(RunStrata({"up"}, dir.path()).exit_code, 0);
  RunResult snapshot = RunStrata({"schema", "dump", "--format", "json"}, dir.path());
  dir.Write("snapshot.json", snapshot.out);
  RunResult from_snapshot = Diff("snapshot.json", db.url(), "json", dir.path());
  ASSERT_EQ(from_snapshot.exit_code, 0) << from_snapshot.err;
  EXPECT_EQ(ChangeCount(from_snapshot), 0u) << from_snapshot.out;

  // A desired-state file that does not run: its name and line, exit 1.
  dir.Write("broken.sql", "CREATE TABLE ok (id int);\nCREATE TABLE bad (id nosuchtype);\n");
  RunResult broken = Diff("migrations", "broken.sql", "text", dir.path());
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("broken.sql:2"), std::string::npos) << broken.err;
  diff_leaves_no_shadow("broken.sql", 1);
  // A source that is nothing: exit 2, named.
  RunResult missing = Diff("migrations", "nothing.json", "text", dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nothing.json"), std::string::npos) << missing.err;
}

TEST(SchemaGenerate, WritesAMigrationAndRollbackThatUpAndDownApply) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  TempDir dir;
  dir.Write("strata.toml", "[database]\nurl = \"" + db.url() + "\"\n");
  dir.Write("migrations/.keep", "");
  dir.Write("schema.sql",
            "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            "email text NOT NULL UNIQUE);\n");
  RunResult first = RunStrata({"generate", "initial", "--desired", "schema.sql"}, dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(RunStrata({"up"}, dir.path()).exit_code, 0);
  dir.Write("schema.sql", dir.Read("schema.sql") +
                              "ALTER TABLE customers ADD COLUMN name text;\n"
                              "CREATE INDEX customers_name ON customers (name);\n");
  RunResult second = RunStrata({"generate", "names", "--desired", "schema.sql"}, dir.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const std::string up = dir.Read("migrations/002_names.sql");
  EXPECT_NE(up.find("-- strata:no-transaction"), std::string::npos) << up;
  EXPECT_NE(up.find("CREATE INDEX CONCURRENTLY customers_name"), std::string::npos) << up;
  EXPECT_NE(dir.Read("migrations/rollback/002_rollback.sql").find("DROP COLUMN name"),
            std::string::npos);
  ASSERT_EQ(RunStrata({"up"}, dir.path()).exit_code, 0);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_name'"), "1");
  // Nothing left to generate; the rollback undoes it.
  RunResult none = RunStrata({"generate", "again", "--desired", "schema.sql"}, dir.path());
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "migrations/003_again.sql"));
  ASSERT_EQ(RunStrata({"down"}, dir.path()).exit_code, 0);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM information_schema.columns WHERE column_name = 'name' "
                      "AND table_name = 'customers'"),
            "0");
}

TEST(SchemaDrift, ReportsAColumnAddedByHandAndNothingOnAnUntouchedTarget) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  TempDir dir;
  dir.Write("strata.toml", "[database]\nurl = \"" + db.url() + "\"\n");
  dir.Write("migrations/001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
  dir.Write("migrations/rollback/001_rollback.sql", "DROP TABLE orders;\n");
  dir.Write("migrations/002_pending.sql", "CREATE TABLE later (id int);\n");
  dir.Write("migrations/rollback/002_rollback.sql", "DROP TABLE later;\n");
  ASSERT_EQ(RunStrata({"up", "--to", "001"}, dir.path()).exit_code, 0);
  // A pending migration is not drift.
  RunResult clean = RunStrata({"drift"}, dir.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("No drift"), std::string::npos) << clean.out;

  ASSERT_TRUE(db.conn().Execute("ALTER TABLE orders ADD COLUMN note text").ok());
  ASSERT_TRUE(db.conn().Execute("CREATE TABLE audit_log (id int)").ok());
  RunResult drift = RunStrata({"drift"}, dir.path());
  EXPECT_EQ(drift.exit_code, 3) << drift.out << drift.err;
  EXPECT_NE(drift.out.find("+ column public.orders.note"), std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("+ table public.audit_log"), std::string::npos) << drift.out;

  // Objects managed elsewhere are excluded in strata.toml.
  dir.Write("strata.toml",
            "[database]\nurl = \"" + db.url() +
                "\"\n[drift]\nexclude = [\"public.audit_*\", \"public.orders.note\"]\n");
  RunResult excluded = RunStrata({"--json", "drift"}, dir.path());
  EXPECT_EQ(excluded.exit_code, 0) << excluded.out << excluded.err;
  EXPECT_EQ(ChangeCount(excluded), 0u) << excluded.out;
}

}  // namespace
}  // namespace strata::testing
