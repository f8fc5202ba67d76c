// Ctrl-C and SIGTERM (base/interrupt.h): the statement running is cancelled on
// the server, the history stays as a crash would leave it (the next up goes on
// without repair), scratch databases are dropped, and the exit code says which
// signal stopped the command (128 + the signal).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

class PostgresInterrupt : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return args;
  }
  // A statement that sleeps `seconds` (an SQL expression), marked as this
  // test's: ctest runs tests side by side on one server, and another test's
  // sleep must not pass for this one's.
  std::string SleepSql(const std::string& seconds) const {
    return "SELECT pg_sleep(" + seconds + " + 0 * length('" + marker_ + "'));\n";
  }
  // One that sleeps while the table `slow_switch` has a row: the test holds a
  // run there, then lets the rerun through without editing the file.
  std::string SleepWhileSwitchedSql() const {
    return SleepSql("CASE WHEN EXISTS (SELECT 1 FROM slow_switch) THEN 30 ELSE 0 END");
  }
  // Whether a session runs this test's sleep on the server, in this database or
  // any other (diff runs it in a scratch database).
  bool Sleeping() {
    return db_.Scalar(
               "SELECT count(*) > 0 FROM pg_stat_activity WHERE state = 'active' AND "
               "query LIKE '%pg_sleep%" +
               marker_ + "%' AND pid <> pg_backend_pid()") == "t";
  }
  bool WaitUntilSleeping() {
    for (int i = 0; i < 400; ++i) {
      if (Sleeping()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }
  bool WaitUntilNoneSleeping() {
    for (int i = 0; i < 200 && Sleeping(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return !Sleeping();
  }
  // Sends `sig` to a spawned strata and returns its exit code and how long it
  // took to end after the signal.
  std::pair<int, double> Stop(pid_t pid, int sig) {
    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid, sig);
    const int code = WaitFor(pid);
    return {code, std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count()};
  }
  PgDatabase db_;
  TempDir dir_;
  // Each test runs in a process of its own.
  const std::string marker_ = "interrupt_test_" + std::to_string(::getpid());
};

TEST_F(PostgresInterrupt, CtrlCInANoTransactionFileCancelsTheStatementAndUpResumes) {
  dir_.Write("migrations/001_switch.sql",
             "CREATE TABLE slow_switch (on_ int);\nINSERT INTO slow_switch VALUES (1);\n");
  dir_.Write("migrations/002_load.sql", std::string("-- strata:no-transaction\n"
                                                    "CREATE TABLE t (n int);\n"
                                                    "INSERT INTO t VALUES (1);\n") +
                                            SleepWhileSwitchedSql() +
                                            "INSERT INTO t VALUES (2);\n");
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "up").string());
  ASSERT_TRUE(WaitUntilSleeping());
  const auto [code, seconds] = Stop(pid, SIGINT);
  EXPECT_EQ(code, 130) << dir_.Read("up.err");
  EXPECT_LT(seconds, 10);  // not the 30 s of the statement
  EXPECT_NE(dir_.Read("up.err").find("stopped by Ctrl-C"), std::string::npos)
      << dir_.Read("up.err");
  EXPECT_TRUE(WaitUntilNoneSleeping()) << "the statement still runs on the server";
  // As a crash leaves it: running, two statements done; no repair needed.
  EXPECT_EQ(db_.Scalar("SELECT state || ':' || statements_done FROM strata_schema_history WHERE "
                       "version = '002'"),
            "running:2");
  ASSERT_TRUE(db_.conn().Execute("DELETE FROM slow_switch").ok());
  RunResult again = RunStrata(Args({"up"}));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(db_.Scalar("SELECT string_agg(n::text, ',' ORDER BY n) FROM t"), "1,2");
}

TEST_F(PostgresInterrupt, SigtermInATransactionRollsTheMigrationBack) {
  dir_.Write("migrations/001_slow.sql", "CREATE TABLE a (id int);\n" + SleepSql("30"));
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "up").string());
  ASSERT_TRUE(WaitUntilSleeping());
  const auto [code, seconds] = Stop(pid, SIGTERM);
  EXPECT_EQ(code, 143) << dir_.Read("up.err");
  EXPECT_LT(seconds, 10);
  // Said by strata, not by a process the signal killed (which would exit 143 too).
  EXPECT_NE(dir_.Read("up.err").find("stopped by SIGTERM"), std::string::npos)
      << dir_.Read("up.err");
  EXPECT_TRUE(WaitUntilNoneSleeping());
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "0");
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('a') IS NULL"), "t");
}

// diff replays a migrations directory into a scratch database of the server:
// stopped midway, it drops that database before it exits.
TEST_F(PostgresInterrupt, CtrlCDuringDiffDropsTheScratchDatabase) {
  dir_.Write("migrations/001_slow.sql", "CREATE TABLE a (id int);\n" + SleepSql("30"));
  const std::string shadows =
      "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata\\_shadow\\_%'";
  const std::string before = db_.Scalar(shadows);
  const pid_t pid = SpawnStrata({"--url", db_.url(), "diff", "--from",
                                 (dir_.path() / "migrations").string(), "--to", db_.url()},
                                (dir_.path() / "diff").string());
  ASSERT_TRUE(WaitUntilSleeping());
  EXPECT_NE(db_.Scalar(shadows), before);  // the scratch database exists meanwhile
  const auto [code, seconds] = Stop(pid, SIGINT);
  EXPECT_EQ(code, 130) << dir_.Read("diff.err");
  EXPECT_LT(seconds, 10);
  EXPECT_EQ(db_.Scalar(shadows), before) << dir_.Read("diff.err");
}

TEST(SqliteInterrupt, CtrlCStopsTheStatementAndUpFinishesLater) {
  TempDir dir;
  const std::string db = (dir.path() / "app.db").string();
  const std::vector<std::string> args = {"--url", "sqlite:" + db, "--dir",
                                         (dir.path() / "migrations").string(), "up"};
  dir.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);\n");
  dir.Write("migrations/002_slow.sql",
            "CREATE TABLE t (n INTEGER);\n"
            "INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
            "WHERE x < 50000000) SELECT x FROM c;\n");
  const pid_t pid = SpawnStrata(args, (dir.path() / "up").string());
  // Until 001 is applied and 002 runs.
  for (int i = 0; i < 400; ++i) {
    if (SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'a'") == "1") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto sent = std::chrono::steady_clock::now();
  ::kill(pid, SIGINT);
  EXPECT_EQ(WaitFor(pid), 130) << dir.Read("up.err");
  EXPECT_NE(dir.Read("up.err").find("stopped by Ctrl-C"), std::string::npos) << dir.Read("up.err");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count(), 10);
  EXPECT_EQ(SqliteScalar(db, "SELECT group_concat(version) FROM strata_schema_history"), "001");
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 't'"), "0");
  dir.Write("migrations/002_slow.sql", "CREATE TABLE t (n INTEGER);\n");
  RunResult again = RunStrata(args);
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

}  // namespace
}  // namespace strata::testing
