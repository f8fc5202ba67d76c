// sqitch projects read in place (source/sqitch.h): a small project of our own
// (a rework after a tag, verify scripts, reverts) applied by strata up on
// PostgreSQL and SQLite. On PostgreSQL the real sqitch deploys the same
// project into another database and the two schemas must be the same. A
// verify script that fails stops up, as sqitch deploy --verify stops.
#include <gtest/gtest.h>

#include <string>
#include <system_error>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

constexpr const char* kPlanner = " Ann Planner <ann@example.com>";

// The plan: appschema, customers, orders, tag @v1.0, customers reworked;
// `failing` adds prices, whose verify script fails (1/COUNT(*) of no rows).
std::string Plan(bool postgres, bool failing) {
  std::string plan =
      "%syntax-version=1.0.0\n"
      "%project=shop\n"
      "%uri=https://example.com/shop/\n"
      "\n";
  if (postgres)
    plan += std::string("appschema 2024-01-01T00:00:00Z") + kPlanner + " # The schema\n";
  plan += std::string("customers") + (postgres ? " [appschema]" : "") + " 2024-01-02T00:00:00Z" +
          kPlanner + " # Customers\n";
  plan += std::string("orders [customers] 2024-01-03T00:00:00Z") + kPlanner + "\n";
  plan += std::string("@v1.0 2024-01-04T00:00:00Z") + kPlanner + " # First release\n";
  plan += std::string("customers [customers@v1.0] 2024-02-01T00:00:00Z") + kPlanner +
          " # Customers get an email\n";
  if (failing) plan += std::string("prices [orders] 2024-02-02T00:00:00Z") + kPlanner + "\n";
  return plan;
}

void WriteProject(const TempDir& dir, bool postgres, bool failing) {
  const std::string p = postgres ? "app." : "";
  dir.Write("shop/sqitch.plan", Plan(postgres, failing));
  // Settings sqitch reads; strata reads only where the files are.
  dir.Write("shop/sqitch.conf", std::string("[core]\n\tengine = ") + (postgres ? "pg" : "sqlite") +
                                    "\n\t# top_dir = .\n");
  if (postgres) {
    dir.Write("shop/deploy/appschema.sql",
              "-- Deploy shop:appschema to pg\n\nBEGIN;\n\nCREATE SCHEMA app;\n\nCOMMIT;\n");
    dir.Write("shop/revert/appschema.sql", "BEGIN;\nDROP SCHEMA app;\nCOMMIT;\n");
    dir.Write("shop/verify/appschema.sql",
              "BEGIN;\nSELECT pg_catalog.has_schema_privilege('app', 'usage');\nROLLBACK;\n");
  }
  const std::string bigint = postgres ? "bigint" : "INTEGER";
  dir.Write("shop/deploy/customers@v1.0.sql",
            "-- Deploy shop:customers\n-- requires: appschema\n\nBEGIN;\n\nCREATE TABLE " + p +
                "customers (\n  id " + bigint +
                " PRIMARY KEY,\n  name text NOT NULL\n);\n\n"
                "COMMIT;\n");
  dir.Write("shop/revert/customers@v1.0.sql", "BEGIN;\nDROP TABLE " + p + "customers;\nCOMMIT;\n");
  dir.Write("shop/verify/customers@v1.0.sql",
            "BEGIN;\n\nSELECT id, name\n  FROM " + p + "customers\n WHERE FALSE;\n\nROLLBACK;\n");
  dir.Write("shop/deploy/orders.sql",
            "BEGIN;\nCREATE TABLE " + p + "orders (\n  id " + bigint +
                " PRIMARY KEY,\n  customer_id " + bigint + " NOT NULL REFERENCES " + p +
                "customers (id),\n  cents " + bigint + " NOT NULL\n);\nCOMMIT;\n");
  dir.Write("shop/revert/orders.sql", "BEGIN;\nDROP TABLE " + p + "orders;\nCOMMIT;\n");
  dir.Write("shop/verify/orders.sql",
            "BEGIN;\nSELECT id, customer_id, cents FROM " + p + "orders WHERE FALSE;\nROLLBACK;\n");
  dir.Write("shop/deploy/customers.sql",
            "-- Deploy shop:customers (reworked)\nBEGIN;\nALTER TABLE " + p +
                "customers ADD COLUMN email text;\nCREATE UNIQUE INDEX customers_email_uq ON " + p +
                "customers (email);\nCOMMIT;\n");
  dir.Write("shop/revert/customers.sql", "BEGIN;\nDROP INDEX " + p +
                                             "customers_email_uq;\nALTER TABLE " + p +
                                             "customers DROP COLUMN email;\nCOMMIT;\n");
  dir.Write("shop/verify/customers.sql",
            "BEGIN;\nSELECT email FROM " + p + "customers WHERE FALSE;\nROLLBACK;\n");
  if (failing) {
    dir.Write("shop/deploy/prices.sql", "BEGIN;\nCREATE TABLE " + p + "prices (id " + bigint +
                                            " PRIMARY KEY, cents " + bigint + ");\nCOMMIT;\n");
    dir.Write("shop/revert/prices.sql", "DROP TABLE " + p + "prices;\n");
    // sqitch's idiom for "has rows": a division by zero when it has none.
    // (SQLite divides by zero into NULL, so there the column is what is missing.)
    dir.Write("shop/verify/prices.sql",
              postgres ? "BEGIN;\nSELECT id FROM app.prices WHERE FALSE;\nSELECT 1/COUNT(*) FROM "
                         "app.prices;\nROLLBACK;\n"
                       : "BEGIN;\nSELECT id FROM prices WHERE 0;\nSELECT currency FROM prices "
                         "WHERE 0;\nROLLBACK;\n");
  }
}

