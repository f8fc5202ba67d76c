// The conformance suite every driver must pass: the behaviour the engine relies
// on, checked against each real database. A new driver runs the whole suite by
// adding one entry to kDrivers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "driver/postgres/driver.h"
#include "driver/postgres/sql_dialect.h"
#include "driver/sqlite/driver.h"
#include "driver/sqlite/sql_dialect.h"
#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// An empty database for one test, kept until the test ends.
struct TestDatabase {
  virtual ~TestDatabase() = default;
  std::string url;      // "" when there is none to test against
  std::string missing;  // then why: the test is skipped, or fails when `required`
  bool required = false;
};

// One driver as the suite sees it: how to make a database and connect to it,
// and the few answers that differ by design rather than by bug.
struct DriverFactory {
  const char* name;
  Dialect dialect;
  // An empty database for one test; `dir` is the test's own scratch directory.
  std::unique_ptr<TestDatabase> (*make_database)(const std::filesystem::path& dir);
  Result<std::unique_ptr<driver::Connection>> (*connect)(const driver::ConnectOptions& options);
  std::string default_schema;      // where CREATE TABLE t puts t
  std::string bigint_column_type;  // ColumnTypes' type of a column declared bigint
  Result<std::unique_ptr<driver::ScratchDatabases>> (*open_scratch)(
      const driver::ConnectOptions& server);
  // Whether a scratch database lives on the server until dropped (PostgreSQL), so
  // that a killed run leaves it over, or ends with its last connection (SQLite's
  // in-memory ones).
  bool scratch_outlives_its_connections;
  // Its SqlDialect as the CLI registers it: Connection::sql() must be the same.
  const driver::SqlDialect& (*sql_dialect)();
};

// GoogleTest shows a test's driver by name rather than as bytes.
void PrintTo(const DriverFactory& factory, std::ostream* os) { *os << factory.name; }

std::unique_ptr<TestDatabase> MakeSqliteDatabase(const std::filesystem::path& dir) {
  auto db = std::make_unique<TestDatabase>();
  db->url = "sqlite:" + (dir / "conformance.db").string();
  return db;
}

// A database of its own on the server STRATA_TEST_PG_URL names, dropped at the end.
struct PostgresDatabase final : TestDatabase {
  PgDatabase pg;
};
std::unique_ptr<TestDatabase> MakePostgresDatabase(const std::filesystem::path&) {
  auto db = std::make_unique<PostgresDatabase>();
  db->url = db->pg.url();
  db->missing = "no PostgreSQL (set STRATA_TEST_PG_URL)";
  db->required = PgRequired();
  return db;
}

// Every driver. PostgreSQL names bigint int8 (as libpg_query does); SQLite keeps
// what was written, and has no schemas.
const DriverFactory kDrivers[] = {
    {"sqlite", Dialect::kSqlite, MakeSqliteDatabase, driver::sqlite::Connect, "", "bigint",
     driver::sqlite::OpenScratchDatabases, false, driver::sqlite::GetSqlDialect},
    {"postgres", Dialect::kPostgres, MakePostgresDatabase, driver::postgres::Connect, "public",
     "int8", driver::postgres::OpenScratchDatabases, true, driver::postgres::GetSqlDialect},
};

class DriverConformance : public ::testing::TestWithParam<DriverFactory> {
 protected:
  void SetUp() override {
    db_ = GetParam().make_database(dir_.path());
    if (db_->url.empty()) {
      if (db_->required) FAIL() << db_->missing;
      GTEST_SKIP() << db_->missing;
    }
    conn_ = Open();
  }

  std::unique_ptr<driver::Connection> Open() {
    driver::ConnectOptions options;
    options.url = db_->url;
    options.lock_wait = std::chrono::milliseconds(500);
    options.create = true;
    auto conn = GetParam().connect(options);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(conn).value() : nullptr;
  }

