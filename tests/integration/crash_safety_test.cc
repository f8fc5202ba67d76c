// Exactly once, whatever happens: the real binary stopped at the worst moments
// (kill -9, a failing statement, a lost lock) against real PostgreSQL and SQLite,
// then run again without strata repair. bench/faults.sh runs the same
// experiments by the hundred; these pin one case of each.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A statement that sleeps while the table `slow_switch` has a row, so that a test
// can hold a run at it and then let the rerun through without editing the file
// (an edited file would no longer match its history row).
constexpr const char* kSleepWhileSwitched =
    "SELECT pg_sleep(CASE WHEN EXISTS (SELECT 1 FROM slow_switch) THEN 30 ELSE 0 END);\n";

class PostgresCrashSafety : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return args;
  }
  RunResult Strata(std::vector<std::string> args) { return RunStrata(Args(std::move(args))); }
  // Waits until a session of this database runs a statement starting with `prefix`.
  bool WaitForQuery(const std::string& prefix) {
    for (int i = 0; i < 400; ++i) {
      if (db_.Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     "AND state = 'active' AND query LIKE '" +
                     prefix + "%'") != "0") {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }
  // "t" or "f" as pg_index says, "" when the index does not exist.
  std::string IndexValid(const std::string& index) {
    return db_.Scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('" + index +
                      "')");
  }
  // The history as a run killed after `done` statements of `version` leaves it.
  void StoppedAfter(const std::string& version, int done) {
    db_.Scalar(
        "UPDATE strata_schema_history SET state = 'running', success = false, "
        "statements_done = " +
        std::to_string(done) + " WHERE version = '" + version + "'");
  }
  std::string History(const std::string& version) {
    return db_.Scalar(
        "SELECT state || ':' || statements_done FROM strata_schema_history WHERE version = '" +
        version + "'");
  }
  PgDatabase db_;
  TempDir dir_;
};

// A file that manages its own transactions, as files written for psql or
// golang-migrate do: killed inside its second BEGIN ... COMMIT block, the
// block is lost whole (the server rolls it back), the progress stays at the
// block's BEGIN, and the rerun runs the block again from there, once.
TEST_F(PostgresCrashSafety, KillNineInsideAFilesOwnBlockThenUpRunsTheBlockOnce) {
  dir_.Write("migrations/001_switch.sql",
             "CREATE TABLE slow_switch (on_ int);\nINSERT INTO slow_switch VALUES (1);\n");
  dir_.Write("migrations/002_load.sql",
             std::string("BEGIN;\n"
                         "CREATE TABLE big (n int);\n"
                         "INSERT INTO big SELECT generate_series(1, 3000);\n"
                         "COMMIT;\n"
                         "CREATE INDEX CONCURRENTLY big_n ON big (n);\n"
                         "BEGIN;\n"
                         "INSERT INTO big SELECT generate_series(3001, 4000);\n") +
                 kSleepWhileSwitched +
                 "INSERT INTO big SELECT generate_series(4001, 5000);\n"
                 "COMMIT;\n"
                 "BEGIN;\nINSERT INTO big SELECT generate_series(5001, 6000);\nCOMMIT;\n");
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "killed").string());
  ASSERT_TRUE(WaitForQuery("SELECT pg_sleep"));
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitFor(pid), 128 + SIGKILL);
  for (int i = 0; i < 200 && db_.Scalar("SELECT count(*) FROM pg_stat_activity WHERE "
                                        "application_name LIKE 'strata%'") != "0";
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // The first block and the concurrent index were committed; the second block
  // died with its session, its first INSERT with it.
  EXPECT_EQ(History("002"), "running:5");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM big"), "3000");
  EXPECT_EQ(db_.Scalar("SELECT transaction_mode FROM strata_schema_history WHERE version = "
                       "'002'"),
            "blocks");

  db_.Scalar("DELETE FROM slow_switch");
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("resuming 002 at statement 6"), std::string::npos) << rerun.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) || '/' || count(DISTINCT n) FROM big"), "6000/6000");
  EXPECT_EQ(IndexValid("big_n"), "t");
  EXPECT_EQ(History("002"), "applied:13");
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

