// Zero-downtime changes with the real binary: phases (expand / migrate / contract),
// batched backfills that survive kill -9, lock-safe DDL under concurrent writers.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/numbers.h"
#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

using namespace std::chrono_literals;

// The change of seed 003's example: a column added, backfilled, then required.
// `pause` slows the backfill down so that a test can catch it in the middle.
std::string EmailVerified(int batch, int pause_ms) {
  return "-- Ticket: OPS-7\n"
         "-- strata:expand\n"
         "ALTER TABLE users ADD COLUMN email_verified boolean;\n"
         "-- strata:expand:down\n"
         "ALTER TABLE users DROP COLUMN email_verified;\n"
         "-- strata:migrate\n"
         "-- strata:backfill table=users key=id batch=" +
         std::to_string(batch) + " pause=" + std::to_string(pause_ms) +
         "\n"
         "UPDATE users SET email_verified = (confirmed_at IS NOT NULL), touched = touched + 1\n"
         "WHERE id > :lo AND id <= :hi AND email_verified IS NULL;\n"
         "-- strata:migrate:down\n"
         "UPDATE users SET email_verified = NULL, touched = touched - 1;\n"
         "-- strata:contract\n"
         "ALTER TABLE users ALTER COLUMN email_verified SET NOT NULL;\n"
         "-- strata:contract:down\n"
         "ALTER TABLE users ALTER COLUMN email_verified DROP NOT NULL;\n";
}