  std::string Scalar(driver::Connection& c, const std::string& sql) {
    auto rows = c.Query(sql, {});
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok() || rows->rows.empty()) return "";
    return rows->rows[0][0].value_or("NULL");
  }

  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<driver::Connection> conn_;
};

TEST_P(DriverConformance, QueryBindsTextAndNullParameters) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE kv (k text PRIMARY KEY, v text)").ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO kv (k, v) VALUES ($1, $2)", {"a", std::nullopt}).ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO kv (k, v) VALUES ($1, $2)", {"b", "it's"}).ok());
  auto rows = conn_->Query("SELECT k, v FROM kv ORDER BY k", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"k", "v"}));
  EXPECT_FALSE(rows->rows[0][1].has_value());
  EXPECT_EQ(rows->rows[1][1].value(), "it's");
}

TEST_P(DriverConformance, RollbackUndoesAndCommitKeeps) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE t (id integer)").ok());
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(conn_->Rollback().ok());
  EXPECT_EQ(Scalar(*conn_, "SELECT count(*) FROM t"), "0");
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO t VALUES (2)").ok());
  ASSERT_TRUE(conn_->ExecuteAndCommit("INSERT INTO t VALUES ($1)", {"3"}).ok());
  auto other = Open();
  EXPECT_EQ(Scalar(*other, "SELECT count(*) FROM t"), "2");
}

TEST_P(DriverConformance, DdlRollsBackWithItsTransaction) {
  ASSERT_TRUE(conn_->capabilities().transactional_ddl);
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE gone (id integer)").ok());
  ASSERT_TRUE(conn_->Rollback().ok());
  auto exists = conn_->TableExists("", "gone");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

TEST_P(DriverConformance, AFailedExecuteCarriesCodeAndStatementLocalPosition) {
  Status st = conn_->Execute("SELECT 1;\n");
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(conn_->Execute("CREATE TABLE p (id integer)").ok());
  st = conn_->Execute("SELECT id,\n       no_such_column\nFROM p");
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(st.is_database());
  EXPECT_FALSE(st.context().sqlstate.empty());
  EXPECT_EQ(st.context().line, 2);
  EXPECT_EQ(st.context().column, 8);
  // A failed statement inside a transaction leaves it to the caller to roll back.
  ASSERT_TRUE(conn_->Begin().ok());
  EXPECT_FALSE(conn_->ExecuteAndCommit("INSERT INTO no_such_table VALUES ($1)", {"1"}).ok());
  EXPECT_TRUE(conn_->Rollback().ok());
}

TEST_P(DriverConformance, TableExistsAndQuotedIdentifiers) {
  const std::string quoted = conn_->sql().QuoteIdentifier("odd \"name\"");
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + quoted + " (id integer)").ok());
  auto exists = conn_->TableExists("", "odd \"name\"");
  ASSERT_TRUE(exists.ok());
  EXPECT_TRUE(*exists);
  auto missing = conn_->TableExists("", "nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(*missing);
}

// The engine asks about tables in a schema that may not exist (sqitch's
// registry, engine/peer_history.cc): no such schema (SQLite: no database
// attached under the name) is a plain no, not an error.
TEST_P(DriverConformance, TableExistsInASchemaThatDoesNotExistIsFalse) {
  auto missing = conn_->TableExists("no_such_schema", "changes");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_FALSE(*missing);
}

