// The strata binary against the real PostgreSQL 15 cluster that scripts/test.sh
// starts (STRATA_TEST_PG_URL); each test gets a database of its own.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

class PostgresProject : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  std::string migrations() const { return (dir_.path() / "migrations").string(); }
  RunResult Strata(std::vector<std::string> args, const std::string& dir = "") {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", dir.empty() ? migrations() : dir});
    return RunStrata(args);
  }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", migrations()});
    return args;
  }
  // The applied versions in the order they were applied: "001,002".
  std::string AppliedVersions() {
    return db_.Scalar(
        "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM strata_schema_history");
  }
  std::string UserRelations() {
    return db_.Scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relname NOT LIKE 'strata_schema_history%'");
  }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresProject, SkmsExampleAppliesAndRollsBackToAnEmptySchema) {
  const std::string example = (SourceDir() / "examples/skms-postgres/migrations").string();
  RunResult up = Strata({"up"}, example);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(UserRelations(), "0");
  RunResult v = Strata({"validate"}, example);
  EXPECT_EQ(v.exit_code, 0) << v.out;
  RunResult down = Strata({"down", "--all"}, example);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(UserRelations(), "0");
  EXPECT_EQ(
      db_.Scalar("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                 "WHERE n.nspname = 'public'"),
      "0");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "0");
}

TEST_F(PostgresProject, AFailingStatementIsReportedAtItsFileLineWithSqlstateAndRolledBack) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
  dir_.Write("migrations/002_b.sql",
             "-- Author: dev@example.com\n"
             "CREATE TABLE b (id bigint PRIMARY KEY);\n"
             "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
             "INSERT INTO b (id)\n"
             "  SELECT x FROM no_such_table;\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("002_b.sql:5:17"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("SQLSTATE 42P01"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("relation \"no_such_table\" does not exist"), std::string::npos) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('a') IS NOT NULL"), "t");
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('b') IS NULL"), "t");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_proc WHERE proname = 'f'"), "0");
  EXPECT_EQ(AppliedVersions(), "001");
}

// A script that does not parse is still split statement by statement; a typo must
// fail at its own line, never be skipped.
TEST_F(PostgresProject, ATypoStatementFailsAtItsLineAndIsNeverSkipped) {
  dir_.Write("migrations/001_a.sql",
             "CREATE TABLE a (id int);\nSELEC 1;\nCREATE TABLE b (id int);\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("001_a.sql:2:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("42601"), std::string::npos) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('a') IS NULL"), "t");
}

// strata's history INSERT is a statement prepared once per session; a migration
// that drops the session's prepared statements must not make the next write fail.
TEST_F(PostgresProject, AMigrationThatDeallocatesPreparedStatementsLeavesTheHistoryWritable) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
  dir_.Write("migrations/002_b.sql", "DEALLOCATE ALL;\nCREATE TABLE b (id bigint PRIMARY KEY);\n");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id bigint PRIMARY KEY);\n");
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(AppliedVersions(), "001,002,003");
}

// A DEALLOCATE strata cannot see (built at run time) fails the migration with a
// message that says what happened; nothing of it is kept, and the next run, whose
// session prepares afresh, applies it.
TEST_F(PostgresProject, AHiddenDeallocateFailsTheMigrationCleanlyAndTheRerunAppliesIt) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
  dir_.Write("migrations/002_b.sql",
             "CREATE TABLE b (id bigint PRIMARY KEY);\n"
             "DO $$ BEGIN EXECUTE 'DEALL' || 'OCATE ALL'; END $$;\n");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id bigint PRIMARY KEY);\n");
  RunResult first = Strata({"up"});
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_NE(first.err.find("the server lost a statement strata prepared"), std::string::npos)
      << first.err;
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('b') IS NULL"), "t");
  RunResult second = Strata({"up"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(AppliedVersions(), "001,002,003");
}

TEST_F(PostgresProject, EightConcurrentRunsApplyEachMigrationExactlyOnce) {
  for (int i = 1; i <= 30; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%03d_t.sql", i);
    const std::string t = "t" + std::to_string(i);
    dir_.Write(
        std::string("migrations/") + name,
        "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\nINSERT INTO " + t + " VALUES (1);\n");
  }
  std::vector<pid_t> pids;
  pids.reserve(8);
  for (int p = 0; p < 8; ++p) {
    pids.push_back(SpawnStrata(Args({"up"}), (dir_.path() / ("run" + std::to_string(p))).string()));
  }
  for (size_t p = 0; p < pids.size(); ++p) {
    EXPECT_EQ(WaitFor(pids[p]), 0) << dir_.Read("run" + std::to_string(p) + ".err");
  }
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "30");
  EXPECT_EQ(db_.Scalar("SELECT count(DISTINCT version) FROM strata_schema_history"), "30");
  EXPECT_EQ(db_.Scalar("SELECT (SELECT count(*) FROM t1) + (SELECT count(*) FROM t30)"), "2");
}