// The real sqitch, with its configuration kept out of the user's files.
RunResult Sqitch(const TempDir& dir, const std::vector<std::string>& args) {
  const std::string home = (dir.path() / "home").string();
  const std::string none = (dir.path() / "home" / "none.conf").string();
  std::vector<std::string> argv = {"env",
                                   "HOME=" + home,
                                   "SQITCH_USER_CONFIG=" + none,
                                   "SQITCH_SYSTEM_CONFIG=" + none,
                                   "SQITCH_FULLNAME=strata test",
                                   "SQITCH_EMAIL=test@example.com",
                                   "sqitch",
                                   "--chdir",
                                   (dir.path() / "shop").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunTool(argv);
}

// "db:pg://user@host:port/name" for a postgres:// URL.
std::string SqitchTarget(const std::string& url) {
  const std::string scheme = url.starts_with("postgresql://") ? "postgresql://" : "postgres://";
  return "db:pg://" + url.substr(scheme.size());
}

class PostgresSqitch : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "shop").string()});
    return RunStrata(args);
  }
  std::string History() {
    return db_.Scalar(
        "SELECT string_agg(version || ' ' || description || ' ' || transaction_mode, ', ' "
        "ORDER BY installed_rank) FROM strata_schema_history");
  }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresSqitch, UpBuildsWhatSqitchDeployBuildsAndDownRevertsIt) {
  WriteProject(dir_, true, false);
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(History(),
            "1 appschema wrapped, 2 customers@v1.0 wrapped, 3 orders wrapped, 4 customers wrapped");
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);

  STRATA_REQUIRE_PEER(sqitch, "sqitch");  // Sqitch() runs it from PATH
  PgDatabase by_sqitch;
  STRATA_REQUIRE_PG(by_sqitch);
  RunResult deploy = Sqitch(dir_, {"deploy", "--verify", SqitchTarget(by_sqitch.url())});
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  // sqitch's registry is its own business.
  by_sqitch.Scalar("DROP SCHEMA sqitch CASCADE");
  RunResult ours = PgDumpSchema(db_.url());
  RunResult theirs = PgDumpSchema(by_sqitch.url());
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
  EXPECT_NE(ours.out.find("customers_email_uq"), std::string::npos) << ours.out;
  EXPECT_EQ(FirstDifference(ours.out, theirs.out), "");

  // down reverts the reworked change with revert/customers.sql, as sqitch revert would.
  RunResult down = Strata({"down"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                       "'app' AND table_name = 'customers' AND column_name = 'email'"),
            "0");
  PgDatabase reverted;  // sqitch deploy, then sqitch revert to the tag
  STRATA_REQUIRE_PG(reverted);
  deploy = Sqitch(dir_, {"deploy", SqitchTarget(reverted.url())});
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  RunResult revert = Sqitch(dir_, {"revert", "-y", "--to", "@v1.0", SqitchTarget(reverted.url())});
  ASSERT_EQ(revert.exit_code, 0) << revert.out << revert.err;
  reverted.Scalar("DROP SCHEMA sqitch CASCADE");
  EXPECT_EQ(FirstDifference(PgDumpSchema(db_.url()).out, PgDumpSchema(reverted.url()).out), "");

  RunResult all = Strata({"down", "--all"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"), "0");
  RunResult again = Strata({"up"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
}

// sqitch itself deploys up to the tag (the reworked change's first instance
// included); strata adopts its registry, then applies only the rework.
TEST_F(PostgresSqitch, AdoptsWhatSqitchDeployedAndAppliesTheRest) {
  STRATA_REQUIRE_PEER(sqitch, "sqitch");  // Sqitch() runs it from PATH
  WriteProject(dir_, true, false);
  RunResult deploy = Sqitch(dir_, {"deploy", "--to", "@v1.0", SqitchTarget(db_.url())});
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  RunResult refused = Strata({"up"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("holds sqitch's migration history"), std::string::npos) << refused.err;
  RunResult adopt = Strata({"adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  EXPECT_NE(adopt.out.find("sqitch.changes shop:customers"), std::string::npos) << adopt.out;
  EXPECT_NE(adopt.out.find("not applied by sqitch (1): 4"), std::string::npos) << adopt.out;
  EXPECT_EQ(db_.Scalar("SELECT applied_by FROM strata_schema_history WHERE version = '2'"),
            "strata test <test@example.com>");
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(History(), "1 appschema , 2 customers@v1.0 , 3 orders , 4 customers wrapped");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM sqitch.changes"), "3");
  // An edited deploy script no longer has the hash sqitch kept: refused until accepted.
  PgDatabase edited;
  STRATA_REQUIRE_PG(edited);
  deploy = Sqitch(dir_, {"deploy", "--to", "orders", SqitchTarget(edited.url())});
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  dir_.Write("shop/deploy/orders.sql", dir_.Read("shop/deploy/orders.sql") + "-- reviewed\n");
  const std::vector<std::string> on_edited = {"--url", edited.url(), "--dir",
                                              (dir_.path() / "shop").string(), "adopt"};
  RunResult changed = RunStrata(on_edited);
  EXPECT_EQ(changed.exit_code, 3) << changed.out << changed.err;
  EXPECT_NE(changed.out.find("deploy/orders.sql: sqitch.changes shop:orders: the file changed"),
            std::string::npos)
      << changed.out;
}

TEST_F(PostgresSqitch, AFailingVerifyStopsUpAsItStopsSqitchDeploy) {
  WriteProject(dir_, true, true);
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find("verify/prices.sql:3:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("division by zero"), std::string::npos) << up.err;
  // The changes before it stay; prices was rolled back with its transaction.
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history WHERE state = 'applied'"), "4");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename = "
                       "'prices'"),
            "0");

  STRATA_REQUIRE_PEER(sqitch, "sqitch");  // Sqitch() runs it from PATH
  PgDatabase by_sqitch;
  STRATA_REQUIRE_PG(by_sqitch);
  RunResult deploy = Sqitch(dir_, {"deploy", "--verify", SqitchTarget(by_sqitch.url())});
  EXPECT_NE(deploy.exit_code, 0) << deploy.out << deploy.err;
  EXPECT_EQ(by_sqitch.Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND "
                             "tablename = 'prices'"),
            "0");
}

class SqliteSqitch : public ::testing::Test {
 protected:
  std::string db() const { return (dir_.path() / "app.db").string(); }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"--url", "sqlite:" + db(), "--dir", (dir_.path() / "shop").string()});
    return RunStrata(args);
  }
  std::string Scalar(const std::string& sql) const { return SqliteScalar(db(), sql); }
  TempDir dir_;
};

TEST_F(SqliteSqitch, UpRunsThePlanAndDownRevertsIt) {
  WriteProject(dir_, false, false);
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(Scalar("SELECT group_concat(version || ' ' || description, ', ') FROM (SELECT * FROM "
                   "strata_schema_history ORDER BY installed_rank)"),
            "1 customers@v1.0, 2 orders, 3 customers");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'customers_email_uq'"), "1");
  RunResult down = Strata({"down"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'email'"),
            "0");
  RunResult all = Strata({"down", "--all"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(
      Scalar("SELECT group_concat(name) FROM sqlite_schema WHERE tbl_name NOT LIKE 'strata%'"), "");
}

// sqitch on SQLite keeps its registry in sqitch.db beside the database: strata
// reads it there, adopts what sqitch deployed, and applies the rest.
TEST_F(SqliteSqitch, AdoptsTheRegistryBesideTheDatabase) {
  STRATA_REQUIRE_PEER(sqitch, "sqitch");  // Sqitch() runs it from PATH
  WriteProject(dir_, false, false);
  RunResult deploy = Sqitch(dir_, {"deploy", "--to", "@v1.0", "db:sqlite:" + db()});
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  std::error_code error;
  ASSERT_TRUE(std::filesystem::exists(dir_.path() / "sqitch.db", error)) << error.message();
  RunResult refused = Strata({"up"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("holds sqitch's migration history"), std::string::npos) << refused.err;
  RunResult up = Strata({"up", "--adopt"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_NE(up.out.find("not applied by sqitch (1): 3"), std::string::npos) << up.out;
  EXPECT_EQ(Scalar("SELECT group_concat(version || ' ' || description, ', ') FROM (SELECT * FROM "
                   "strata_schema_history ORDER BY installed_rank)"),
            "1 customers@v1.0, 2 orders, 3 customers");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'customers_email_uq'"), "1");
  // The registry is read, not kept attached: nothing of it lands in the database.
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'changes'"), "0");
}

TEST_F(SqliteSqitch, AFailingVerifyStopsUp) {
  WriteProject(dir_, false, true);
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 3) << up.err;
  EXPECT_NE(up.err.find("verify/prices.sql:3:1"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history"), "3");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'prices'"), "0");
}

TEST(SqitchPlanErrors, ABadPlanLineIsNamed) {
  TempDir dir;
  dir.Write("shop/sqitch.plan",
            "%syntax-version=1.0.0\n%projet=shop\n\nusers 2024-01-01T00:00:00Z A <a@b>\n");
  RunResult status = RunStrata({"--url", "sqlite:" + (dir.path() / "app.db").string(), "--dir",
                                (dir.path() / "shop").string(), "up"});
  EXPECT_EQ(status.exit_code, 2);
  EXPECT_NE(status.err.find("sqitch.plan:2:1"), std::string::npos) << status.err;
  EXPECT_NE(status.err.find("did you mean %project?"), std::string::npos) << status.err;
}

}  // namespace
}  // namespace strata::testing