TEST_P(DriverConformance, TypesAndTimestampsRoundTripAsTheEngineWritesThem) {
  using driver::LogicalType;
  ASSERT_TRUE(conn_
                  ->Execute("CREATE TABLE h (n " + conn_->sql().TypeName(LogicalType::kBigInt) +
                            ", b " + conn_->sql().TypeName(LogicalType::kBool) + ", at " +
                            conn_->sql().TypeName(LogicalType::kTimestamp) + ")")
                  .ok());
  ASSERT_TRUE(conn_
                  ->Query("INSERT INTO h VALUES ($1, $2, $3)",
                          {"9007199254740993", "1", "2026-11-21T06:55:00Z"})
                  .ok());
  // Whole seconds: a fraction is dropped, not rounded up.
  ASSERT_TRUE(conn_->Query("INSERT INTO h VALUES (2, NULL, '2026-11-21T06:55:00.9Z')", {}).ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO h VALUES (3, NULL, NULL)", {}).ok());
  auto rows = conn_->Query(
      "SELECT n, b, " + conn_->sql().EpochSeconds("at") + " FROM h ORDER BY n DESC", {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 3u);
  EXPECT_EQ(rows->rows[0][0].value(), "9007199254740993");
  EXPECT_TRUE(rows->rows[0][1] == "1" || rows->rows[0][1] == "t");
  EXPECT_EQ(rows->rows[0][2].value(), "1795244100");  // 2026-11-21T06:55:00Z
  EXPECT_EQ(rows->rows[2][2].value(), "1795244100");
  EXPECT_FALSE(rows->rows[1][2].has_value());
  auto user = conn_->SessionUser();
  ASSERT_TRUE(user.ok());
  EXPECT_FALSE(user->empty());
}

// The statements the history table is written with (engine/history.cc), as the
// dialect renders them, run on the database and do what the engine relies on.
TEST_P(DriverConformance, TheSqlDialectsHistoryStatementsRun) {
  using driver::LogicalType;
  const driver::SqlDialect& d = conn_->sql();
  EXPECT_EQ(&d, &GetParam().sql_dialect());
  EXPECT_EQ(d.dialect(), GetParam().dialect);
  const std::string text = d.TypeName(LogicalType::kText);
  const std::string bigint = d.TypeName(LogicalType::kBigInt);
  ASSERT_TRUE(conn_
                  ->Execute("CREATE TABLE ranked (installed_rank " + bigint +
                            " PRIMARY KEY, name " + text + ")")
                  .ok());
  for (const char* name : {"a", "b"}) {
    auto inserted = conn_->Query(
        d.InsertWithNextRank(d.QuoteIdentifier("ranked"), "installed_rank", {"name"}), {name});
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  }
  EXPECT_EQ(Scalar(*conn_, "SELECT name FROM ranked WHERE installed_rank = 2"), "b");

  ASSERT_TRUE(conn_
                  ->Execute("CREATE TABLE progress (k " + text + ", n " + bigint + ", v " + text +
                            ", PRIMARY KEY (k))")
                  .ok());
  const std::string upsert =
      d.Upsert({.table = "progress", .columns = {"k", "n", "v"}, .guard_column = "n"});
  // Parameters: k, n, v, then the n the stored row must still have.
  auto affected = [&](const std::vector<driver::Value>& params) -> int64_t {
    auto rows = conn_->Query(upsert, params);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? rows->affected : -2;
  };
  EXPECT_EQ(affected({"x", "1", "first", "0"}), 1);   // inserted
  EXPECT_EQ(affected({"x", "2", "second", "1"}), 1);  // updated: it still had n = 1
  EXPECT_EQ(affected({"x", "3", "stale", "1"}), 0);   // held back: n moved on to 2
  EXPECT_EQ(Scalar(*conn_, "SELECT v FROM progress WHERE k = 'x'"), "second");
}

TEST_P(DriverConformance, TheRunLockExcludesASecondRunWhereItIsExclusive) {
  auto first = conn_->AcquireRunLock(42, std::chrono::milliseconds(1000));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto other = Open();
  auto second = other->AcquireRunLock(42, std::chrono::milliseconds(200));
  if (conn_->capabilities().exclusive_run_lock) {
    ASSERT_FALSE(second.ok());
    EXPECT_TRUE(second.status().is_lock_timeout());
    first->reset();  // released: the next runner gets it
    auto third = other->AcquireRunLock(42, std::chrono::milliseconds(1000));
    EXPECT_TRUE(third.ok()) << third.status().ToString();
  } else {
    // Then Begin() must take the write lock: a second writer waits and times out.
    EXPECT_TRUE(second.ok());
    ASSERT_TRUE(conn_->Begin().ok());
    ASSERT_TRUE(conn_->Execute("CREATE TABLE w (id integer)").ok());
    Status blocked = other->Begin();
    EXPECT_TRUE(blocked.is_lock_timeout()) << blocked.ToString();
    ASSERT_TRUE(conn_->Commit().ok());
    EXPECT_TRUE(other->Begin().ok());
    EXPECT_TRUE(other->Rollback().ok());
  }
}

// What the engine retries (engine/retry.h): a statement that waits for a lock
// past the lock timeout fails as a lock not granted, which the driver
// classified, and keeps its native code for the message.
TEST_P(DriverConformance, AStatementThatWaitsPastTheLockTimeoutIsALockNotGranted) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE w (id integer)").ok());
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO w VALUES (1)").ok());
  auto other = Open();
  ASSERT_TRUE(other->SetLockTimeout(std::chrono::milliseconds(100)).ok());
  // SQLite's Begin waits for the write lock; PostgreSQL's waits at the statement.
  Status blocked = other->Begin();
  if (blocked.ok()) blocked = other->Execute("ALTER TABLE w ADD COLUMN n integer");
  ASSERT_FALSE(blocked.ok());
  EXPECT_TRUE(blocked.is_lock_not_granted()) << blocked.ToString();
  EXPECT_TRUE(blocked.is_lock_timeout()) << blocked.ToString();
  EXPECT_FALSE(blocked.is_deadlock() || blocked.is_serialization_failure());
  EXPECT_FALSE(blocked.context().sqlstate.empty());
  (void)other->Rollback();
  ASSERT_TRUE(conn_->Rollback().ok());
}

// What read-only commands and the engine ask about the run lock: whether a
// live run holds it (a row left "running" is then not interrupted), and whether
// the holder still has it.
TEST_P(DriverConformance, RunLockHeldSeesAnotherRunsLockAndCheckSeesItsOwn) {
  auto other = Open();
  auto held = other->RunLockHeld(42);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_FALSE(*held);
  auto lock = conn_->AcquireRunLock(42, std::chrono::milliseconds(1000));
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  EXPECT_TRUE((*lock)->Check().ok());
  held = other->RunLockHeld(42);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_EQ(*held, conn_->capabilities().exclusive_run_lock);
  lock->reset();
  // A server sees a closed lock session go a moment later, not at once.
  for (int i = 0; i < 200; ++i) {
    held = other->RunLockHeld(42);
    ASSERT_TRUE(held.ok()) << held.status().ToString();
    if (!*held) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(*held);
}

TEST_P(DriverConformance, FindIndexTellsAbsentFromValid) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE fi (id integer)").ok());
  auto state = conn_->FindIndex("", "fi_id");
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(*state, driver::IndexState::kAbsent);
  ASSERT_TRUE(conn_->Execute("CREATE INDEX fi_id ON fi (id)").ok());
  state = conn_->FindIndex("", "fi_id");
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(*state, driver::IndexState::kValid);
}

TEST_P(DriverConformance, AValidIndexIsNeverDropped) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE i (id integer)").ok());
  ASSERT_TRUE(conn_->Execute("CREATE INDEX idx_i_id ON i (id)").ok());
  auto dropped = conn_->DropIndexIfInvalid("", "idx_i_id");
  ASSERT_TRUE(dropped.ok()) << dropped.status().ToString();
  EXPECT_FALSE(*dropped);
}