TEST_F(PostgresCrashSafety, KillNineInANoTransactionFileThenUpResumesWithoutRepair) {
  dir_.Write("migrations/001_switch.sql",
             "CREATE TABLE slow_switch (on_ int);\nINSERT INTO slow_switch VALUES (1);\n");
  dir_.Write("migrations/002_load.sql",
             std::string("-- strata:no-transaction\n"
                         "CREATE TABLE big (n int);\n"
                         "INSERT INTO big SELECT generate_series(1, 3000);\n") +
                 kSleepWhileSwitched +
                 "CREATE INDEX CONCURRENTLY big_n ON big (n);\n"
                 "INSERT INTO big SELECT generate_series(3001, 4000);\n");
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "killed").string());
  ASSERT_TRUE(WaitForQuery("SELECT pg_sleep"));
  // While its runner lives, the migration is running, not interrupted.
  RunResult live = Strata({"status"});
  EXPECT_EQ(live.exit_code, 0) << live.out;
  EXPECT_NE(live.out.find("running"), std::string::npos) << live.out;
  EXPECT_EQ(live.out.find("interrupted"), std::string::npos) << live.out;
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitFor(pid), 128 + SIGKILL);
  // The server ends the dead runner's lock session a moment after the process.
  for (int i = 0; i < 200 && db_.Scalar("SELECT count(*) FROM pg_stat_activity WHERE "
                                        "application_name = 'strata lock'") != "0";
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // The killed run had committed two statements with their progress.
  EXPECT_EQ(History("002"), "running:2");
  RunResult status = Strata({"status"});
  EXPECT_EQ(status.exit_code, 3) << status.out;
  EXPECT_NE(status.out.find("interrupted"), std::string::npos) << status.out;

  db_.Scalar("DELETE FROM slow_switch");
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("resuming 002 at statement 3"), std::string::npos) << rerun.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) || '/' || count(DISTINCT n) FROM big"), "4000/4000");
  EXPECT_EQ(IndexValid("big_n"), "t");
  EXPECT_EQ(History("002"), "applied:5");
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

// A CREATE INDEX CONCURRENTLY that finished on the server after its runner died,
// before its progress was recorded: the rerun sees the valid index and does not
// build it again (which would fail: the name is taken).
TEST_F(PostgresCrashSafety, ABareStatementThatTookEffectBeforeTheCrashIsNotRunAgain) {
  dir_.Write("migrations/001_t.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\n");
  dir_.Write("migrations/002_idx.sql",
             "-- strata:no-transaction\n"
             "INSERT INTO t VALUES (3);\n"
             "CREATE INDEX CONCURRENTLY t_id ON t (id);\n"
             "INSERT INTO t VALUES (4);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  // The state a kill right after the index build leaves: one statement recorded.
  db_.Scalar("DELETE FROM t WHERE id = 4");
  StoppedAfter("002", 1);
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("had taken effect"), std::string::npos) << rerun.err;
  EXPECT_EQ(db_.Scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM t"), "1,2,3,4");
  EXPECT_EQ(History("002"), "applied:3");

  // The same with the build killed midway: the INVALID index is dropped and built again.
  db_.Scalar("DELETE FROM t WHERE id = 4");
  db_.Scalar("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 't_id'::regclass");
  StoppedAfter("002", 1);
  rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("left INVALID"), std::string::npos) << rerun.err;
  EXPECT_EQ(IndexValid("t_id"), "t");
  EXPECT_EQ(db_.Scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM t"), "1,2,3,4");
}

TEST_F(PostgresCrashSafety, ARunnerThatLosesItsLockSessionStopsBeforeItsNextStatement) {
  dir_.Write("migrations/001_switch.sql",
             "CREATE TABLE slow_switch (on_ int);\nINSERT INTO slow_switch VALUES (1);\n"
             "CREATE TABLE log (step text);\n");
  dir_.Write("migrations/002_steps.sql",
             std::string("-- strata:no-transaction\n"
                         "INSERT INTO log VALUES ('one');\n"
                         "SELECT pg_sleep(CASE WHEN EXISTS (SELECT 1 FROM slow_switch) THEN 2 "
                         "ELSE 0 END);\n"
                         "INSERT INTO log VALUES ('two');\n"));
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "lost").string());
  ASSERT_TRUE(WaitForQuery("SELECT pg_sleep"));
  db_.Scalar(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
      "current_database() AND application_name = 'strata lock'");
  EXPECT_EQ(WaitFor(pid), 1);
  EXPECT_NE(dir_.Read("lost.err").find("migration lock was lost"), std::string::npos)
      << dir_.Read("lost.err");
  // It stopped before 'two', and left its row for the next run, not marked failed.
  EXPECT_EQ(db_.Scalar("SELECT string_agg(step, ',') FROM log"), "one");
  EXPECT_EQ(History("002"), "running:2");
  db_.Scalar("DELETE FROM slow_switch");
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(db_.Scalar("SELECT string_agg(step, ',' ORDER BY step) FROM log"), "one,two");
}

// Runners waiting for the lock hold no snapshot, so the holder's CREATE INDEX
// CONCURRENTLY does not wait for them (it used to, until their lock timeout).
TEST_F(PostgresCrashSafety, WaitingRunnersDoNotHoldUpTheHoldersConcurrentIndexBuild) {
  dir_.Write("migrations/001_t.sql",
             "CREATE TABLE t (id int);\nINSERT INTO t SELECT generate_series(1, 1000);\n");
  dir_.Write("migrations/002_idx.sql",
             "-- strata:no-transaction\n"
             "SELECT pg_sleep(1);\n"
             "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
  const auto start = Clock::now();
  constexpr int kRunners = 6;
  std::vector<pid_t> pids;
  pids.reserve(kRunners);
  for (int i = 0; i < kRunners; ++i) {
    pids.push_back(SpawnStrata(Args({"--lock-timeout", "40", "up"}),
                               (dir_.path() / ("run" + std::to_string(i))).string()));
  }
  for (size_t i = 0; i < pids.size(); ++i) {
    EXPECT_EQ(WaitFor(pids[i]), 0) << dir_.Read("run" + std::to_string(i) + ".err");
  }
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "2");
  EXPECT_EQ(IndexValid("t_id"), "t");
}