class PostgresPhases : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return args;
  }
  RunResult Strata(std::vector<std::string> args) { return RunStrata(Args(std::move(args))); }
  void Users(int rows) {
    dir_.Write("migrations/001_users.sql",
               "CREATE TABLE users (id bigint PRIMARY KEY, confirmed_at timestamptz, "
               "touched int NOT NULL DEFAULT 0);\n"
               "INSERT INTO users (id, confirmed_at) SELECT i, CASE WHEN i % 3 = 0 THEN now() END "
               "FROM generate_series(1, " +
                   std::to_string(rows) + ") AS i;\n");
  }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresPhases, PhasesRunOneAtATimeAndContractWaitsForMigrate) {
  Users(2500);
  dir_.Write("migrations/002_email_verified.sql", EmailVerified(1000, 0));
  RunResult expand = Strata({"up", "--phase", "expand"});
  ASSERT_EQ(expand.exit_code, 0) << expand.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users WHERE email_verified IS NULL"), "2500");

  RunResult early = Strata({"up", "--phase", "contract"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("contract phase of 002 cannot run before its earlier phases complete"),
            std::string::npos)
      << early.err;
  EXPECT_EQ(db_.Scalar("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass "
                       "AND attname = 'email_verified'"),
            "f");

  RunResult status = Strata({"--json", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto js = nlohmann::json::parse(status.out);
  EXPECT_EQ(js["migrations"][1]["state"], "in progress");
  EXPECT_EQ(js["migrations"][1]["phases_applied"], nlohmann::json::array({"expand"}));
  EXPECT_EQ(js["migrations"][1]["next_phase"], "migrate");

  RunResult migrate = Strata({"up", "--phase", "migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_NE(migrate.out.find("2500 rows backfilled"), std::string::npos) << migrate.out;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users WHERE email_verified IS NULL"), "0");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users WHERE email_verified"), "833");

  RunResult contract = Strata({"up", "--phase", "contract"});
  ASSERT_EQ(contract.exit_code, 0) << contract.err;
  EXPECT_EQ(db_.Scalar("SELECT string_agg(version || ':' || phase, ',' ORDER BY installed_rank) "
                       "FROM strata_schema_history"),
            "001:,002:expand,002:migrate,002:contract");

  // down undoes the phases newest first, and a second up redoes them all.
  RunResult down = Strata({"down"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass "
                       "AND attname = 'email_verified' AND NOT attisdropped"),
            "0");
  EXPECT_EQ(db_.Scalar("SELECT sum(touched) FROM users"), "0");
  RunResult all = Strata({"up"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users WHERE touched <> 1"), "0");
}

TEST_F(PostgresPhases, KillNineDuringABackfillThenARerunUpdatesEveryRowExactlyOnce) {
  Users(60000);
  dir_.Write("migrations/002_email_verified.sql", EmailVerified(1000, 40));
  const pid_t pid = SpawnStrata(Args({"up"}), (dir_.path() / "killed").string());
  // Wait for a few committed batches, then kill strata outright.
  auto batches_done = [&] {
    try {
      const Result<int> n = ParseInt(
          db_.Scalar("SELECT COALESCE(max(batches), 0) FROM strata_schema_history_backfill"));
      return n.ok() ? *n : 0;
    } catch (const std::exception&) {
      return 0;  // the table is not there yet
    }
  };
  for (int i = 0; i < 400 && batches_done() < 5; ++i) std::this_thread::sleep_for(25ms);
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitFor(pid), 128 + SIGKILL);
  const std::string done_before = db_.Scalar("SELECT batches FROM strata_schema_history_backfill");
  ASSERT_FALSE(done_before.empty());
  const Result<int> batches_before = ParseInt(done_before);
  ASSERT_TRUE(batches_before.ok()) << done_before;
  ASSERT_LT(*batches_before, 60) << "the backfill finished before the kill";

  // The phase state survived: expand applied, migrate interrupted mid-way.
  RunResult status = Strata({"--json", "status"});
  const auto js = nlohmann::json::parse(status.out);
  EXPECT_EQ(js["migrations"][1]["phases_applied"], nlohmann::json::array({"expand"}));
  EXPECT_EQ(js["migrations"][1]["state"], "interrupted");

  // No repair needed: each batch committed with its progress, so the rerun resumes.
  RunResult rerun = Strata({"up"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("resumes after id"), std::string::npos) << rerun.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users WHERE touched <> 1"), "0");
  EXPECT_EQ(db_.Scalar("SELECT sum(touched) FROM users"), "60000");
  EXPECT_EQ(db_.Scalar("SELECT rows_done FROM strata_schema_history_backfill"), "60000");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history WHERE state <> 'applied'"), "0");
}

// A loop of short UPDATE transactions on the table keeps running while the
// migration adds a column (ACCESS EXCLUSIVE, bounded by lock_timeout), backfills
// it in batches and adds an index: the writer never sees an error.
TEST_F(PostgresPhases, AConcurrentWriterSeesNoErrorDuringDdlAndBackfill) {
  Users(30000);
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  dir_.Write("migrations/002_email_verified.sql", EmailVerified(500, 5));
  dir_.Write("migrations/003_index.sql",
             "-- strata:no-transaction\n"
             "CREATE INDEX CONCURRENTLY users_verified_idx ON users (email_verified);\n");
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0}, errors{0};
  std::string first_error;
  std::chrono::milliseconds longest{0};
  std::thread writer([&] {
    driver::Connection& conn = db_.conn();
    for (int i = 0; !stop; ++i) {
      const auto start = std::chrono::steady_clock::now();
      Status st = conn.Begin();
      if (st.ok()) {
        st = conn.Query("UPDATE users SET confirmed_at = now() WHERE id = $1",
                        {std::to_string(1 + (i * 7919) % 30000)})
                 .status();
      }
      if (st.ok()) {
        st = conn.Commit();
      } else {
        (void)conn.Rollback();  // the first failure is the one to report
      }
      longest = std::max(longest, std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - start));
      if (!st.ok()) {
        if (errors++ == 0) first_error = st.ToString();
      }
      ++writes;
    }
  });
  std::this_thread::sleep_for(200ms);
  RunResult up = Strata({"up"});
  stop = true;
  writer.join();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(errors.load(), 0) << first_error;
  EXPECT_GT(writes.load(), 50);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users WHERE email_verified IS NULL"), "0");
  RecordProperty("writer_longest_wait_ms", std::to_string(longest.count()));
}

// A long transaction holds a lock on the table: the DDL gives up after its
// lock_timeout instead of queueing (and blocking everyone behind it), and is
// retried with backoff until the blocker is gone; the retries are reported.
TEST_F(PostgresPhases, ADdlWhoseLockIsNotGrantedIsRetriedAndReported) {
  Users(10);
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  dir_.Write("migrations/002_col.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
  dir_.Write("strata.toml", "[run]\nddl_lock_timeout_ms = 100\nretry_backoff_ms = 50\n");
  driver::Connection& blocker = db_.conn();
  ASSERT_TRUE(blocker.Begin().ok());
  ASSERT_TRUE(blocker.Query("SELECT count(*) FROM users", {}).ok());  // holds ACCESS SHARE
  const pid_t pid = SpawnStrata(Args({"--config", (dir_.path() / "strata.toml").string(), "up"}),
                                (dir_.path() / "retried").string());
  std::this_thread::sleep_for(1500ms);
  ASSERT_TRUE(blocker.Commit().ok());
  ASSERT_EQ(WaitFor(pid), 0) << dir_.Read("retried.err");
  const std::string out = dir_.Read("retried.out");
  EXPECT_NE(out.find("lock retries ("), std::string::npos) << out;
  EXPECT_NE(dir_.Read("retried.err").find("lock not granted within the lock timeout"),
            std::string::npos);
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                       "AND column_name = 'nickname'"),
            "1");
}

TEST_F(PostgresPhases, ABackfillWithoutBoundsIsRejectedBeforeAnythingRuns) {
  Users(10);
  dir_.Write("migrations/002_bad.sql",
             "-- strata:backfill table=users key=id batch=5\n"
             "UPDATE users SET touched = 1;\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 2) << up.err;
  EXPECT_NE(up.err.find("002_bad.sql:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find(":lo and :hi"), std::string::npos) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'users'"), "0");
}

// SQLite: the same phases and backfill, with the database's single write lock.
class SqlitePhases : public ::testing::Test {
 protected:
  std::string db() const { return (dir_.path() / "app.db").string(); }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"--url", "sqlite:" + db(), "--dir", (dir_.path() / "migrations").string()});
    return RunStrata(args);
  }
  std::string Scalar(const std::string& sql) { return SqliteScalar(db(), sql); }
  TempDir dir_;
};