TEST_P(DriverConformance, TablesAndColumnsAreListedInOneCall) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE sized (id bigint, note text)").ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO sized VALUES (1, 'a')").ok());
  auto sizes = conn_->TableSizes();
  ASSERT_TRUE(sizes.ok()) << sizes.status().ToString();
  bool found = false;
  for (const auto& t : *sizes) found = found || t.table == "sized";
  EXPECT_TRUE(found);
  auto columns = conn_->ColumnTypes();
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  std::vector<std::string> seen;
  for (const auto& c : *columns) {
    if (c.table == "sized") seen.push_back(c.column + ":" + c.type);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"id:" + GetParam().bigint_column_type, "note:text"}));
}

TEST_P(DriverConformance, InspectReturnsACreatedTableWithItsColumnsInOrder) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE inspected (id bigint NOT NULL, note text)").ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE strata_schema_history (id integer)").ok());
  auto schema = conn_->Inspect(driver::InspectOptions{});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->dialect, GetParam().dialect);
  std::vector<std::string> tables;
  for (const catalog::Table& t : schema->tables) tables.push_back(t.name.name);
  // strata's own tables are left out by default.
  ASSERT_EQ(tables, (std::vector<std::string>{"inspected"}));
  const catalog::Table& table = schema->tables[0];
  EXPECT_EQ(table.name.schema, GetParam().default_schema);
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].name, "id");
  EXPECT_TRUE(table.columns[0].not_null);
  EXPECT_EQ(table.columns[1].name, "note");
  EXPECT_FALSE(table.columns[1].not_null);
  // Inspect ends its own read transaction: the connection is usable as before.
  EXPECT_TRUE(conn_->Execute("INSERT INTO inspected (id) VALUES (1)").ok());
}