// The rollback's mode comes from the rollback file, and its progress is kept: a
// rollback that stops midway is finished by the next down, each statement once.
TEST_F(PostgresCrashSafety, ANoTransactionRollbackRecordsProgressAndDownResumesIt) {
  dir_.Write("migrations/001_t.sql",
             "CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);\n"
             "CREATE TABLE log (step text);\nCREATE TABLE fail_switch (on_ int);\n");
  dir_.Write("migrations/rollback/001_rollback.sql",
             "-- strata:no-transaction\n"
             "INSERT INTO log VALUES ('one');\n"
             "DROP INDEX CONCURRENTLY t_id;\n"
             "DO $$ BEGIN IF EXISTS (SELECT 1 FROM fail_switch) THEN RAISE EXCEPTION 'switched'; "
             "END IF; END $$;\n"
             "DROP TABLE t, log, fail_switch;\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  db_.Scalar("INSERT INTO fail_switch VALUES (1)");
  RunResult down = Strata({"down"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("switched"), std::string::npos) << down.err;
  EXPECT_EQ(History("001"), "reverting:2");
  RunResult status = Strata({"status"});
  EXPECT_EQ(status.exit_code, 3);
  EXPECT_NE(status.out.find("rolling back"), std::string::npos) << status.out;
  EXPECT_EQ(Strata({"validate"}).exit_code, 3);
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("run strata down again to finish it"), std::string::npos) << up.err;

  db_.Scalar("DELETE FROM fail_switch");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM log"), "1");
  RunResult again = Strata({"down"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("resuming the rollback of 001 at statement 3"), std::string::npos)
      << again.err;
  EXPECT_EQ(db_.Scalar("SELECT to_regclass('t') IS NULL"), "t");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "0");
}

class SqliteCrashSafety : public ::testing::Test {
 protected:
  std::filesystem::path db() const { return dir_.path() / "app.db"; }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", "sqlite:" + db().string(), "--dir",
                               (dir_.path() / "migrations").string()});
    return args;
  }
  RunResult Strata(std::vector<std::string> args) { return RunStrata(Args(std::move(args))); }
  TempDir dir_;
};

// A second runner waits for a live one instead of calling its migration
// interrupted (and a repair run then doubling its work).
TEST_F(SqliteCrashSafety, ASecondRunnerWaitsForALiveRunInsteadOfCallingItInterrupted) {
  dir_.Write("migrations/001_t.sql", "CREATE TABLE t (n INTEGER);\n");
  // Slow enough (a second or more) for the second runner to start meanwhile.
  dir_.Write("migrations/002_load.sql",
             "-- strata:no-transaction\n"
             "INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
             "WHERE x < 2000000) SELECT x FROM c;\n"
             "INSERT INTO t VALUES (0);\n");
  const pid_t first = SpawnStrata(Args({"up"}), (dir_.path() / "first").string());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Read-only commands tell the live run from a dead one.
  RunResult live = Strata({"status"});
  EXPECT_EQ(live.exit_code, 0) << live.out;
  EXPECT_EQ(live.out.find("interrupted"), std::string::npos) << live.out;
  RunResult second = Strata({"up"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(WaitFor(first), 0) << dir_.Read("first.err");
  EXPECT_EQ(SqliteScalar(db(), "SELECT count(*) FROM t"), "2000001");
  EXPECT_EQ(SqliteScalar(db(),
                         "SELECT group_concat(s) FROM (SELECT state || ':' || "
                         "statements_done AS s FROM strata_schema_history ORDER BY "
                         "installed_rank)"),
            "applied:1,applied:2");
}

TEST_F(SqliteCrashSafety, KillNineMidFileThenUpResumesWithoutRepair) {
  dir_.Write("migrations/001_load.sql",
             "-- strata:no-transaction\n"
             "CREATE TABLE t (n INTEGER);\n"
             "INSERT INTO t VALUES (1);\n"
             "INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM c "
             "WHERE x < 3000000) SELECT x FROM c;\n"
             "INSERT INTO t VALUES (0);\n");
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "killed").string());
  // Kill it during the long insert: the first two statements are committed.
  auto progress = [&]() -> std::string {
    try {  // the history table may not exist yet, or the writer may be committing
      return SqliteScalar(db(), "SELECT statements_done FROM strata_schema_history");
    } catch (const std::exception&) {
      return "";
    }
  };
  for (int i = 0; i < 400 && progress() != "2"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(progress(), "2");
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitFor(pid), 128 + SIGKILL);
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(SqliteScalar(db(), "SELECT count(*) || '/' || count(DISTINCT n) FROM t"),
            "3000001/3000001");
  EXPECT_EQ(SqliteScalar(db(), "SELECT state || ':' || statements_done FROM strata_schema_history"),
            "applied:4");
}

}  // namespace
}  // namespace strata::testing