TEST_F(PostgresProject, ASecondRunnerGivesUpAfterTheLockTimeout) {
  dir_.Write("migrations/001_slow.sql", "CREATE TABLE s (id int);\nSELECT pg_sleep(4);\n");
  const pid_t first = SpawnStrata(Args({"up"}), (dir_.path() / "first").string());
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  RunResult second = Strata({"--lock-timeout", "1", "up"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("another strata run holds the migration lock"), std::string::npos)
      << second.err;
  EXPECT_EQ(WaitFor(first), 0) << dir_.Read("first.err");
}

TEST_F(PostgresProject, KillNineDuringALongMigrationThenARerunCompletesWithoutDuplicates) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  dir_.Write("migrations/002_slow.sql",
             "CREATE TABLE slow (id int);\nINSERT INTO slow VALUES (1);\nSELECT pg_sleep(30);\n");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id int);\n");
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "killed").string());
  // Wait until the slow migration is running, then kill strata outright.
  for (int i = 0; i < 200; ++i) {
    if (db_.Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                   "query LIKE 'SELECT pg_sleep(30)%'") == "1")
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(db_.Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND query LIKE 'SELECT pg_sleep(30)%'"),
            "1");
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitFor(pid), 128 + SIGKILL);

  // The same migration without its sleep; it was never applied, so editing it is fine.
  dir_.Write("migrations/002_slow.sql",
             "CREATE TABLE slow (id int);\nINSERT INTO slow VALUES (1);\n");
  const auto start = std::chrono::steady_clock::now();
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  // The server noticed the dead client (client_connection_check_interval) instead
  // of sleeping out its 30 seconds while holding locks.
  // (Its uncommitted CREATE TABLE slow would otherwise block the rerun.)
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(AppliedVersions(), "001,002,003");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM slow"), "1");
}

TEST_F(PostgresProject, NonTransactionalMigrationResumesAtTheFailedStatementAfterRepair) {
  dir_.Write("migrations/001_t.sql",
             "CREATE TABLE t (id bigint PRIMARY KEY, email text);\n"
             "INSERT INTO t VALUES (1, 'a'), (2, 'a');\n");
  dir_.Write("migrations/002_idx.sql",
             "-- strata:no-transaction\n"
             "CREATE TABLE marker (id int);\n"
             "CREATE UNIQUE INDEX CONCURRENTLY idx_t_email ON t (email);\n"
             "CREATE TABLE after_index (id int);\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("002_idx.sql:3:"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("23505"), std::string::npos) << up.err;
  // The failed build left an INVALID index behind.
  EXPECT_EQ(
      db_.Scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_t_email'::regclass"),
      "f");

  RunResult blocked = Strata({"up"});
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_NE(blocked.err.find("strata repair"), std::string::npos) << blocked.err;
  RunResult status = Strata({"--json", "status"});
  EXPECT_NE(status.out.find("\"failed\""), std::string::npos) << status.out;

  // Fix the data, repair, and rerun: CREATE TABLE marker is not repeated (it would
  // fail), and the invalid index is dropped and built again.
  ASSERT_EQ(db_.conn().Execute("UPDATE t SET email = 'b' WHERE id = 2").ok(), true);
  RunResult repair = Strata({"repair"});
  ASSERT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_NE(repair.out.find("resumes at statement 2"), std::string::npos) << repair.out;
  RunResult resumed = Strata({"up"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("left INVALID"), std::string::npos) << resumed.err;
  EXPECT_EQ(
      db_.Scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_t_email'::regclass"),
      "t");
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('after_index') IS NOT NULL"), "t");
  EXPECT_EQ(db_.Scalar("SELECT state || ':' || statements_done FROM strata_schema_history WHERE "
                       "version = '002'"),
            "applied:3");
}

TEST_F(PostgresProject, TamperedFileMakesValidateExit3) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id bigint);\n");
  RunResult v = Strata({"validate"});
  EXPECT_EQ(v.exit_code, 3);
  EXPECT_NE(v.out.find("checksum mismatch"), std::string::npos) << v.out;
  // status reads fewer history columns, yet tells a real change from a formatting one.
  EXPECT_NE(Strata({"status"}).out.find("applied (changed!)"), std::string::npos);
  dir_.Write("migrations/001_a.sql", "create table a (\n  id int\n);  -- reformatted\n");
  RunResult s = Strata({"status"});
  EXPECT_NE(s.out.find("applied (reformatted)"), std::string::npos) << s.out;
}

