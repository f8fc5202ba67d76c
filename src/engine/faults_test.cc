// The engine's exactly-once promise under faults, on a real SQLite file: runs
// killed at every call they make (before the call reaches the database, and
// after it took effect), statements the server rejects, locks not granted.
// Each "process" is a fresh connection and a fresh Engine on the same file; a
// killed one is destroyed (releasing its run lock) before the next starts.
// Every case then checks the database itself: no statement or batch ran twice
// or was skipped, every history row is applied, and Validate finds nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/sqlite/driver.h"
#include "driver/testing/fault_connection.h"
#include "engine/engine.h"
#include "engine/history.h"
#include "engine/logger.h"
#include "source/directory.h"

namespace strata::engine {
namespace {

namespace fs = std::filesystem;
using driver::testing::CallKind;
using driver::testing::FaultConnection;
using When = FaultConnection::When;

const char* WhenName(When when) { return when == When::kBefore ? "before" : "after"; }

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        fs::temp_directory_path() / ("strata_faults_" + std::string(test->name()) + "_" +
                                     std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_, ec);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }
  void Write(const std::string& relative, std::string_view content) const {
    const fs::path p = path_ / relative;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream(p, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

EngineOptions Options() {
  EngineOptions options;
  options.lock_timeout = std::chrono::milliseconds(2'000);  // a leaked run lock fails fast
  options.retry_backoff = std::chrono::milliseconds(1);
  options.tool_version = "faults_test";
  return options;
}

// One strata process: a connection of its own to the database file, behind a
// FaultConnection, and an Engine on it. Destroying it is the process exiting
// (or being killed): its run lock is released and its transaction is gone.
class Process {
 public:
  Process(const std::string& db, const source::MigrationSet& set) {
    driver::ConnectOptions connect;
    connect.url = "sqlite:" + db;
    connect.lock_wait = std::chrono::milliseconds(2'000);
    connect.create = true;
    Result<std::unique_ptr<driver::Connection>> real = driver::sqlite::Connect(connect);
    if (!real.ok()) {
      std::fprintf(stderr, "cannot open %s: %s\n", db.c_str(), real.status().ToString().c_str());
      std::abort();
    }
    real_ = std::move(real).value();
    // The faults are the test's, not the disk's: no fsync keeps a thousand runs fast.
    (void)real_->Execute("PRAGMA synchronous = OFF");
    conn_ = std::make_unique<FaultConnection>(*real_);
    engine_ = std::make_unique<Engine>(*conn_, set, Options(), log_);
  }

  FaultConnection& conn() { return *conn_; }
  Engine& engine() { return *engine_; }
  // The connection without faults, for the test's own reads.
  driver::Connection& real() { return *real_; }

  std::string Scalar(const std::string& sql) {
    Result<driver::Rows> rows = real_->Query(sql, {});
    if (!rows.ok()) return "error: " + rows.status().ToString();
    if (rows->rows.empty() || rows->rows[0].empty()) return "(no row)";
    return rows->rows[0][0].value_or("NULL");
  }
  BackfillProgress Backfill(const std::string& version) {
    History history(*real_, Options());
    Result<BackfillProgress> p = history.LoadBackfill(version, "", 0);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : BackfillProgress{};
  }
  std::optional<HistoryRow> Row(const std::string& version) {
    Result<std::vector<HistoryRow>> rows = engine_->LoadHistory();
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok()) return std::nullopt;
    for (const HistoryRow& r : *rows) {
      if (r.version == version) return r;
    }
    return std::nullopt;
  }
  std::string Problems() {
    Result<std::vector<Problem>> problems = engine_->Validate();
    if (!problems.ok()) return "Validate: " + problems.status().ToString();
    std::string out;
    for (const Problem& p : *problems) out += p.id + ": " + p.message + "\n";
    return out;
  }

 private:
  NullLogger log_;
  std::unique_ptr<driver::Connection> real_;
  std::unique_ptr<FaultConnection> conn_;
  std::unique_ptr<Engine> engine_;
};

// Appends "what: got X, want Y" to `out` when they differ.
void Want(std::string& out, const std::string& what, const std::string& got,
          const std::string& want) {
  if (got != want) out += what + ": got " + got + ", want " + want + "\n";
}

// The history rows all applied and successful, in `versions` order, and Validate empty.
std::string HistoryProblems(Process& p, const std::vector<std::string>& versions) {
  std::string out;
  Result<std::vector<HistoryRow>> rows = p.engine().LoadHistory();
  if (!rows.ok()) return "LoadHistory: " + rows.status().ToString() + "\n";
  std::string got, want;
  for (const HistoryRow& r : *rows) {
    got += r.version.value_or("?") + "=" + r.state + (r.success ? "" : "(unsuccessful)") + " ";
  }
  for (const std::string& v : versions) want += v + "=" + kStateApplied + " ";
  Want(out, "history", got, want);
  const std::string problems = p.Problems();
  if (!problems.empty()) out += "Validate reports:\n" + problems;
  return out;
}

class EngineFaults : public ::testing::Test {
 protected:
  std::string Db(const std::string& name) const { return dir_.Path("db/" + name + ".db"); }
  void SetUp() override { dir_.Write("db/.keep", ""); }

  void Load() {
    source::LoadOptions options;
    options.dir = dir_.Path("migrations");
    options.dialect = Dialect::kSqlite;
    Result<source::MigrationSet> set = source::LoadDirectory(options);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    set_ = std::move(set).value();
  }

  // Six migrations: transactional; no transaction, four INSERTs of distinct
  // rows and a VACUUM (which SQLite refuses in a transaction); a backfill of 50
  // rows in batches of 7 (8 batches); transactional again; a file with its own
  // transactions (two blocks, an INSERT and a VACUUM between them), as written
  // for a tool that opens none; a file wrapped in BEGIN ... END. A statement
  // run twice shows as a repeated row in `log`, a batch run twice as n = 2.
  void WriteMixedSet() {
    dir_.Write("migrations/001_create_tables.sql",
               "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n"
               "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 50)\n"
               "INSERT INTO t (id, n) SELECT i, 0 FROM k;\n"
               "CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT NOT NULL);\n"
               "INSERT INTO log (what) VALUES ('001');\n");
    dir_.Write("migrations/002_fill_log.sql",
               "-- strata:no-transaction\n"
               "INSERT INTO log (what) VALUES ('a');\n"
               "INSERT INTO log (what) VALUES ('b');\n"
               "VACUUM;\n"
               "INSERT INTO log (what) VALUES ('c');\n"
               "INSERT INTO log (what) VALUES ('d');\n");
    dir_.Write("migrations/003_count_rows.sql",
               "-- strata:backfill table=t key=id batch=7\n"
               "UPDATE t SET n = n + 1 WHERE id > :lo AND id <= :hi;\n");
    dir_.Write("migrations/004_log_after.sql", "INSERT INTO log (what) VALUES ('004');\n");
    dir_.Write("migrations/005_own_blocks.sql",
               "BEGIN;\n"
               "INSERT INTO log (what) VALUES ('e1');\n"
               "INSERT INTO log (what) VALUES ('e2');\n"
               "COMMIT;\n"
               "INSERT INTO log (what) VALUES ('f');\n"
               "VACUUM;\n"
               "BEGIN IMMEDIATE TRANSACTION;\n"
               "INSERT INTO log (what) VALUES ('g');\n"
               "COMMIT;\n");
    dir_.Write("migrations/006_wrapped.sql",
               "BEGIN TRANSACTION;\nINSERT INTO log (what) VALUES ('h');\nEND TRANSACTION;\n");
    Load();
  }

  // Empty when the mixed set is applied exactly once; else what is wrong.
  std::string MixedSetProblems(const std::string& db) {
    Process p(db, set_);
    std::string out;
    Want(out, "log rows in order",
         p.Scalar("SELECT group_concat(what, ',') FROM (SELECT what FROM log ORDER BY id)"),
         "001,a,b,c,d,004,e1,e2,f,g,h");
    Want(out, "t rows, sum(n), min(n), max(n)",
         p.Scalar("SELECT count(*) || ' ' || sum(n) || ' ' || min(n) || ' ' || max(n) FROM t"),
         "50 50 1 1");
    const BackfillProgress b = p.Backfill("003");
    Want(out, "backfill progress (finished rows_done batches)",
         std::to_string(b.finished) + " " + std::to_string(b.rows_done) + " " +
             std::to_string(b.batches),
         "1 50 8");
    Want(out, "transaction modes",
         p.Scalar("SELECT group_concat(transaction_mode, ',') FROM (SELECT transaction_mode FROM "
                  "strata_schema_history ORDER BY installed_rank)"),
         "single,none,none,single,blocks,wrapped");
    return out + HistoryProblems(p, {"001", "002", "003", "004", "005", "006"});
  }

  // A base table b of ids 1..3 (001), then a view on it and ids 4, 5 (002),
  // whose rollback runs without a transaction: each DELETE takes the highest id,
  // so a DELETE run twice takes 3 as well, and DROP VIEW run twice fails.
  void WriteRollbackSet() {
    dir_.Write("migrations/001_base.sql",
               "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
               "INSERT INTO b (id) VALUES (1), (2), (3);\n");
    dir_.Write("migrations/002_view_and_rows.sql",
               "CREATE VIEW v AS SELECT id FROM b;\n"
               "INSERT INTO b (id) VALUES (4), (5);\n");
    dir_.Write("migrations/rollback/002_rollback.sql",
               "-- strata:no-transaction\n"
               "DELETE FROM b WHERE id = (SELECT max(id) FROM b);\n"
               "DROP VIEW v;\n"
               "DELETE FROM b WHERE id = (SELECT max(id) FROM b);\n");
    Load();
  }

  // A table of 50 rows (001) and a backfill over it in batches of 7 (002).
  void WriteBackfillSet() {
    dir_.Write("migrations/001_create_t.sql",
               "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n"
               "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 50)\n"
               "INSERT INTO t (id, n) SELECT i, 0 FROM k;\n");
    dir_.Write("migrations/002_count_rows.sql",
               "-- strata:backfill table=t key=id batch=7\n"
               "UPDATE t SET n = n + 1 WHERE id > :lo AND id <= :hi;\n");
    Load();
  }

  TempDir dir_;
  source::MigrationSet set_;
};

// The double itself, as its header describes it: a failure does not reach the
// database; a death before a commit loses the transaction, after it keeps it;
// once dead, every call fails with 08006, Rollback included.
TEST_F(EngineFaults, FaultConnectionBehavesAsDocumented) {
  const std::string db = Db("double");
  const source::MigrationSet none;
  {
    Process p(db, none);
    FaultConnection& c = p.conn();
    ASSERT_TRUE(c.Execute("CREATE TABLE x (v TEXT)").ok());
    c.FailNth(CallKind::kExecute, 1, Status::Database("refused").WithSqlState("42000"), "'b'");
    EXPECT_TRUE(c.Execute("INSERT INTO x VALUES ('b')").ok());  // the 0th matching call
    Status refused = c.Execute("INSERT INTO x VALUES ('b')");
    EXPECT_EQ(refused.context().sqlstate, "42000");
    EXPECT_EQ(c.pending_failures(), 0u);
    EXPECT_TRUE(c.Execute("INSERT INTO x VALUES ('b')").ok());  // later calls go through
    EXPECT_EQ(p.Scalar("SELECT count(*) FROM x"), "2");
    EXPECT_EQ(c.calls(CallKind::kExecute), 4);
    EXPECT_EQ(c.calls(), 4);

    c.DieAt(CallKind::kCommit, 1, When::kAfter);
    for (const char* v : {"c", "d"}) {
      ASSERT_TRUE(c.Begin().ok());
      ASSERT_TRUE(c.Execute(std::string("INSERT INTO x VALUES ('") + v + "')").ok());
      if (std::string(v) == "c") {
        EXPECT_TRUE(c.Commit().ok());
      }
    }
    Status lost = c.Commit();  // the second Commit: takes effect, then the connection is lost
    EXPECT_EQ(lost.context().sqlstate, "08006");
    EXPECT_TRUE(c.dead());
    EXPECT_EQ(c.Execute("INSERT INTO x VALUES ('e')").context().sqlstate, "08006");
    EXPECT_EQ(c.Query("SELECT 1", {}).status().context().sqlstate, "08006");
    EXPECT_EQ(p.Scalar("SELECT group_concat(v, ',') FROM x"), "b,b,c,d");
  }
  {
    Process p(db, none);
    FaultConnection& c = p.conn();
    c.DieAt(CallKind::kCommit, 0, When::kBefore);
    ASSERT_TRUE(c.Begin().ok());
    ASSERT_TRUE(c.Execute("INSERT INTO x VALUES ('f')").ok());
    EXPECT_EQ(c.Commit().context().sqlstate, "08006");  // never reached the database
    EXPECT_EQ(p.Scalar("SELECT count(*) FROM x WHERE v = 'f'"), "0");
  }
  {
    Process p(db, none);
    FaultConnection& c = p.conn();
    c.DieAt(CallKind::kExecute, 0, When::kAfter);
    ASSERT_TRUE(c.Begin().ok());
    EXPECT_FALSE(c.Execute("INSERT INTO x VALUES ('g')").ok());
    EXPECT_EQ(c.Rollback().context().sqlstate, "08006");
    // The transaction is gone, as the server ends it: the table is not locked.
    EXPECT_TRUE(p.real().Execute("INSERT INTO x VALUES ('h')").ok());
    EXPECT_EQ(p.Scalar("SELECT group_concat(v, ',') FROM x WHERE v IN ('g', 'h')"), "h");
  }
}

// Case 1. Every call of a clean up is a crash point: the first process dies
// there (before the call reaches the database, or after it took effect), and
// a second one runs up to the end without a repair.
TEST_F(EngineFaults, UpKilledAtEveryCallResumesWithoutRepair) {
  WriteMixedSet();
  int64_t calls = 0;
  {
    Process clean(Db("clean"), set_);
    Result<RunReport> up = clean.engine().Up({});
    ASSERT_TRUE(up.ok()) << up.status().ToString();
    calls = clean.conn().calls();
  }
  ASSERT_EQ(MixedSetProblems(Db("clean")), "");
  ASSERT_GT(calls, 30);

  std::vector<std::string> broken;  // one line per crash point whose outcome is wrong
  for (When when : {When::kBefore, When::kAfter}) {
    for (int64_t k = 0; k < calls; ++k) {
      const std::string point = std::string("died ") + WhenName(when) + " call " +
                                std::to_string(k) + " of " + std::to_string(calls);
      const std::string db = Db(std::string(WhenName(when)) + "_" + std::to_string(k));
      {
        Process first(db, set_);
        first.conn().DieAt(CallKind::kAny, k, when);
        Result<RunReport> up = first.engine().Up({});
        if (!first.conn().dead()) broken.push_back(point + ": the run never reached that call");
        if (up.ok()) broken.push_back(point + ": up reported success on a lost connection");
      }
      {
        Process second(db, set_);
        // A death must leave a row running (resumable), never one marked failed.
        Result<std::vector<HistoryRow>> rows = second.engine().LoadHistory();
        if (rows.ok()) {
          for (const HistoryRow& r : *rows) {
            if (r.state != kStateApplied && r.state != kStateRunning) {
              broken.push_back(point + ": left " + r.version.value_or("?") + " " + r.state);
            }
          }
        }
        Result<RunReport> up = second.engine().Up({});
        if (!up.ok()) {
          broken.push_back(point + ": the next up failed: " + up.status().ToString());
          continue;
        }
      }
      if (const std::string wrong = MixedSetProblems(db); !wrong.empty()) {
        broken.push_back(point + ":\n" + wrong);
      }
    }
  }
  std::string all;
  for (const std::string& b : broken) all += b + "\n";
  EXPECT_TRUE(broken.empty()) << broken.size() << " crash points went wrong:\n" << all;
}

// Crashes while resuming: every process dies at its jth call, again and again,
// until one gets through. Each resumes what the one before left; the last must
// leave everything applied once.
TEST_F(EngineFaults, UpKilledAgainWhileResumingStillAppliesEachOnce) {
  WriteMixedSet();
  int64_t idle = 0;  // the calls of an up with nothing left to do
  {
    const std::string db = Db("idle");
    {
      Process p(db, set_);
      ASSERT_TRUE(p.engine().Up({}).ok());
    }
    Process p(db, set_);
    ASSERT_TRUE(p.engine().Up({}).ok());
    idle = p.conn().calls();
  }
  // Below about idle + 10 calls a process may die before it completes one batch
  // or statement: the run would never get anywhere, which is no bug.
  constexpr int kMaxProcesses = 100;
  std::vector<std::string> broken;
  for (When when : {When::kBefore, When::kAfter}) {
    for (int64_t j = idle + 12; j <= idle + 40; ++j) {
      const std::string point =
          std::string("every process died ") + WhenName(when) + " call " + std::to_string(j);
      const std::string db = Db(std::string("again_") + WhenName(when) + "_" + std::to_string(j));
      int processes = 0;
      bool finished = false;
      while (!finished && processes < kMaxProcesses) {
        Process p(db, set_);
        p.conn().DieAt(CallKind::kAny, j, when);
        Result<RunReport> up = p.engine().Up({});
        ++processes;
        finished = up.ok();
        if (!up.ok() && !p.conn().dead()) {
          broken.push_back(point + ": up failed by itself after " + std::to_string(processes) +
                           " processes: " + up.status().ToString());
          break;
        }
      }
      if (!finished) {
        broken.push_back(point + ": not finished after " + std::to_string(processes) +
                         " processes");
        continue;
      }
      if (const std::string wrong = MixedSetProblems(db); !wrong.empty()) {
        broken.push_back(point + " (" + std::to_string(processes) + " processes):\n" + wrong);
      }
    }
  }
  std::string all;
  for (const std::string& b : broken) all += b + "\n";
  EXPECT_TRUE(broken.empty()) << broken.size() << " runs went wrong:\n" << all;
}

// Case 2. A statement the server rejects, at each place in a migration without
// a transaction (VACUUM, run bare, included): the row is failed, validate says
// so, up refuses until repair marks it resumable, then up resumes at the
// failed statement.
TEST_F(EngineFaults, RejectedStatementFailsUntilRepairThenResumesThere) {
  WriteMixedSet();
  const std::vector<std::string> statements = {"VALUES ('a')", "VALUES ('b')", "VACUUM",
                                               "VALUES ('c')", "VALUES ('d')"};
  const std::vector<std::string> log_before = {"001", "001,a", "001,a,b", "001,a,b", "001,a,b,c"};
  for (size_t i = 0; i < statements.size(); ++i) {
    SCOPED_TRACE("rejected: statement " + std::to_string(i + 1) + ", " + statements[i]);
    const std::string db = Db("rejected_" + std::to_string(i));
    const std::string done = std::to_string(i);
    {
      Process p(db, set_);
      p.conn().FailNth(CallKind::kExecute, 0,
                       Status::Database("constraint failed (injected)").WithSqlState("SQLITE 19"),
                       statements[i]);
      Result<RunReport> up = p.engine().Up({});
      ASSERT_FALSE(up.ok());
      EXPECT_EQ(p.conn().pending_failures(), 0u);
      EXPECT_NE(up.status().message().find("statement " + std::to_string(i + 1) + " of 5"),
                std::string::npos)
          << up.status().ToString();
      EXPECT_EQ(up.status().context().sqlstate, "SQLITE 19");
    }
    {
      Process p(db, set_);
      std::optional<HistoryRow> row = p.Row("002");
      ASSERT_TRUE(row.has_value());
      EXPECT_EQ(row->state, kStateFailed);
      EXPECT_EQ(row->statements_done, static_cast<int64_t>(i));
      EXPECT_NE(row->error.find("constraint failed"), std::string::npos) << row->error;
      EXPECT_NE(p.Problems().find("002: failed after " + done + " statement(s)"), std::string::npos)
          << p.Problems();
      const std::string log =
          "SELECT group_concat(what, ',') FROM (SELECT what FROM log ORDER BY id)";
      EXPECT_EQ(p.Scalar(log), log_before[i]);

      Result<RunReport> up = p.engine().Up({});
      ASSERT_FALSE(up.ok());
      EXPECT_TRUE(up.status().is_conflict()) << up.status().ToString();
      EXPECT_NE(up.status().message().find("strata repair"), std::string::npos)
          << up.status().ToString();
      EXPECT_EQ(p.Scalar(log), log_before[i]);  // the refusal ran nothing
    }
    {
      Process p(db, set_);
      Result<RepairReport> repair = p.engine().Repair();
      ASSERT_TRUE(repair.ok()) << repair.status().ToString();
      ASSERT_EQ(repair->actions.size(), 1u);
      EXPECT_NE(repair->actions[0].find("002: marked resumable"), std::string::npos)
          << repair->actions[0];
      std::optional<HistoryRow> row = p.Row("002");
      ASSERT_TRUE(row.has_value());
      EXPECT_EQ(row->state, kStateResume);
      EXPECT_EQ(row->statements_done, static_cast<int64_t>(i));  // repair keeps progress
      EXPECT_NE(
          p.Problems().find("002: repaired after a failure at statement " + std::to_string(i + 1)),
          std::string::npos)
          << p.Problems();
    }
    {
      Process p(db, set_);
      Result<RunReport> up = p.engine().Up({});
      ASSERT_TRUE(up.ok()) << up.status().ToString();
    }
    EXPECT_EQ(MixedSetProblems(db), "");
  }
}

// Case 2b. A statement rejected inside a file's own BEGIN ... COMMIT block
// undoes the block (its first statement too) and leaves the progress at the
// block's BEGIN; after repair, up runs the block again from its start.
TEST_F(EngineFaults, RejectedStatementInABlockUndoesTheBlockAndResumesAtItsBegin) {
  WriteMixedSet();
  const std::string db = Db("rejected_in_block");
  const std::string log = "SELECT group_concat(what, ',') FROM (SELECT what FROM log ORDER BY id)";
  {
    Process p(db, set_);
    p.conn().FailNth(CallKind::kExecute, 0,
                     Status::Database("constraint failed (injected)").WithSqlState("SQLITE 19"),
                     "VALUES ('g')");
    Result<RunReport> up = p.engine().Up({});
    ASSERT_FALSE(up.ok());
    EXPECT_NE(up.status().message().find("statement 7-9 of 9"), std::string::npos)
        << up.status().ToString();
  }
  {
    Process p(db, set_);
    std::optional<HistoryRow> row = p.Row("005");
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->state, kStateFailed);
    EXPECT_EQ(row->statements_done, 6);  // the first block, f and VACUUM
    EXPECT_EQ(p.Scalar(log), "001,a,b,c,d,004,e1,e2,f");
    Result<RepairReport> repair = p.engine().Repair();
    ASSERT_TRUE(repair.ok()) << repair.status().ToString();
  }
  {
    Process p(db, set_);
    Result<RunReport> up = p.engine().Up({});
    ASSERT_TRUE(up.ok()) << up.status().ToString();
  }
  EXPECT_EQ(MixedSetProblems(db), "");
}

// Case 3. A lock not granted on the first attempt: a transactional migration
// is retried whole, a statement of a migration without a transaction alone
// (VACUUM, run bare, too), a backfill batch alone; each takes effect once.
TEST_F(EngineFaults, LockNotGrantedIsRetriedAndAppliedOnce) {
  WriteMixedSet();
  const std::string db = Db("locked");
  {
    Process p(db, set_);
    p.conn().FailNth(CallKind::kExecute, 0, FaultConnection::LockNotGranted(), "VALUES ('001')");
    p.conn().FailNth(CallKind::kExecute, 0, FaultConnection::LockNotGranted(), "VALUES ('b')");
    p.conn().FailNth(CallKind::kExecute, 0, FaultConnection::LockNotGranted(), "VACUUM");
    p.conn().FailNth(CallKind::kQuery, 1, FaultConnection::LockNotGranted(), "UPDATE t SET n");
    // The second statement of a block: the whole block is retried, its first once.
    p.conn().FailNth(CallKind::kExecute, 0, FaultConnection::LockNotGranted(), "VALUES ('e2')");
    Result<RunReport> up = p.engine().Up({});
    ASSERT_TRUE(up.ok()) << up.status().ToString();
    EXPECT_EQ(p.conn().pending_failures(), 0u);
    ASSERT_EQ(up->steps.size(), 6u);
    EXPECT_EQ(up->steps[0].lock_retries, 1);
    EXPECT_EQ(up->steps[1].lock_retries, 2);
    EXPECT_EQ(up->steps[2].backfill_rows, 50);
    EXPECT_EQ(up->steps[4].lock_retries, 1);
  }
  EXPECT_EQ(MixedSetProblems(db), "");
}

// Case 4. Every call of a rollback without a transaction is a crash point;
// while it is stopped midway, up refuses, naming the rollback; the next down
// finishes it, and up can apply the migration again.
TEST_F(EngineFaults, DownKilledAtEveryCallIsFinishedByTheNextDown) {
  WriteRollbackSet();
  DownOptions down;
  down.target = "001";  // roll back 002 if it is still applied; nothing otherwise
  down.max_age_days = 0;
  auto apply = [&](const std::string& db) {
    Process p(db, set_);
    Result<RunReport> up = p.engine().Up({});
    ASSERT_TRUE(up.ok()) << up.status().ToString();
  };
  // Empty when 002 is rolled back exactly once and 001 untouched.
  auto rolled_back_problems = [&](const std::string& db) {
    Process p(db, set_);
    std::string out;
    Want(out, "b ids", p.Scalar("SELECT group_concat(id, ',') FROM (SELECT id FROM b ORDER BY id)"),
         "1,2,3");
    Want(out, "view v", p.Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'v'"), "0");
    return out + HistoryProblems(p, {"001"});
  };

  int64_t calls = 0;
  apply(Db("clean"));
  {
    Process clean(Db("clean"), set_);
    Result<RunReport> r = clean.engine().Down(down);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->steps.size(), 1u);
    EXPECT_FALSE(r->steps[0].transactional);
    calls = clean.conn().calls();
  }
  ASSERT_EQ(rolled_back_problems(Db("clean")), "");

  std::vector<std::string> broken;
  int refusals_seen = 0;
  for (When when : {When::kBefore, When::kAfter}) {
    for (int64_t k = 0; k < calls; ++k) {
      const std::string point = std::string("down died ") + WhenName(when) + " call " +
                                std::to_string(k) + " of " + std::to_string(calls);
      const std::string db = Db(std::string("down_") + WhenName(when) + "_" + std::to_string(k));
      apply(db);
      if (HasFatalFailure()) return;
      {
        Process first(db, set_);
        first.conn().DieAt(CallKind::kAny, k, when);
        Result<RunReport> r = first.engine().Down(down);
        if (r.ok()) broken.push_back(point + ": down reported success on a lost connection");
      }
      {
        Process between(db, set_);
        std::optional<HistoryRow> row = between.Row("002");
        if (row && row->state == kStateReverting) {
          ++refusals_seen;
          const std::string problems = between.Problems();
          if (problems.find("002: its rollback stopped after") == std::string::npos) {
            broken.push_back(point +
                             ": validate does not report the stopped rollback: " + problems);
          }
          Result<RunReport> up = between.engine().Up({});
          if (up.ok() || up.status().message().find("rollback") == std::string::npos) {
            broken.push_back(point + ": up did not refuse with a message about the rollback: " +
                             (up.ok() ? "ok" : up.status().ToString()));
          }
        } else if (row && row->state != kStateApplied) {
          broken.push_back(point + ": left 002 " + row->state);
        }
      }
      {
        Process second(db, set_);
        Result<RunReport> r = second.engine().Down(down);
        if (!r.ok()) {
          broken.push_back(point + ": the next down failed: " + r.status().ToString());
          continue;
        }
      }
      if (const std::string wrong = rolled_back_problems(db); !wrong.empty()) {
        broken.push_back(point + ":\n" + wrong);
        continue;
      }
      Process again(db, set_);  // the rollback left nothing behind that stops a new up
      Result<RunReport> up = again.engine().Up({});
      if (!up.ok())
        broken.push_back(point + ": up after the rollback failed: " + up.status().ToString());
    }
  }
  EXPECT_GT(refusals_seen, 0);
  std::string all;
  for (const std::string& b : broken) all += b + "\n";
  EXPECT_TRUE(broken.empty()) << broken.size() << " crash points went wrong:\n" << all;
}

// Case 5. A backfill stopped after a committed batch, by a kill (row left
// running) or by a failing batch (row failed): repair keeps its progress, and
// the next up goes on after the last committed batch, redoing none.
TEST_F(EngineFaults, BackfillStoppedAfterABatchResumesAfterItThroughRepair) {
  WriteBackfillSet();
  constexpr int64_t kRows = 50, kBatch = 7, kBatches = 8;  // the 8th batch holds one row
  for (bool killed : {true, false}) {
    // Killed: after each batch's commit, and after the commit that marks it finished.
    // Failed: the UPDATE of the batch after the Kth fails.
    const int64_t last_k = killed ? kBatches + 1 : kBatches - 1;
    for (int64_t k = 1; k <= last_k; ++k) {
      SCOPED_TRACE(std::string(killed ? "killed after" : "failed after") + " batch commit " +
                   std::to_string(k));
      const std::string db = Db(std::string(killed ? "killed_" : "failed_") + std::to_string(k));
      // Killed: after batch k's progress was written, before its COMMIT, so
      // k - 1 batches are committed. Failed: k batches are.
      const int64_t committed = killed ? k - 1 : k;
      const int64_t done = std::min(committed * kBatch, kRows);
      {
        Process first(db, set_);
        if (killed) {
          first.conn().DieAt(CallKind::kQuery, k - 1, When::kAfter, "\" AS stored (");
        } else {
          first.conn().FailNth(
              CallKind::kQuery, k,
              Status::Database("disk I/O error (injected)").WithSqlState("SQLITE 10"),
              "UPDATE t SET n");
        }
        Result<RunReport> up = first.engine().Up({});
        ASSERT_FALSE(up.ok());
      }
      BackfillProgress before;
      {
        Process p(db, set_);
        EXPECT_EQ(p.Scalar("SELECT count(*) FROM t WHERE n = 1"), std::to_string(done));
        EXPECT_EQ(p.Scalar("SELECT count(*) FROM t WHERE n NOT IN (0, 1)"), "0");
        before = p.Backfill("002");
        EXPECT_EQ(before.rows_done, done);
        EXPECT_EQ(before.batches, std::min(committed, kBatches));
        EXPECT_EQ(before.finished, committed > kBatches);
        std::optional<HistoryRow> row = p.Row("002");
        ASSERT_TRUE(row.has_value());
        EXPECT_EQ(row->state, killed ? kStateRunning : kStateFailed);

        Result<RepairReport> repair = p.engine().Repair();
        ASSERT_TRUE(repair.ok()) << repair.status().ToString();
        row = p.Row("002");
        ASSERT_TRUE(row.has_value());
        EXPECT_EQ(row->state, kStateResume);
        const BackfillProgress after = p.Backfill("002");
        EXPECT_EQ(after.last_key, before.last_key);
        EXPECT_EQ(after.rows_done, before.rows_done);
        EXPECT_EQ(after.batches, before.batches);
        EXPECT_EQ(after.finished, before.finished);
      }
      {
        Process p(db, set_);
        Result<RunReport> up = p.engine().Up({});
        ASSERT_TRUE(up.ok()) << up.status().ToString();
        ASSERT_EQ(up->steps.size(), 1u);
        EXPECT_EQ(up->steps[0].backfill_rows, kRows - done);  // no batch redone
        EXPECT_EQ(p.Scalar("SELECT count(*) || ' ' || sum(n) || ' ' || min(n) || ' ' || max(n) "
                           "FROM t"),
                  "50 50 1 1");
        const BackfillProgress b = p.Backfill("002");
        EXPECT_TRUE(b.finished);
        EXPECT_EQ(b.rows_done, kRows);
        EXPECT_EQ(b.batches, kBatches);
        EXPECT_EQ(HistoryProblems(p, {"001", "002"}), "");
      }
    }
  }
}

// Case 6. A database whose DDL does not roll back with its transaction
// (Capabilities::transactional_ddl false, as MySQL's): every script, one without
// any directive too, runs as a -- strata:no-transaction one. Its `running` row
// is committed before its first statement, its progress after each statement;
// a statement rejected midway leaves the statements before it applied, and the
// rerun after repair resumes at the rejected one, never running the first again.
TEST_F(EngineFaults, WithoutTransactionalDdlEveryScriptRecordsProgressPerStatement) {
  dir_.Write("migrations/001_three_statements.sql",
             "CREATE TABLE a (id INTEGER);\n"
             "CREATE TABLE b (id INTEGER);\n"
             "INSERT INTO a (id) VALUES (1);\n");
  Load();
  const std::string db = Db("no_transactional_ddl");
  auto without_transactional_ddl = [](Process& p) {
    driver::Capabilities caps = p.real().capabilities();
    caps.transactional_ddl = false;
    p.conn().OverrideCapabilities(caps);
  };
  const std::string tables =
      "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema "
      "WHERE name IN ('a', 'b') ORDER BY name)";
  {
    // Killed before its first statement: the row is there already, running.
    Process p(db, set_);
    without_transactional_ddl(p);
    p.conn().DieAt(CallKind::kExecute, 0, When::kBefore, "CREATE TABLE a");
    ASSERT_FALSE(p.engine().Up({}).ok());
  }
  {
    Process p(db, set_);
    std::optional<HistoryRow> row = p.Row("001");
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->state, kStateRunning);
    EXPECT_EQ(row->statements_done, 0);
    EXPECT_FALSE(row->transactional);
    EXPECT_EQ(row->transaction_mode, "none");
    EXPECT_EQ(p.Scalar(tables), "NULL");  // nothing ran
    ASSERT_TRUE(p.engine().Repair().ok());
  }
  {
    // The second statement rejected: the first stays applied, the row failed after 1.
    Process p(db, set_);
    without_transactional_ddl(p);
    p.conn().FailNth(CallKind::kExecute, 0,
                     Status::Database("no space (injected)").WithSqlState("SQLITE 13"),
                     "CREATE TABLE b");
    Result<RunReport> up = p.engine().Up({});
    ASSERT_FALSE(up.ok());
    EXPECT_NE(up.status().message().find("statement 2 of 3"), std::string::npos)
        << up.status().ToString();
  }
  {
    Process p(db, set_);
    std::optional<HistoryRow> row = p.Row("001");
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->state, kStateFailed);
    EXPECT_EQ(row->statements_done, 1);
    EXPECT_EQ(p.Scalar(tables), "a");
    ASSERT_TRUE(p.engine().Repair().ok());
  }
  {
    // Resumed at statement 2: a CREATE TABLE a run again would be refused
    // (a exists), and the fault set on it must never fire.
    Process p(db, set_);
    without_transactional_ddl(p);
    p.conn().FailNth(CallKind::kExecute, 0, Status::Database("statement 1 ran again"),
                     "CREATE TABLE a");
    Result<RunReport> up = p.engine().Up({});
    ASSERT_TRUE(up.ok()) << up.status().ToString();
    EXPECT_EQ(p.conn().pending_failures(), 1u);
    ASSERT_EQ(up->steps.size(), 1u);
    EXPECT_FALSE(up->steps[0].transactional);
    EXPECT_EQ(p.Scalar(tables), "a,b");
    EXPECT_EQ(p.Scalar("SELECT count(*) FROM a"), "1");
    EXPECT_EQ(HistoryProblems(p, {"001"}), "");
    std::optional<HistoryRow> row = p.Row("001");
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->statements_done, 3);
  }
}

// The same file where DDL does roll back (SQLite as it is): one transaction,
// so the rejected second statement takes the first with it.
TEST_F(EngineFaults, WithTransactionalDdlARejectedStatementUndoesTheWholeScript) {
  dir_.Write("migrations/001_three_statements.sql",
             "CREATE TABLE a (id INTEGER);\n"
             "CREATE TABLE b (id INTEGER);\n"
             "INSERT INTO a (id) VALUES (1);\n");
  Load();
  Process p(Db("transactional_ddl"), set_);
  p.conn().FailNth(CallKind::kExecute, 0, Status::Database("no space (injected)"),
                   "CREATE TABLE b");
  ASSERT_FALSE(p.engine().Up({}).ok());
  EXPECT_EQ(p.Scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')"), "0");
  EXPECT_FALSE(p.Row("001").has_value());
}

}  // namespace
}  // namespace strata::engine
