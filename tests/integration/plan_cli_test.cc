// strata plan (and up --dry-run) as a user runs them, on SQLite and on
// PostgreSQL: a project with one applied migration and pending ones; the plan
// names each statement's lock, the locked table's size, the metadata and the lint
// findings, and leaves the database exactly as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

using nlohmann::json;

// The pending migrations of both projects: the ALTER of a table holding rows,
// metadata in the header, an index built outside a transaction, a drop.
void WritePending(const TempDir& dir, const std::string& index_sql) {
  dir.Write("migrations/002_add_nickname.sql",
            "-- Ticket: JIRA-12\n"
            "-- Author: alice@example.com\n"
            "-- Breaking: true\n"
            "ALTER TABLE users ADD COLUMN nickname text;\n"
            "-- strata:check post critical expect=0\n"
            "SELECT count(*) FROM users WHERE nickname IS NOT NULL;\n");
  dir.Write("migrations/003_index_nickname.sql", "-- strata:no-transaction\n" + index_sql + "\n");
  dir.Write("migrations/004_drop_legacy.sql", "DROP TABLE legacy;\n");
}

const json& Migration(const json& plan, const std::string& id) {
  for (const json& m : plan["migrations"]) {
    if (m["id"] == id) return m;
  }
  static const json kNone;
  ADD_FAILURE() << "no migration " << id << " in " << plan.dump(2);
  return kNone;
}

bool HasFinding(const json& migration, const std::string& rule) {
  for (const json& f : migration["findings"]) {
    if (f["rule"] == rule) return true;
  }
  return false;
}

class SqlitePlan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write(
        "migrations/001_users.sql",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n"
        "CREATE TABLE legacy (id INTEGER PRIMARY KEY);\n"
        "INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com');\n");
  }
  std::string db() const { return (dir_.path() / "app.db").string(); }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"--url", "sqlite:" + db(), "--dir", (dir_.path() / "migrations").string()});
    return RunStrata(args);
  }
  // What plan must leave alone: the history and the schema.
  std::string State() { return Strata({"--json", "history"}).out + Strata({"schema", "dump"}).out; }
  TempDir dir_;
};