TEST_F(PostgresProject, ALostConnectionLeavesAConsistentHistoryAndTheNextRunCarriesOn) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  dir_.Write("migrations/002_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n");
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "cut").string());
  for (int i = 0; i < 200; ++i) {
    if (db_.Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                   "query LIKE 'SELECT pg_sleep(30)%'") == "1")
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // The server ends strata's session, as a failover or a network cut would.
  db_.Scalar(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND query LIKE 'SELECT pg_sleep(30)%'");
  EXPECT_EQ(WaitFor(pid), 1);
  EXPECT_NE(dir_.Read("cut.err").find("002_slow.sql"), std::string::npos) << dir_.Read("cut.err");
  EXPECT_EQ(AppliedVersions(), "001");
  dir_.Write("migrations/002_slow.sql", "CREATE TABLE slow (id int);\n");
  RunResult rerun = Strata({"up"});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(AppliedVersions(), "001,002");
}

TEST_F(PostgresProject, APasswordNeverAppearsInOutput) {
  const std::string url = "postgres://someone:Sup3rSecretPw@127.0.0.1:1/nowhere";
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--url", url, "--dir", migrations(), "up"},
           {"--url", url, "--dir", migrations(), "--json", "status"},
           {"--url", "host=127.0.0.1 port=1 user=someone password=Sup3rSecretPw", "--dir",
            migrations(), "status"}}) {
    RunResult r = RunStrata(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out.find("Sup3rSecretPw"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("Sup3rSecretPw"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("cannot connect") + r.out.find("cannot connect"), 2 * std::string::npos);
  }
}

// Commands connect with libpq's non-blocking calls while they read the
// directory, and fall back to libpq's blocking connect when a connect_timeout
// asks for it (only that one enforces it, host by host).
TEST_F(PostgresProject, ConnectsWhateverTheUrlAsksOfTheConnection) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  const std::string url = db_.url();  // postgres://user@host:port/name, no query string
  const size_t scheme_end = url.find("://") + 3;
  const size_t at = url.find('@', scheme_end);
  const size_t host = at == std::string::npos ? scheme_end : at + 1;
  const size_t path = url.find('/', host);
  ASSERT_NE(path, std::string::npos) << url;
  const std::string refused_first = url.substr(0, host) + "127.0.0.1:1," + url.substr(host);
  struct Case {
    std::string what, url;
    std::vector<std::string> env;
  };
  for (const Case& c : {Case{"connect_timeout in the URL", url + "?connect_timeout=10", {}},
                        Case{"PGCONNECT_TIMEOUT", url, {"PGCONNECT_TIMEOUT=10"}},
                        Case{"a first host that refuses", refused_first, {}},
                        Case{"the same with a timeout", refused_first + "?connect_timeout=10", {}},
                        Case{"sslmode=disable", url + "?sslmode=disable", {}}}) {
    RunResult r = RunStrata({"--url", c.url, "--dir", migrations(), "--json", "status"}, {}, c.env);
    EXPECT_EQ(r.exit_code, 0) << c.what << ": " << r.err;
    EXPECT_NE(r.out.find("\"applied\": 1"), std::string::npos) << c.what << ": " << r.out;
  }
  // What the server refuses comes back through the non-blocking connect too.
  RunResult missing = RunStrata(
      {"--url", url.substr(0, path) + "/strata_no_such_database", "--dir", migrations(), "status"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot connect"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("strata_no_such_database"), std::string::npos) << missing.err;
}

// A format 2 history (before the backup, warnings and seal columns) is read as
// it is by read-only commands and upgraded in place by the next run that
// writes, which seals its rows.
TEST_F(PostgresProject, AFormatTwoHistoryIsReadAndThenUpgraded) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  ASSERT_TRUE(db_.conn()
                  .Execute("ALTER TABLE strata_schema_history DROP COLUMN backup, DROP COLUMN "
                           "warnings, DROP COLUMN seal, DROP COLUMN transaction_mode, DROP COLUMN "
                           "header_id, DROP COLUMN header_database, DROP COLUMN header_created, "
                           "DROP COLUMN header_depends; ALTER TABLE strata_schema_history_meta "
                           "RENAME COLUMN name TO key; UPDATE strata_schema_history_meta SET "
                           "value = '2'")
                  .ok());
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id int);\n");
  RunResult status = Strata({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("applied: 1  pending: 1"), std::string::npos) << status.out;
  RunResult history = Strata({"--json", "history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(nlohmann::json::parse(history.out)[0]["backup"], "");
  EXPECT_EQ(db_.Scalar("SELECT value FROM strata_schema_history_meta"), "2");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  EXPECT_EQ(
      db_.Scalar("SELECT value FROM strata_schema_history_meta WHERE name = 'format_version'"),
      "6");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history WHERE warnings = ''"), "2");
  // The row written before format 5 has no mode; the new one says how it ran.
  EXPECT_EQ(db_.Scalar("SELECT string_agg(transaction_mode, ',' ORDER BY installed_rank) FROM "
                       "strata_schema_history"),
            ",single");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history WHERE length(seal) = 64"), "2");
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

// Every row strata writes matches its seal as PostgreSQL gives it back (its
// timestamp included); a hand edit of any sealed field shows in validate, and
// repair seals the row again.
TEST_F(PostgresProject, AHandEditedHistoryRowIsReportedAsTampering) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id int);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  ASSERT_EQ(Strata({"validate"}).exit_code, 0);
  for (const char* edit :
       {"checksum_semantic = md5(checksum_semantic)", "applied_by = 'someone else'",
        "applied_at = applied_at - interval '1 day'"}) {
    ASSERT_TRUE(db_.conn()
                    .Execute(std::string("UPDATE strata_schema_history SET ") + edit +
                             " WHERE version = '001'")
                    .ok());
    RunResult validate = Strata({"validate"});
    EXPECT_EQ(validate.exit_code, 3) << edit << "\n" << validate.out;
    EXPECT_NE(validate.out.find("001"), std::string::npos) << validate.out;
    EXPECT_NE(validate.out.find("edited outside strata"), std::string::npos) << validate.out;
    // repair accepts the edit once someone has looked at it.
    ASSERT_EQ(Strata({"repair"}).exit_code, 0) << edit;
    EXPECT_EQ(Strata({"validate"}).exit_code, 0) << edit;
  }
}

// PGOPTIONS is honoured as psql honours it: a search_path set there is where
// unqualified names go (strata's own connection options are added to it, not
// put in its place).
TEST_F(PostgresProject, PgoptionsSearchPathIsHonoured) {
  ASSERT_TRUE(db_.conn().Execute("CREATE SCHEMA app").ok());
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  RunResult up = RunStrata(Args({"up"}), {}, {"PGOPTIONS=-c search_path=app"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename = "
                       "'a'"),
            "1");
  EXPECT_EQ(UserRelations(), "0");
}

// Flyway's defaultSchema: [database] schema is created by the first up, comes
// first on the search_path (unqualified names land there) and holds the history.
TEST_F(PostgresProject, DefaultSchemaIsCreatedAndHoldsTheMigrationsAndTheHistory) {
  dir_.Write("strata.toml", "[database]\nschema = \"App Data\"\n");
  dir_.Write("migrations/V1__a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
  auto strata = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url()});
    return RunStrata(args, dir_.path());
  };
  RunResult up = strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY tablename) "
                       "FROM pg_tables WHERE schemaname = 'App Data'"),
            "App Data.a,App Data.strata_schema_history,App Data.strata_schema_history_backfill,"
            "App Data.strata_schema_history_meta");
  EXPECT_EQ(UserRelations(), "0");
  dir_.Write("migrations/V2__b.sql", "CREATE TABLE b (id int REFERENCES a (id));\n");
  RunResult second = strata({"up"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  RunResult status = strata({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("applied: 2  pending: 0"), std::string::npos) << status.out;
}

TEST_F(PostgresProject, HistoryTableCanLiveInAConfiguredSchema) {
  ASSERT_TRUE(db_.conn().Execute("CREATE SCHEMA ops").ok());
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  ASSERT_EQ(Strata({"--history-schema", "ops", "up"}).exit_code, 0);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM ops.strata_schema_history"), "1");
  EXPECT_EQ(
      db_.Scalar("SELECT value FROM ops.strata_schema_history_meta WHERE name = 'format_version'"),
      "6");
}

}  // namespace
}  // namespace strata::testing