TEST_F(SqlitePhases, PhasesAndBackfillWorkOnSqlite) {
  dir_.Write(
      "migrations/001_users.sql",
      "CREATE TABLE users (id integer PRIMARY KEY, confirmed_at text, touched integer NOT "
      "NULL DEFAULT 0);\n"
      "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 5000)\n"
      "INSERT INTO users (id, confirmed_at) SELECT i, CASE WHEN i % 3 = 0 THEN 'x' END FROM c;\n");
  dir_.Write("migrations/002_email_verified.sql",
             "-- strata:expand\n"
             "ALTER TABLE users ADD COLUMN email_verified boolean;\n"
             "-- strata:expand:down\n"
             "ALTER TABLE users DROP COLUMN email_verified;\n"
             "-- strata:migrate\n"
             "-- strata:backfill table=users key=id batch=700\n"
             "UPDATE users SET email_verified = (confirmed_at IS NOT NULL), touched = touched + 1\n"
             "WHERE id > :lo AND id <= :hi;\n"
             "-- strata:contract\n"
             "CREATE INDEX users_verified ON users (email_verified);\n"
             "-- strata:contract:down\n"
             "DROP INDEX users_verified;\n");
  ASSERT_EQ(Strata({"up", "--phase", "expand"}).exit_code, 0);
  RunResult early = Strata({"up", "--phase", "contract"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'users_verified'"), "0");
  RunResult migrate = Strata({"up", "--phase", "migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM users WHERE touched = 1"), "5000");
  EXPECT_EQ(Scalar("SELECT batches FROM strata_schema_history_backfill"), "8");
  RunResult status = Strata({"status"});
  EXPECT_NE(status.out.find("expand+migrate done, contract next"), std::string::npos) << status.out;
  ASSERT_EQ(Strata({"up", "--phase", "contract"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'users_verified'"), "1");
  // A migration without phases still applies with --phase expand.
  dir_.Write("migrations/003_plain.sql", "CREATE TABLE plain (id integer);\n");
  EXPECT_EQ(Strata({"up", "--phase", "migrate"}).out, "nothing to do\n");
  ASSERT_EQ(Strata({"up", "--phase", "expand"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'plain'"), "1");
}

// Two phased migrations, the second depending on the first: each phase runs for
// both in order, and a refused contract of the first stops the second's too.
TEST_F(SqlitePhases, DependenciesAreHonouredPhaseByPhase) {
  dir_.Write("migrations/001_t.sql", "CREATE TABLE t (id integer PRIMARY KEY, a text);\n");
  dir_.Write("migrations/002_b.sql",
             "-- strata:expand\nALTER TABLE t ADD COLUMN b text;\n"
             "-- strata:migrate\nUPDATE t SET b = a;\n"
             "-- strata:contract\nCREATE INDEX t_b ON t (b);\n");
  dir_.Write("migrations/003_c.sql",
             "-- Depends: 002\n"
             "-- strata:expand\nALTER TABLE t ADD COLUMN c text;\n"
             "-- strata:migrate\nUPDATE t SET c = b;\n"
             "-- strata:contract\nCREATE INDEX t_c ON t (c);\n");
  ASSERT_EQ(Strata({"up", "--phase", "expand"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT group_concat(v) FROM (SELECT version || ':' || phase AS v FROM "
                   "strata_schema_history ORDER BY installed_rank)"),
            "001:,002:expand,003:expand");
  RunResult early = Strata({"up", "--phase", "contract"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("contract phase of 002"), std::string::npos) << early.err;
  EXPECT_EQ(
      Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN ('t_b', 't_c')"),
      "0");
  ASSERT_EQ(Strata({"up", "--phase", "migrate"}).exit_code, 0);
  ASSERT_EQ(Strata({"up", "--phase", "contract"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT group_concat(v) FROM (SELECT version || ':' || phase AS v FROM "
                   "strata_schema_history ORDER BY installed_rank)"),
            "001:,002:expand,003:expand,002:migrate,003:migrate,002:contract,003:contract");
}

// down --phase undoes one phase, the newest applied, and refuses any other.
TEST_F(SqlitePhases, DownPhaseRollsBackTheNewestPhaseAlone) {
  dir_.Write("migrations/001_users.sql", "CREATE TABLE users (id integer PRIMARY KEY);\n");
  dir_.Write("migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  dir_.Write("migrations/002_email.sql",
             "-- strata:expand\n"
             "ALTER TABLE users ADD COLUMN email text;\n"
             "-- strata:expand:down\n"
             "ALTER TABLE users DROP COLUMN email;\n"
             "-- strata:contract\n"
             "CREATE UNIQUE INDEX users_email ON users (email);\n"
             "-- strata:contract:down\n"
             "DROP INDEX users_email;\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  RunResult early = Strata({"down", "--phase", "expand"});
  EXPECT_EQ(early.exit_code, 1) << early.err;
  EXPECT_NE(early.err.find("the newest applied phase of 002 is contract"), std::string::npos)
      << early.err;
  RunResult contract = Strata({"down", "--phase", "contract"});
  ASSERT_EQ(contract.exit_code, 0) << contract.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'users_email'"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'"), "1");
  EXPECT_EQ(Scalar("SELECT group_concat(phase) FROM strata_schema_history WHERE version = '002'"),
            "expand");
  RunResult plain = Strata({"down", "--phase", "expand", "--version", "001"});
  EXPECT_EQ(plain.exit_code, 2) << plain.err;
  EXPECT_NE(plain.err.find("001 has no phases"), std::string::npos) << plain.err;
  ASSERT_EQ(Strata({"down", "--phase", "expand"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'"), "0");
}

// A history table written by an older strata (format 1: one row per version, no
// phase, backup or warnings columns) is read as it is by read-only commands and
// upgraded in place by the next run that writes.
TEST_F(SqlitePhases, AFormatOneHistoryIsUpgraded) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id integer);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  // Back to format 1, as strata 0.1 left it.
  ASSERT_EQ(
      RunTool({"sqlite3", db(),
               "DROP TABLE strata_schema_history_backfill; DROP INDEX "
               "strata_schema_history_phase_uq; ALTER TABLE strata_schema_history DROP "
               "COLUMN phase; ALTER TABLE strata_schema_history DROP COLUMN backup; ALTER TABLE "
               "strata_schema_history DROP COLUMN warnings; ALTER TABLE strata_schema_history DROP "
               "COLUMN seal; ALTER TABLE strata_schema_history DROP COLUMN transaction_mode; "
               "ALTER TABLE strata_schema_history DROP COLUMN header_id; ALTER TABLE "
               "strata_schema_history DROP COLUMN header_database; ALTER TABLE "
               "strata_schema_history DROP COLUMN header_created; ALTER TABLE "
               "strata_schema_history DROP COLUMN header_depends; ALTER TABLE "
               "strata_schema_history_meta RENAME COLUMN name TO key; "
               "CREATE UNIQUE INDEX strata_schema_history_version_uq ON "
               "strata_schema_history (stream, version); UPDATE "
               "strata_schema_history_meta SET value = '1'"})
          .exit_code,
      0);
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id integer);\n");
  RunResult status = Strata({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("pending"), std::string::npos) << status.out;
  EXPECT_EQ(Scalar("SELECT value FROM strata_schema_history_meta WHERE key = 'format_version'"),
            "1");
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(Scalar("SELECT value FROM strata_schema_history_meta WHERE name = 'format_version'"),
            "6");
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);  // the upgrade sealed the old row
  EXPECT_EQ(Scalar("SELECT group_concat(v) FROM (SELECT version || ':' || phase AS v FROM "
                   "strata_schema_history ORDER BY installed_rank)"),
            "001:,002:");
  EXPECT_EQ(
      Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'strata_schema_history_backfill'"),
      "1");
}

}  // namespace
}  // namespace strata::testing

namespace strata::testing {
namespace {

// lint reads each phase as its own script: the backfill's :lo and :hi parse, and
// the drop in the contract phase is its planned end (info), not an error.
TEST(PhasesLint, EachPhaseIsLintedAsTheScriptItIs) {
  TempDir dir;
  dir.Write("migrations/001_users.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, old_email text);\n");
  dir.Write("migrations/002_email.sql",
            "-- strata:expand\n"
            "ALTER TABLE users ADD COLUMN email text;\n"
            "-- strata:expand:down\n"
            "ALTER TABLE users DROP COLUMN email;\n"
            "-- strata:migrate\n"
            "-- strata:backfill table=users key=id batch=1000\n"
            "UPDATE users SET email = old_email WHERE id > :lo AND id <= :hi;\n"
            "-- strata:contract\n"
            "ALTER TABLE users DROP COLUMN old_email;\n");
  RunResult lint = RunStrata({"--dir", (dir.path() / "migrations").string(), "lint"});
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  EXPECT_EQ(lint.out.find("syntax-error"), std::string::npos) << lint.out;
  EXPECT_NE(lint.out.find("002_email.sql:9:13: info[drop-column]"), std::string::npos) << lint.out;
  EXPECT_NE(lint.out.find("the planned contract step of this phase"), std::string::npos);
}

}  // namespace
}  // namespace strata::testing