TEST_F(SqlitePlan, ShowsLocksMetadataAndFindingsAndChangesNothing) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  WritePending(dir_, "CREATE INDEX idx_users_nickname ON users (nickname);");
  const std::string before = State();

  RunResult text = Strata({"plan"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* part :
       {"3 migrations", "ALTER TABLE users ADD COLUMN nickname text;",
        "line 4: DATABASE WRITE, users (size unknown)", "ticket JIRA-12",
        "author alice@example.com", "BREAKING", "NO TRANSACTION", "error[drop-table]",
        "line 5: critical post check, expects 0: SELECT count(*) FROM users WHERE nickname"}) {
    EXPECT_NE(text.out.find(part), std::string::npos) << part << " in:\n" << text.out;
  }

  RunResult js = Strata({"plan", "--format", "json"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const json plan = json::parse(js.out);
  EXPECT_EQ(plan["dialect"], "sqlite");
  EXPECT_EQ(plan["summary"]["migrations"], 3);
  const json& alter = Migration(plan, "002");
  EXPECT_EQ(alter["ticket"], "JIRA-12");
  EXPECT_EQ(alter["author"], "alice@example.com");
  EXPECT_EQ(alter["breaking"], true);
  EXPECT_EQ(alter["statements"][0]["lock"], "DATABASE WRITE");
  EXPECT_EQ(alter["statements"][0]["table"], "users");
  EXPECT_EQ(alter["statements"][0]["table_origin"], "target");
  ASSERT_EQ(alter["statements"].size(), 1u) << "a check's query is no statement of the migration";
  ASSERT_EQ(alter["checks"].size(), 1u);
  EXPECT_EQ(alter["checks"][0]["when"], "post");
  EXPECT_EQ(alter["checks"][0]["critical"], true);
  EXPECT_EQ(alter["checks"][0]["expect"], "0");
  EXPECT_EQ(alter["checks"][0]["line"], 5);
  EXPECT_EQ(Migration(plan, "003")["transactional"], false);
  EXPECT_TRUE(HasFinding(Migration(plan, "004"), "drop-table")) << js.out;
  EXPECT_EQ(plan["summary"]["non_transactional"], json::array({"003"}));
  EXPECT_EQ(plan["summary"]["breaking"], json::array({"002"}));

  RunResult md = Strata({"plan", "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("## strata plan: 3 pending migrations"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("### 002 add nickname"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("<details>"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("**Validation checks**"), std::string::npos) << md.out;

  EXPECT_EQ(State(), before);
}

// The findings of plan and of the lint before up outlived the rules they
// pointed at, and their "help:" line printed freed memory.
TEST_F(SqlitePlan, HelpLineOfAFindingIsTheRulesFix) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  WritePending(dir_, "CREATE INDEX idx_users_nickname ON users (nickname);");
  const std::string fix =
      "help: Stop using the table first (expand/contract): deploy code that no longer reads or "
      "writes it, keep it through a deprecation period, take a backup, then drop it in a "
      "contract phase.\n";
  RunResult plan = Strata({"plan"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find(fix), std::string::npos) << plan.out;

  dir_.Write("strata.toml", "[lint]\non_up = \"error\"\n");
  RunResult up = RunStrata({"--url", "sqlite:" + db(), "up"}, dir_.path());
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find(fix), std::string::npos) << up.err;
}

TEST_F(SqlitePlan, ToLimitsThePlanAndUpDryRunShowsTheSamePlan) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  WritePending(dir_, "CREATE INDEX idx_users_nickname ON users (nickname);");
  const json to = json::parse(Strata({"--json", "plan", "--to", "002"}).out);
  ASSERT_EQ(to["migrations"].size(), 1u) << to.dump(2);
  EXPECT_EQ(to["migrations"][0]["id"], "002");

  RunResult dry = Strata({"up", "--dry-run", "--to", "003"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("DATABASE WRITE, users"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("CREATE INDEX idx_users_nickname"), std::string::npos) << dry.out;
  EXPECT_EQ(dry.out.find("DROP TABLE legacy"), std::string::npos) << dry.out;
  const json dry_json = json::parse(Strata({"--json", "up", "--dry-run"}).out);
  EXPECT_EQ(dry_json["summary"]["migrations"], 3);
  EXPECT_EQ(SqliteScalar(db(), "SELECT group_concat(version) FROM strata_schema_history"), "001");
}

TEST_F(SqlitePlan, OnAFreshDatabaseCreatesNoHistoryTableAndShowsCreatedTablesAsNew) {
  // An empty file is an empty database (plan creates none: bad_path_test.cc).
  dir_.Write("app.db", "");
  RunResult r = Strata({"--json", "plan"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json plan = json::parse(r.out);
  const json& create = Migration(plan, "001")["statements"][0];
  EXPECT_EQ(create["table"], "users");
  EXPECT_EQ(create["table_origin"], "new");
  EXPECT_EQ(SqliteScalar(db(), "SELECT count(*) FROM sqlite_schema"), "0");
}

TEST_F(SqlitePlan, BadInputIsExitCodeTwoNamingTheValue) {
  dir_.Write("app.db", "");
  RunResult format = Strata({"plan", "--format", "html"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("--format 'html'"), std::string::npos) << format.err;
  RunResult to = Strata({"plan", "--to", "999"});
  EXPECT_EQ(to.exit_code, 2);
  EXPECT_NE(to.err.find("--to 999"), std::string::npos) << to.err;
  EXPECT_EQ(Strata({"plan", "--phase", "sideways"}).exit_code, 2);
}

class PostgresPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    STRATA_REQUIRE_PG(db_);
    dir_.Write("migrations/001_users.sql",
               "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
               "CREATE TABLE legacy (id bigint PRIMARY KEY);\n"
               "INSERT INTO users SELECT g, 'u' || g || '@example.com' FROM generate_series(1, "
               "5000) g;\n");
  }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return RunStrata(args);
  }
  std::string State() { return Strata({"--json", "history"}).out + Strata({"schema", "dump"}).out; }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresPlan, ShowsLocksWithTheTablesEstimatedRowsMetadataAndFindings) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  ASSERT_TRUE(db_.conn().Execute("ANALYZE users").ok());
  WritePending(dir_, "CREATE INDEX CONCURRENTLY idx_users_nickname ON users (nickname);");
  const std::string before = State();

  RunResult js = Strata({"plan", "--format", "json"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const json plan = json::parse(js.out);
  EXPECT_EQ(plan["dialect"], "postgres");
  EXPECT_EQ(plan["target"].get<std::string>().find("password"), std::string::npos);
  const json& alter = Migration(plan, "002")["statements"][0];
  EXPECT_EQ(alter["lock"], "ACCESS EXCLUSIVE");
  EXPECT_EQ(alter["table"], "users");
  EXPECT_EQ(alter["table_rows"], 5000);
  EXPECT_GT(alter["table_bytes"].get<int64_t>(), 0);
  EXPECT_EQ(alter["line"], 4);
  const json& index = Migration(plan, "003");
  EXPECT_EQ(index["transactional"], false);
  EXPECT_EQ(index["statements"][0]["lock"], "SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(index["statements"][0]["table_rows"], 5000);
  EXPECT_TRUE(HasFinding(Migration(plan, "004"), "drop-table")) << js.out;
  EXPECT_EQ(plan["summary"]["access_exclusive_tables"], json::array({"users", "legacy"}));
  EXPECT_GE(plan["summary"]["findings"]["error"].get<int>(), 1);

  RunResult text = Strata({"plan"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* part : {"line 4: ACCESS EXCLUSIVE on users (", "~5.0k rows",
                           "SHARE UPDATE EXCLUSIVE on users", "ticket JIRA-12", "BREAKING",
                           "NO TRANSACTION", "ACCESS EXCLUSIVE locks on: users, legacy"}) {
    EXPECT_NE(text.out.find(part), std::string::npos) << part << " in:\n" << text.out;
  }
  RunResult md = Strata({"plan", "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("| 4 | ACCESS EXCLUSIVE | `users` | "), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| ~5.0k rows | `ALTER TABLE users ADD COLUMN nickname text` |"),
            std::string::npos)
      << md.out;
  EXPECT_NE(md.out.find("| 003 | index nickname | 1 | **no** |"), std::string::npos) << md.out;

  const json to = json::parse(Strata({"--json", "plan", "--to", "003"}).out);
  EXPECT_EQ(to["summary"]["migrations"], 2);
  EXPECT_EQ(to["summary"]["access_exclusive_tables"], json::array({"users"}));

  RunResult dry = Strata({"up", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("ACCESS EXCLUSIVE on users"), std::string::npos) << dry.out;

  EXPECT_EQ(State(), before);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_users_nickname'"),
            "0");
}

TEST_F(PostgresPlan, OnAFreshDatabaseCreatesNoHistoryTable) {
  RunResult r = Strata({"plan"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("no table lock: users (new table)"), std::string::npos) << r.out;
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('strata_schema_history') IS NULL"), "t");
  EXPECT_EQ(
      db_.Scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = 'public'"),
      "0");
}

}  // namespace
}  // namespace strata::testing
