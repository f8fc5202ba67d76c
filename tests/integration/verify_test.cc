// strata verify against real PostgreSQL 15 and SQLite: rollbacks that forget
// an index, a column, a constraint or a view, or drop too much, are reported
// with the exact object and exit 3; good series and both example projects
// pass; the target database is never touched and no scratch database stays.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// A migration that follows 001 and whose rollback is wrong, and the line that
// must name what it left (or removed).
struct BadRollback {
  std::string name;
  std::string up;
  std::string down;
  std::string expected;
};

void WriteSeries(const TempDir& dir, const std::string& up2, const std::string& down2,
                 const std::string& orders_extra = "") {
  dir.Write("migrations/001_orders.sql",
            "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric" +
                orders_extra + ");\n");
  dir.Write("migrations/rollback/001_rollback.sql", "DROP TABLE orders;\nDROP TABLE customers;\n");
  dir.Write("migrations/002_change.sql", up2);
  if (!down2.empty()) dir.Write("migrations/rollback/002_rollback.sql", down2);
  dir.Write("migrations/003_later.sql", "CREATE TABLE later (id int);\n");
  dir.Write("migrations/rollback/003_rollback.sql", "DROP TABLE later;\n");
}

// A rollback that does nothing at all (an empty file would read the same).
constexpr const char* kForgetful = "-- nothing to undo, or so it says\nSELECT 1;\n";

const std::vector<BadRollback>& PostgresCases() {
  static const std::vector<BadRollback> kCases = {
      {"index", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n", kForgetful,
       "+ index public.orders_customer_idx (left behind by the rollback)"},
      {"column", "ALTER TABLE orders ADD COLUMN note text;\n", kForgetful,
       "+ column public.orders.note (left behind by the rollback)"},
      {"check", "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);\n",
       kForgetful,
       "+ constraint public.orders.orders_total_positive (left behind by the rollback)"},
      {"foreign key",
       "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
       "REFERENCES customers (id);\n",
       kForgetful, "+ constraint public.orders.orders_customer_fk (left behind by the rollback)"},
      {"view",
       "CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders "
       "GROUP BY customer_id;\n",
       kForgetful, "+ view public.order_totals (left behind by the rollback)"},
      // Half a rollback: the index goes, the column it was on stays.
      {"column of a dropped index",
       "ALTER TABLE orders ADD COLUMN placed_at timestamptz;\n"
       "CREATE INDEX orders_placed_idx ON orders (placed_at);\n",
       "DROP INDEX orders_placed_idx;\n",
       "+ column public.orders.placed_at (left behind by the rollback)"},
  };
  return kCases;
}

class PostgresVerify : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  // strata verify with the test database as the target: scratch databases are
  // made on its server. Checks that none is left and the target is untouched.
  RunResult Verify(std::vector<std::string> extra = {}) { return VerifyIn(dir_, std::move(extra)); }
  RunResult VerifyIn(const TempDir& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--url", db_.url(), "--dir",
                                     (dir.path() / "migrations").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("verify");
    const std::string log = (dir.path() / "verify").string();
    const pid_t pid = SpawnStrata(args, log);
    RunResult r;
    r.exit_code = WaitFor(pid);
    r.out = dir.Read("verify.out");
    r.err = dir.Read("verify.err");
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_database WHERE datname LIKE "
                         "'strata\\_shadow\\_" +
                         std::to_string(pid) + "\\_%'"),
              "0")
        << "a scratch database was left behind";
    EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                         "c.relnamespace WHERE n.nspname = 'public'"),
              "0")
        << "verify wrote into the target";
    return r;
  }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresVerify, ARollbackThatForgetsSomethingIsListedWithTheObjectAndTheRestGoesOn) {
  for (const BadRollback& c : PostgresCases()) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    WriteSeries(dir, c.up, c.down);
    RunResult r = VerifyIn(dir);
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("ok    001  orders\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("FAIL  002  change\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.expected), std::string::npos) << r.out;
    // What the rollback left makes the second apply fail; that is said too.
    EXPECT_NE(r.out.find("applying it again after its rollback failed: "), std::string::npos)
        << r.out;
    // Verification went on, from a database rebuilt up to 002.
    EXPECT_NE(r.out.find("ok    003  later\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 of 3 migration(s) fail verification.\n"), std::string::npos) << r.out;
  }
}

