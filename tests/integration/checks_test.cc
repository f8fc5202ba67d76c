// Validation checks inside migrations (`-- strata:check pre|post [critical]
// expect=`) and `strata up --test`, against real SQLite and PostgreSQL. The
// cases shared by both dialects are written once against ChecksCase.
#include <gtest/gtest.h>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

constexpr const char* kOrders =
    "CREATE TABLE orders (id integer PRIMARY KEY, total integer NOT NULL);\n"
    "INSERT INTO orders (id, total) VALUES (1, 10), (2, -5), (3, 7);\n";

class ChecksCase {
 public:
  virtual ~ChecksCase() = default;
  virtual std::string url() = 0;
  // The first column of the first row of `sql` on the target.
  virtual std::string Scalar(const std::string& sql) = 0;
  // How many columns named `column` the table orders has (0 or 1).
  virtual std::string OrdersColumn(const std::string& column) = 0;
  virtual std::string HistoryTables() = 0;

  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", url(), "--dir", (dir.path() / "migrations").string()});
    return RunStrata(args);
  }
  std::string File(const std::string& name) const {
    return (dir.path() / "migrations" / name).string();
  }
  TempDir dir;
};

class SqliteChecks : public ::testing::Test, public ChecksCase {
 protected:
  // An empty database, as a server's new database is: up --test creates no file.
  void SetUp() override { dir.Write("app.db", ""); }
  std::string url() override { return "sqlite://" + (dir.path() / "app.db").string(); }
  std::string Scalar(const std::string& sql) override {
    return SqliteScalar(dir.path() / "app.db", sql);
  }
  std::string OrdersColumn(const std::string& column) override {
    return Scalar("SELECT count(*) FROM pragma_table_info('orders') WHERE name = '" + column + "'");
  }
  std::string HistoryTables() override {
    return Scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'strata_schema_history%'");
  }
};

class PostgresChecks : public ::testing::Test, public ChecksCase {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  std::string url() override { return db_.url(); }
  std::string Scalar(const std::string& sql) override { return db_.Scalar(sql); }
  std::string OrdersColumn(const std::string& column) override {
    return Scalar(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
        "AND column_name = '" +
        column + "'");
  }
  std::string HistoryTables() override {
    return Scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'strata_schema_history%'");
  }
  PgDatabase db_;
};

// A non-critical check that does not hold is a warning: shown, kept in the
// history row; the migration stays applied.
void WarningIsShownAndKept(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  c.dir.Write("migrations/002_fix.sql",
              "UPDATE orders SET total = 0 WHERE total < 0;\n"
              "-- strata:check post expect=2\n"
              "SELECT count(*) FROM orders WHERE total > 0;\n"
              "-- strata:check post expect=4\n"
              "SELECT count(*) FROM orders;\n");
  RunResult up = c.Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(
      up.err.find("post check (" + c.File("002_fix.sql") + ":4) did not hold: expected 4, got '3'"),
      std::string::npos)
      << up.err;
  EXPECT_NE(up.out.find("warning: post check"), std::string::npos) << up.out;
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM orders WHERE total < 0"), "0");
  const std::string warnings =
      c.Scalar("SELECT warnings FROM strata_schema_history WHERE version = '002'");
  EXPECT_NE(warnings.find("expected 4, got '3'"), std::string::npos) << warnings;
  EXPECT_EQ(warnings.find("expected 2"), std::string::npos) << "a check that held is no warning";
  EXPECT_EQ(c.Scalar("SELECT warnings FROM strata_schema_history WHERE version = '001'"), "");
}

// A critical post check that does not hold undoes the migration (its
// transaction) and fails the run with exit 3, naming the check's file and line.
void CriticalPostCheckRollsBack(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  c.dir.Write("migrations/002_half_fix.sql",
              "ALTER TABLE orders ADD COLUMN note text;\n"
              "UPDATE orders SET total = 0 WHERE id = 99;\n"
              "-- strata:check post critical expect=0\n"
              "SELECT count(*) FROM orders WHERE total < 0;\n");
  RunResult up = c.Strata({"up"});
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find("002_half_fix.sql:3:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("critical post check did not hold: expected 0, got '1'"), std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("rolled back"), std::string::npos) << up.err;
  EXPECT_EQ(c.OrdersColumn("note"), "0");
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM strata_schema_history WHERE version = '002'"), "0");
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM strata_schema_history WHERE version = '001'"), "1");
}

// A critical pre check stops the migration before its first statement.
void CriticalPreCheckStopsFirst(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  c.dir.Write("migrations/002_constrain.sql",
              "-- strata:check pre critical expect=0\n"
              "SELECT count(*) FROM orders WHERE total < 0;\n"
              "ALTER TABLE orders ADD COLUMN note text;\n");
  RunResult up = c.Strata({"up"});
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find("critical pre check did not hold"), std::string::npos) << up.err;
  EXPECT_EQ(c.OrdersColumn("note"), "0");
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM strata_schema_history WHERE version = '002'"), "0");
}