TEST_P(DriverConformance, APrefetchedAnswerGoesOnlyToTheSameQuery) {
  ASSERT_TRUE(conn_->Execute("CREATE TABLE kv (k text PRIMARY KEY, v text)").ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO kv (k, v) VALUES ($1, $2)", {"a", "1"}).ok());
  const std::string select = "SELECT v FROM kv WHERE k = $1";
  auto value_of = [&](const std::string& key) {
    auto rows = conn_->Query(select, {key});
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() && !rows->rows.empty() ? rows->rows[0][0].value_or("NULL") : "none";
  };
  conn_->Prefetch(select, {"a"});
  EXPECT_EQ(value_of("a"), "1");
  // Other parameters, another statement, a transaction: each gets its own answer.
  conn_->Prefetch(select, {"a"});
  EXPECT_EQ(value_of("b"), "none");
  conn_->Prefetch(select, {"a"});
  ASSERT_TRUE(conn_->Execute("UPDATE kv SET v = '2'").ok());
  EXPECT_EQ(value_of("a"), "2");
  conn_->Prefetch(select, {"a"});
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->ExecuteAndCommit("UPDATE kv SET v = $1", {"3"}).ok());
  EXPECT_EQ(value_of("a"), "3");
  // Inside a transaction whose BEGIN is still to be sent.
  ASSERT_TRUE(conn_->Begin().ok());
  conn_->Prefetch(select, {"a"});
  ASSERT_TRUE(conn_->Query("UPDATE kv SET v = $1", {"4"}).ok());
  EXPECT_EQ(value_of("a"), "4");
  ASSERT_TRUE(conn_->Rollback().ok());
  EXPECT_EQ(value_of("a"), "3");
  // A failing query's error reaches the Query that takes it, and no further.
  conn_->Prefetch("SELECT no_such_column FROM kv", {});
  auto failed = conn_->Query("SELECT no_such_column FROM kv", {});
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.status().is_database());
  EXPECT_NE(failed.status().message().find("no_such_column"), std::string::npos)
      << failed.status().ToString();
  EXPECT_EQ(value_of("a"), "3");
}