TEST_F(PostgresVerify, AGoodSeriesWithANonTransactionalIndexAndPhasesPasses) {
  WriteSeries(dir_,
              "-- strata:no-transaction\n"
              "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n",
              "DROP INDEX CONCURRENTLY orders_total_idx;\n");
  dir_.Write("migrations/004_email.sql",
             "-- strata:expand\n"
             "ALTER TABLE customers ADD COLUMN email text;\n"
             "-- strata:expand:down\n"
             "ALTER TABLE customers DROP COLUMN email;\n"
             "-- strata:migrate\n"
             "UPDATE customers SET email = id::text || '@example.com';\n"
             "-- strata:migrate:down\n"
             "UPDATE customers SET email = NULL;\n"
             "-- strata:contract\n"
             "CREATE UNIQUE INDEX customers_email ON customers (email);\n"
             "-- strata:contract:down\n"
             "DROP INDEX customers_email;\n");
  RunResult r = Verify();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ok    002  change\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ok    004  email\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("All 4 migration(s) roll back exactly"), std::string::npos) << r.out;
}

// Each phase's rollback must undo that phase alone: here the contract rollback
// also undoes what the expand rollback forgets, so the phases taken together
// would pass, but `down --phase expand` would leave the column behind.
TEST_F(PostgresVerify, EachPhaseIsVerifiedOnItsOwn) {
  WriteSeries(dir_, "CREATE TABLE extra (id int);\n", "DROP TABLE extra;\n");
  dir_.Write("migrations/004_email.sql",
             "-- strata:expand\n"
             "ALTER TABLE customers ADD COLUMN email text;\n"
             "-- strata:expand:down\n"
             "SELECT 1;\n"
             "-- strata:contract\n"
             "CREATE UNIQUE INDEX customers_email ON customers (email);\n"
             "-- strata:contract:down\n"
             "DROP INDEX customers_email;\n"
             "ALTER TABLE customers DROP COLUMN email;\n");
  RunResult r = Verify({"--json"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["migrations"].size(), 4u) << r.out;
  const nlohmann::json& email = j["migrations"][3];
  EXPECT_EQ(email["status"], "rollback_incomplete") << r.out;
  EXPECT_EQ(email["phase"], "expand") << r.out;
  RunResult text = Verify();
  EXPECT_NE(text.out.find("004  email (expand phase)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("+ column public.customers.email (left behind by the rollback)"),
            std::string::npos)
      << text.out;
}

TEST_F(PostgresVerify, AMigrationWithoutRollbackIsListedAndVerifyGoesOn) {
  WriteSeries(dir_, "CREATE TABLE extra (id int);\n", "");
  RunResult r = Verify({"--json"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["passed"], false);
  ASSERT_EQ(j["migrations"].size(), 3u);
  EXPECT_EQ(j["migrations"][1]["status"], "no_rollback");
  EXPECT_TRUE(j["migrations"][1]["rollback"].is_null());
  EXPECT_NE(
      j["migrations"][1]["error"]["message"].get<std::string>().find("rollback/002_rollback.sql"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(j["migrations"][2]["status"], "ok");
  EXPECT_EQ(j["counts"]["failed"], 1);
}

TEST_F(PostgresVerify, ARollbackThatDropsTooMuchIsReported) {
  WriteSeries(dir_, "CREATE TABLE extra (id int);\n", "DROP TABLE extra;\nDROP TABLE customers;\n");
  RunResult r = Verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("- table public.customers (removed by the rollback, though it was there "
                       "before the migration)"),
            std::string::npos)
      << r.out;
  // Applied again, the migration does not bring it back either.
  EXPECT_NE(r.out.find("- table public.customers (missing after applying it again)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ok    003  later\n"), std::string::npos) << r.out;
}

TEST_F(PostgresVerify, AFailingRollbackIsReportedAtItsLineAndAFailingMigrationStopsTheRun) {
  WriteSeries(dir_, "CREATE TABLE extra (id int);\n", "DROP TABLE extra;\nDROP TABLE nosuch;\n");
  RunResult down = Verify();
  EXPECT_EQ(down.exit_code, 3) << down.out << down.err;
  EXPECT_NE(down.out.find("its rollback failed: "), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("rollback/002_rollback.sql:2:"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("ok    003  later\n"), std::string::npos) << down.out;

  WriteSeries(dir_, "CREATE TABLE extra (id nosuchtype);\n", "DROP TABLE extra;\n");
  RunResult up = Verify();
  EXPECT_EQ(up.exit_code, 3) << up.out << up.err;
  EXPECT_NE(up.out.find("applying it failed: "), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("002_change.sql:1:"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("--    003  later  (not verified)\n"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("verification stopped at 002"), std::string::npos) << up.out;
}

TEST_F(PostgresVerify, TheSkmsExamplePassesOnAShadowServerWithoutItsTarget) {
  // The example's strata.toml names postgres://localhost/skms, which need not
  // exist: --shadow-url alone says where to work.
  const std::string example = (SourceDir() / "examples/skms-postgres").string();
  RunResult r =
      RunStrata({"--config", example + "/strata.toml", "verify", "--shadow-url", db_.url()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("All 7 migration(s) roll back exactly"), std::string::npos) << r.out;
}

class SqliteVerify : public ::testing::Test {
 protected:
  // With a config file: its settings; else the target app.db and `dir`'s migrations.
  RunResult Verify(const TempDir& dir, const std::string& config = "") {
    std::vector<std::string> args;
    if (config.empty()) {
      args = {"--url", "sqlite:" + target().string(), "--dir",
              (dir.path() / "migrations").string()};
    } else {
      args = {"--config", config};
    }
    args.push_back("verify");
    RunResult r = RunStrata(args, dir_.path());
    EXPECT_FALSE(std::filesystem::exists(target())) << "verify created the target database";
    return r;
  }
  std::filesystem::path target() const { return dir_.path() / "app.db"; }
  TempDir dir_;
};

TEST_F(SqliteVerify, ARollbackThatForgetsAnIndexOrAColumnIsListed) {
  const std::vector<BadRollback> cases = {
      {"index", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n", kForgetful,
       "+ index orders_customer_idx (left behind by the rollback)"},
      {"column", "ALTER TABLE orders ADD COLUMN note text;\n", kForgetful,
       "+ column orders.note (left behind by the rollback)"},
  };
  for (const BadRollback& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    WriteSeries(dir, c.up, c.down);
    RunResult r = Verify(dir);
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("FAIL  002  change\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.expected), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ok    003  later\n"), std::string::npos) << r.out;
  }
}

TEST_F(SqliteVerify, AGoodSeriesPassesAndRepeatablesAreSkipped) {
  WriteSeries(dir_, "CREATE INDEX orders_customer_idx ON orders (customer_id);\n",
              "DROP INDEX orders_customer_idx;\n");
  RunResult r = Verify(dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("All 3 migration(s) roll back exactly"), std::string::npos) << r.out;

  TempDir flyway;
  flyway.Write("migrations/V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  flyway.Write("migrations/U1__users.sql", "DROP TABLE users;\n");
  flyway.Write("migrations/R__names.sql",
               "DROP VIEW IF EXISTS names; CREATE VIEW names AS SELECT id FROM users;\n");
  RunResult f = RunStrata(
      {"--url", "sqlite::memory:", "--dir", (flyway.path() / "migrations").string(), "verify"});
  EXPECT_EQ(f.exit_code, 0) << f.out << f.err;
  EXPECT_NE(f.out.find("skip  R__names"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("(1 repeatable(s) skipped)"), std::string::npos) << f.out;
}

TEST_F(SqliteVerify, TheWorkflowExamplePassesWithoutCreatingItsDatabase) {
  const std::string example = (SourceDir() / "examples/workflow-sqlite").string();
  RunResult r = Verify(dir_, example + "/strata.toml");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("All 7 migration(s) roll back exactly"), std::string::npos) << r.out;
  // Its strata.toml names sqlite:workflow.db, relative to where strata runs.
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "workflow.db"));
}

}  // namespace
}  // namespace strata::testing