// A check whose query fails is an error at the query's line, whatever its kind.
void BrokenCheckQueryFailsAtItsLine(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql",
              kOrders + std::string("-- strata:check post expect=0\n"
                                    "SELECT count(*) FROM no_such_table;\n"));
  RunResult up = c.Strata({"up"});
  EXPECT_EQ(up.exit_code, 1) << up.err;
  EXPECT_NE(up.err.find("001_orders.sql:4:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("post check: its query failed"), std::string::npos) << up.err;
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM strata_schema_history"), "0");
}

// up --test applies the pending migrations, checks included, and keeps nothing:
// schema, rows and history as they were; on a database without history, not
// even the history table.
void UpTestKeepsNothing(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  c.dir.Write("migrations/002_note.sql",
              "ALTER TABLE orders ADD COLUMN note text;\n"
              "UPDATE orders SET note = 'seen';\n"
              "-- strata:check post critical expect=3\n"
              "SELECT count(*) FROM orders WHERE note = 'seen';\n");
  c.dir.Write("migrations/003_index.sql", "CREATE INDEX orders_total_idx ON orders (total);\n");
  RunResult fresh = c.Strata({"up", "--test"});
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_NE(fresh.out.find("3 migration(s) tested"), std::string::npos) << fresh.out;
  EXPECT_NE(fresh.out.find("rolled back"), std::string::npos) << fresh.out;
  EXPECT_EQ(c.HistoryTables(), "0");

  ASSERT_EQ(c.Strata({"up", "--to", "001"}).exit_code, 0);
  const std::string history_before = c.Strata({"--json", "history"}).out;
  const std::string schema_before = c.Strata({"schema", "dump"}).out;
  RunResult tested = c.Strata({"up", "--test"});
  ASSERT_EQ(tested.exit_code, 0) << tested.err;
  EXPECT_NE(tested.out.find("2 migration(s) tested"), std::string::npos) << tested.out;
  EXPECT_EQ(c.Strata({"--json", "history"}).out, history_before);
  EXPECT_EQ(FirstDifference(c.Strata({"schema", "dump"}).out, schema_before), "");
  EXPECT_EQ(c.OrdersColumn("note"), "0");
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM orders"), "3");
  // And the real run afterwards applies them.
  ASSERT_EQ(c.Strata({"up"}).exit_code, 0);
  EXPECT_EQ(c.OrdersColumn("note"), "1");
}

// The target's real rows are what up --test proves the migrations against.
void UpTestFailsOnRealData(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  ASSERT_EQ(c.Strata({"up"}).exit_code, 0);
  c.dir.Write("migrations/002_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
  c.dir.Write("migrations/003_positive.sql",
              "CREATE UNIQUE INDEX orders_total_uq ON orders ((total > 0));\n");
  RunResult tested = c.Strata({"up", "--test"});
  EXPECT_EQ(tested.exit_code, 1) << tested.err;
  EXPECT_NE(tested.err.find("003_positive.sql"), std::string::npos) << tested.err;
  EXPECT_NE(tested.err.find("nothing was kept"), std::string::npos) << tested.err;
  EXPECT_EQ(c.OrdersColumn("note"), "0");
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM strata_schema_history"), "1");

  c.dir.Write("migrations/003_positive.sql",
              "-- strata:check pre critical expect=0\n"
              "SELECT count(*) FROM orders WHERE total < 0;\n");
  tested = c.Strata({"up", "--test"});
  EXPECT_EQ(tested.exit_code, 3) << tested.err;
  EXPECT_EQ(c.OrdersColumn("note"), "0");
}

// A migration that cannot run in a transaction cannot be tested in one: refused
// before anything runs.
void UpTestRefusesWhatCannotRunInATransaction(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  c.dir.Write("migrations/002_later.sql",
              "-- strata:no-transaction\nCREATE INDEX orders_total_idx ON orders (total);\n");
  RunResult tested = c.Strata({"up", "--test"});
  EXPECT_EQ(tested.exit_code, 2) << tested.err;
  EXPECT_NE(tested.err.find("002_later.sql"), std::string::npos) << tested.err;
  EXPECT_NE(tested.err.find("--to"), std::string::npos) << tested.err;
  EXPECT_EQ(c.HistoryTables(), "0");
  RunResult first = c.Strata({"up", "--test", "--to", "001"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
}

// Checks in a rollback script guard the rollback the same way.
void RollbackChecksGuardDown(ChecksCase& c) {
  c.dir.Write("migrations/001_orders.sql", kOrders);
  c.dir.Write("migrations/002_note.sql",
              "ALTER TABLE orders ADD COLUMN note text;\n"
              "UPDATE orders SET note = 'kept' WHERE id = 1;\n");
  c.dir.Write("migrations/rollback/002_rollback.sql",
              "-- strata:check pre critical expect=0\n"
              "SELECT count(*) FROM orders WHERE note IS NOT NULL;\n"
              "ALTER TABLE orders DROP COLUMN note;\n");
  ASSERT_EQ(c.Strata({"up"}).exit_code, 0);
  RunResult down = c.Strata({"down"});
  EXPECT_EQ(down.exit_code, 3) << down.err;
  EXPECT_NE(down.err.find("002_rollback.sql:1:1"), std::string::npos) << down.err;
  EXPECT_EQ(c.OrdersColumn("note"), "1");
  EXPECT_EQ(c.Scalar("SELECT count(*) FROM strata_schema_history WHERE version = '002'"), "1");
}

#define BOTH_DIALECTS(name)                   \
  TEST_F(SqliteChecks, name) { name(*this); } \
  TEST_F(PostgresChecks, name) { name(*this); }

BOTH_DIALECTS(WarningIsShownAndKept)
BOTH_DIALECTS(CriticalPostCheckRollsBack)
BOTH_DIALECTS(CriticalPreCheckStopsFirst)
BOTH_DIALECTS(BrokenCheckQueryFailsAtItsLine)
BOTH_DIALECTS(UpTestKeepsNothing)
BOTH_DIALECTS(UpTestFailsOnRealData)
BOTH_DIALECTS(UpTestRefusesWhatCannotRunInATransaction)
BOTH_DIALECTS(RollbackChecksGuardDown)

// Without a transaction, a critical post check that fails after the statements
// ran has them undone by the migration's rollback script (seed 003: a failed
// validation runs the rollback steps).
TEST_F(PostgresChecks, NoTransactionMigrationIsUndoneByItsRollbackScript) {
  dir.Write("migrations/001_orders.sql", kOrders);
  dir.Write("migrations/002_index.sql",
            "-- strata:no-transaction\n"
            "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n"
            "-- strata:check post critical expect=0\n"
            "SELECT count(*) FROM orders WHERE total < 0;\n");
  dir.Write("migrations/rollback/002_rollback.sql", "DROP INDEX CONCURRENTLY orders_total_idx;\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find("undone by its rollback script"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT to_regclass('orders_total_idx') IS NULL"), "t");
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history WHERE version = '002'"), "0");
}

// Without a rollback script the row is left failed; once the data is fixed,
// repair and up run the post checks again and complete it.
TEST_F(PostgresChecks, NoTransactionMigrationWithoutRollbackWaitsForRepair) {
  dir.Write("migrations/001_orders.sql", kOrders);
  dir.Write("migrations/002_index.sql",
            "-- strata:no-transaction\n"
            "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n"
            "-- strata:check post critical expect=0\n"
            "SELECT count(*) FROM orders WHERE total < 0;\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find("stay applied"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT state FROM strata_schema_history WHERE version = '002'"), "failed");
  EXPECT_EQ(Strata({"up"}).exit_code, 1) << "a failed migration blocks the next run";
  ASSERT_TRUE(db_.conn().Execute("UPDATE orders SET total = 0 WHERE total < 0").ok());
  ASSERT_EQ(Strata({"repair"}).exit_code, 0);
  RunResult again = Strata({"up"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Scalar("SELECT state FROM strata_schema_history WHERE version = '002'"), "applied");
  EXPECT_EQ(Scalar("SELECT to_regclass('orders_total_idx') IS NOT NULL"), "t");
}

}  // namespace
}  // namespace strata::testing

namespace strata::testing {
namespace {

// verify's scratch databases hold none of the target's rows: a check's answer
// there decides nothing, but its query must run.
TEST_F(SqliteChecks, VerifyRunsCheckQueriesWithoutEnforcingTheirAnswers) {
  dir.Write("migrations/001_orders.sql",
            "CREATE TABLE orders (id integer PRIMARY KEY, total integer NOT NULL);\n");
  dir.Write("migrations/rollback/001_rollback.sql", "DROP TABLE orders;\n");
  dir.Write("migrations/002_note.sql",
            "ALTER TABLE orders ADD COLUMN note text;\n"
            "-- strata:check post critical expect=3\n"
            "SELECT count(*) FROM orders;\n");
  dir.Write("migrations/rollback/002_rollback.sql", "ALTER TABLE orders DROP COLUMN note;\n");
  RunResult verified = Strata({"verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;

  dir.Write("migrations/002_note.sql",
            "ALTER TABLE orders ADD COLUMN note text;\n"
            "-- strata:check post critical expect=3\n"
            "SELECT count(*) FROM no_such_table;\n");
  verified = Strata({"verify"});
  EXPECT_EQ(verified.exit_code, 3) << verified.out << verified.err;
  EXPECT_NE((verified.out + verified.err).find("no_such_table"), std::string::npos)
      << verified.out << verified.err;
}

}  // namespace
}  // namespace strata::testing