TEST_P(DriverConformance, APrefetchedQueryReachesTheServerBeforeItsAnswerIsAskedFor) {
  // Watched through PostgreSQL's advisory locks; SQLite has no server to send a
  // query ahead to.
  if (GetParam().dialect != Dialect::kPostgres) GTEST_SKIP() << "a PostgreSQL check";
  conn_->Prefetch("SELECT pg_advisory_lock($1)", {"4242"});
  // Seen from another session: the lock is held while this one has not asked yet.
  auto other = Open();
  ASSERT_NE(other, nullptr);
  std::string held = "0";
  for (int i = 0; i < 100 && held == "0"; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    held = Scalar(*other,
                  "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 "
                  "AND granted");
  }
  EXPECT_EQ(held, "1");
  auto taken = conn_->Query("SELECT pg_advisory_lock($1)", {"4242"});
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  ASSERT_EQ(taken->rows.size(), 1u);
  // The answer was the prefetched one: a second lock call would have stacked a
  // second hold, which one unlock would not release.
  EXPECT_EQ(Scalar(*conn_, "SELECT pg_advisory_unlock(4242)"), "t");
  EXPECT_EQ(
      Scalar(*other, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242"),
      "0");
}

TEST_P(DriverConformance, DisplayTargetHasNoPassword) {
  EXPECT_EQ(conn_->DisplayTarget().find("password"), std::string::npos);
}

// Scratch databases (driver::ScratchDatabases): each new one is empty and apart
// from the target and the others; Drop removes it even while a connection to
// it is open, and a second Drop is Ok; Leftovers lists those not dropped yet.
TEST_P(DriverConformance, ScratchDatabasesAreEmptyApartAndGoneWhenDropped) {
  driver::ConnectOptions server;
  server.url = db_->url;
  auto scratch = GetParam().open_scratch(server);
  ASSERT_TRUE(scratch.ok()) << scratch.status().ToString();
  auto connect = [&](const driver::ConnectOptions& options) {
    auto conn = GetParam().connect(options);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(conn).value() : nullptr;
  };
  ASSERT_TRUE(conn_->Execute("CREATE TABLE in_target (id integer)").ok());
  auto first = (*scratch)->Create();
  auto second = (*scratch)->Create();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  auto a = connect(first->options);
  auto b = connect(second->options);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->DatabaseFile(), "");  // never the target's file
  ASSERT_TRUE(a->Execute("CREATE TABLE only_in_a (id integer)").ok());
  auto tables_of = [](driver::Connection& c) {
    std::vector<std::string> names;
    auto sizes = c.TableSizes();
    EXPECT_TRUE(sizes.ok()) << sizes.status().ToString();
    if (sizes.ok()) {
      for (const driver::TableSize& t : *sizes) names.push_back(t.table);
    }
    return names;
  };
  EXPECT_EQ(tables_of(*a), (std::vector<std::string>{"only_in_a"}));
  EXPECT_TRUE(tables_of(*b).empty());
  EXPECT_EQ(tables_of(*conn_), (std::vector<std::string>{"in_target"}));

  auto listed = [&](const std::string& name) {
    auto names = (*scratch)->Leftovers();
    EXPECT_TRUE(names.ok()) << names.status().ToString();
    return names.ok() && std::count(names->begin(), names->end(), name) == 1;
  };
  if (GetParam().scratch_outlives_its_connections) {
    EXPECT_EQ(first->name.rfind(driver::kScratchPrefix, 0), 0u) << first->name;
    EXPECT_NE(first->name, second->name);
    EXPECT_TRUE(listed(first->name));
    EXPECT_TRUE(listed(second->name));
  } else {
    auto names = (*scratch)->Leftovers();
    ASSERT_TRUE(names.ok());
    EXPECT_TRUE(names->empty()) << "a database that ends with its connection cannot be left over";
  }
  EXPECT_TRUE((*scratch)->Drop(first->name).ok());  // `a` still open
  EXPECT_TRUE((*scratch)->Drop(first->name).ok());  // gone already
  b.reset();
  EXPECT_TRUE((*scratch)->Drop(second->name).ok());
  EXPECT_FALSE(listed(first->name));
  EXPECT_FALSE(listed(second->name));
}

INSTANTIATE_TEST_SUITE_P(Drivers, DriverConformance, ::testing::ValuesIn(kDrivers),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace strata::testing
