// Migration sets written for other tools, run as a team moving to strata would
// run them: files that bring their own BEGIN ... COMMIT (psql, golang-migrate,
// sqitch), statements that cannot run in a transaction with no directive, and
// files with several blocks. Each set is applied by strata and, file by file,
// by the database's own client (psql -v ON_ERROR_STOP=1, sqlite3 -bail); the
// two schemas must be the same. Then down --all and up again.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// One migration of a set: its up and down SQL.
struct Change {
  std::string name;
  std::string up;
  std::string down;
};

// Three changes: a file wrapped in BEGIN ... COMMIT (on PostgreSQL with a DO
// check inside, as seed 002's example has); a file with a statement the
// database refuses in a transaction and no directive; a file of two blocks
// with a statement between them, the second block setting its isolation level.
std::vector<Change> Changes(bool postgres) {
  if (postgres) {
    return {
        {"create_accounts",
         "-- Author: dba@example.com\n"
         "BEGIN;\n"
         "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n"
         "DO $$\n"
         "BEGIN\n"
         "  IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'accounts') THEN\n"
         "    RAISE EXCEPTION 'accounts was not created';\n"
         "  END IF;\n"
         "END $$;\n"
         "COMMIT;\n",
         "BEGIN;\nDROP TABLE accounts;\nCOMMIT;\n"},
        {"accounts_email_unique",
         "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_uq ON accounts (email);\n",
         "DROP INDEX CONCURRENTLY accounts_email_uq;\n"},
        {"create_ledger",
         "BEGIN;\n"
         "CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES "
         "accounts (id), cents bigint NOT NULL);\n"
         "COMMIT;\n"
         "CREATE INDEX CONCURRENTLY ledger_account_idx ON ledger (account_id);\n"
         "BEGIN ISOLATION LEVEL SERIALIZABLE;\n"
         "INSERT INTO accounts VALUES (1, 'a@example.com');\n"
         "INSERT INTO ledger VALUES (1, 1, 500);\n"
         "COMMIT;\n",
         "BEGIN;\nDROP TABLE ledger;\nDELETE FROM accounts WHERE id = 1;\nCOMMIT;\n"},
    };
  }
  return {
      {"create_accounts",
       "-- Author: dba@example.com\n"
       "BEGIN TRANSACTION;\n"
       "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n"
       "END TRANSACTION;\n",
       "BEGIN;\nDROP TABLE accounts;\nCOMMIT;\n"},
      {"accounts_email_unique",
       "CREATE UNIQUE INDEX accounts_email_uq ON accounts (email);\nVACUUM;\n",
       "DROP INDEX accounts_email_uq;\n"},
      {"create_ledger",
       "BEGIN;\n"
       "CREATE TABLE ledger (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES "
       "accounts (id), cents INTEGER NOT NULL);\n"
       "COMMIT;\n"
       "CREATE INDEX ledger_account_idx ON ledger (account_id);\n"
       "BEGIN IMMEDIATE;\n"
       "INSERT INTO accounts VALUES (1, 'a@example.com');\n"
       "INSERT INTO ledger VALUES (1, 1, 500);\n"
       "COMMIT;\n",
       "BEGIN;\nDROP TABLE ledger;\nDELETE FROM accounts WHERE id = 1;\nCOMMIT;\n"},
  };
}

enum class Layout { kNumbered, kGolangMigrate };

// Writes `changes` under dir/migrations in `layout`; returns the up files in order.
std::vector<std::string> WriteSet(const TempDir& dir, const std::vector<Change>& changes,
                                  Layout layout) {
  std::vector<std::string> ups;
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change& c = changes[i];
    const std::string n = std::to_string(i + 1);
    std::string up, down;
    if (layout == Layout::kNumbered) {
      up = "migrations/00" + n + "_" + c.name + ".sql";
      down = "migrations/rollback/00" + n + "_rollback.sql";
    } else {
      up = "migrations/" + n + "_" + c.name + ".up.sql";
      down = "migrations/" + n + "_" + c.name + ".down.sql";
    }
    dir.Write(up, c.up);
    dir.Write(down, c.down);
    ups.push_back((dir.path() / up).string());
  }
  return ups;
}

class PeerStyles : public ::testing::TestWithParam<Layout> {};

class PostgresPeerStyles : public PeerStyles {
 protected:
  void SetUp() override {
    STRATA_REQUIRE_PG(db_);
    STRATA_REQUIRE_PG(by_psql_);
  }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return RunStrata(args);
  }
  PgDatabase db_;
  PgDatabase by_psql_;
  TempDir dir_;
};

TEST_P(PostgresPeerStyles, RunsAsPsqlRunsThemAndRollsBack) {
  const std::vector<std::string> ups = WriteSet(dir_, Changes(true), GetParam());
  RunResult dry = Strata({"up", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  for (const char* words :
       {"one transaction (the file's BEGIN ... COMMIT", "NO TRANSACTION: 'CREATE UNIQUE INDEX",
        "the file's own transactions as written: 2 BEGIN ... COMMIT block(s) and 1 statement(s)"}) {
    EXPECT_NE(dry.out.find(words), std::string::npos) << words << "\n" << dry.out;
  }
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT string_agg(transaction_mode, ',' ORDER BY installed_rank) FROM "
                       "strata_schema_history"),
            "wrapped,none,blocks");
  for (const std::string& file : ups) {
    RunResult psql = Psql(by_psql_.url(), file);
    ASSERT_EQ(psql.exit_code, 0) << file << ": " << psql.err;
  }
  RunResult ours = PgDumpSchema(db_.url());
  RunResult theirs = PgDumpSchema(by_psql_.url());
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  EXPECT_EQ(FirstDifference(ours.out, theirs.out), "");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM ledger"), "1");

  RunResult down = Strata({"down", "--all"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename "
                       "NOT LIKE 'strata%'"),
            "0");
  RunResult again = Strata({"up"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Layouts, PostgresPeerStyles,
                         ::testing::Values(Layout::kNumbered, Layout::kGolangMigrate));

// Seed 003's example shape: CREATE INDEX CONCURRENTLY inside the file's own
// BEGIN ... COMMIT, which PostgreSQL refuses. strata refuses it before anything
// runs, naming the line and the fix; the good migration after it is not run either.
TEST(PostgresPeerStylesRefused, ConcurrentlyInsideTheFilesBlockNamesTheLine) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  TempDir dir;
  const std::vector<std::string> args = {"--url", db.url(), "--dir",
                                         (dir.path() / "migrations").string(), "up"};
  dir.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  ASSERT_EQ(RunStrata(args).exit_code, 0);
  dir.Write(
      "migrations/002_b.sql",
      "BEGIN;\nCREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_id ON b (id);\nCOMMIT;\n");
  dir.Write("migrations/003_c.sql", "CREATE TABLE c (id int);\n");
  const RunResult before = PgDumpAll(db.url());
  RunResult up = RunStrata(args);
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_NE(up.err.find("002_b.sql:3:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("move it after the block's COMMIT"), std::string::npos) << up.err;
  EXPECT_EQ(FirstDifference(before.out, PgDumpAll(db.url()).out), "");
}

// psql's \ir: a migration that includes shared files (one including another)
// runs as psql -f runs it; an error inside an included file names that file and
// its line; editing an included file changes the migration's checksum.
TEST(PostgresPeerStylesPsql, IncludesRunAsPsqlRunsThem) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  PgDatabase by_psql;
  STRATA_REQUIRE_PG(by_psql);
  TempDir dir;
  dir.Write("migrations/001_schema.sql",
            "\\set ON_ERROR_STOP on\n"
            "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
            "\\ir shared/ledger.sql\n"
            "CREATE INDEX ledger_account_idx ON ledger (account_id);\n");
  dir.Write("migrations/shared/ledger.sql",
            "CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts);\n"
            "\\ir grants.sql\n");
  dir.Write("migrations/shared/grants.sql", "GRANT SELECT ON ledger TO PUBLIC;\n");
  const std::vector<std::string> base = {"--url", db.url(), "--dir",
                                         (dir.path() / "migrations").string()};
  auto strata = [&](const std::string& command) {
    std::vector<std::string> args = base;
    args.push_back(command);
    return RunStrata(args);
  };
  RunResult up = strata("up");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult psql = Psql(by_psql.url(), dir.path() / "migrations/001_schema.sql");
  ASSERT_EQ(psql.exit_code, 0) << psql.err;
  EXPECT_EQ(FirstDifference(PgDumpSchema(db.url()).out, PgDumpSchema(by_psql.url()).out), "");
  EXPECT_NE(PgDumpSchema(db.url()).out.find("GRANT SELECT ON TABLE public.ledger"),
            std::string::npos);

  dir.Write("migrations/shared/grants.sql", "GRANT SELECT, INSERT ON ledger TO PUBLIC;\n");
  EXPECT_EQ(strata("validate").exit_code, 3);
  dir.Write("migrations/002_more.sql", "\\ir shared/broken.sql\n");
  dir.Write("migrations/shared/broken.sql", "SELECT 1;\nALTER TABLE nowhere ADD COLUMN x int;\n");
  dir.Write("migrations/shared/grants.sql", "GRANT SELECT ON ledger TO PUBLIC;\n");
  RunResult failed = strata("up");
  EXPECT_EQ(failed.exit_code, 1) << failed.err;
  EXPECT_NE(failed.err.find("shared/broken.sql:2:"), std::string::npos) << failed.err;
}

// A set written for Flyway: V/U/R files, ${schema} placeholders from
// strata.toml, a concurrent index with no directive. Changing a placeholder's
// value does not make an applied migration "changed" (the checksums are the
// files', as Flyway's are).
TEST(PostgresPeerStylesFlyway, PlaceholdersFromStrataToml) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  TempDir dir;
  dir.Write("strata.toml", "[placeholders]\nschema = \"billing\"\nreader = \"PUBLIC\"\n");
  dir.Write("migrations/V1__create_invoices.sql",
            "CREATE SCHEMA ${schema};\n"
            "CREATE TABLE ${schema}.invoices (id bigint PRIMARY KEY, cents bigint NOT NULL);\n");
  dir.Write("migrations/U1__create_invoices.sql", "DROP SCHEMA ${schema} CASCADE;\n");
  dir.Write("migrations/V2__invoices_cents_index.sql",
            "CREATE INDEX CONCURRENTLY invoices_cents_idx ON ${schema}.invoices (cents);\n");
  dir.Write("migrations/R__grants.sql", "GRANT USAGE ON SCHEMA ${schema} TO ${reader};\n");
  auto strata = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db.url()});
    return RunStrata(args, dir.path());
  };
  RunResult up = strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'billing' AND indexname "
                      "= 'invoices_cents_idx'"),
            "1");
  EXPECT_EQ(db.Scalar("SELECT string_agg(transaction_mode, ',' ORDER BY installed_rank) FROM "
                      "strata_schema_history"),
            "single,none,single");
  dir.Write("strata.toml", "[placeholders]\nschema = \"accounts\"\nreader = \"PUBLIC\"\n");
  EXPECT_EQ(strata({"validate"}).exit_code, 0);
  dir.Write("strata.toml", "[placeholders]\nschema = \"billing\"\n");
  RunResult missing = strata({"up"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("R__grants.sql:1:"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("${reader} has no value"), std::string::npos) << missing.err;
}

class SqlitePeerStyles : public PeerStyles {
 protected:
  std::string db() const { return (dir_.path() / "app.db").string(); }
  std::string by_client() const { return (dir_.path() / "client.db").string(); }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"--url", "sqlite:" + db(), "--dir", (dir_.path() / "migrations").string()});
    return RunStrata(args);
  }
  // The schema without strata's tables, one object a line, in name order.
  static std::string Schema(const std::string& file) {
    return SqliteScalar(
        file,
        "SELECT group_concat(type || ' ' || name || ': ' || sql, char(10)) FROM "
        "(SELECT * FROM sqlite_schema WHERE name NOT LIKE 'strata%' ORDER BY name)");
  }
  TempDir dir_;
};

TEST_P(SqlitePeerStyles, RunsAsTheSqliteShellRunsThemAndRollsBack) {
  const std::vector<std::string> ups = WriteSet(dir_, Changes(false), GetParam());
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(SqliteScalar(db(),
                         "SELECT group_concat(transaction_mode, ',') FROM (SELECT "
                         "transaction_mode FROM strata_schema_history ORDER BY "
                         "installed_rank)"),
            "wrapped,none,blocks");
  for (const std::string& file : ups) {
    RunResult shell = RunTool({"sqlite3", "-bail", by_client()}, file);
    ASSERT_EQ(shell.exit_code, 0) << file << ": " << shell.err;
  }
  EXPECT_EQ(FirstDifference(Schema(db()), Schema(by_client())), "");
  EXPECT_NE(Schema(db()), "");
  EXPECT_EQ(SqliteScalar(db(), "SELECT count(*) FROM ledger"), "1");

  RunResult down = Strata({"down", "--all"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(Schema(db()), "");
  RunResult again = Strata({"up"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Layouts, SqlitePeerStyles,
                         ::testing::Values(Layout::kNumbered, Layout::kGolangMigrate));

TEST(SqlitePeerStylesRefused, AFileThatRollsBackItsOwnWorkNamesTheLine) {
  TempDir dir;
  const std::string db = (dir.path() / "app.db").string();
  dir.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);\n");
  dir.Write("migrations/002_b.sql", "BEGIN;\nCREATE TABLE b (id INTEGER);\nROLLBACK;\n");
  RunResult up =
      RunStrata({"--url", "sqlite:" + db, "--dir", (dir.path() / "migrations").string(), "up"});
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_NE(up.err.find("002_b.sql:3:1"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("would undo the work before it"), std::string::npos) << up.err;
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')"), "0");
}

// Seed 003's template, read in place: its phases run in order, its rollback
// never runs with up (it did, as part of the up script, before strata knew the
// template), and down undoes the whole file.
TEST(SqlitePeerStylesTemplate, PhasesRunAndTheRollbackWaitsForDown) {
  TempDir dir;
  const std::string db = (dir.path() / "app.db").string();
  const std::vector<std::string> base = {"--url", "sqlite:" + db, "--dir",
                                         (dir.path() / "migrations").string()};
  auto strata = [&](std::vector<std::string> args) {
    args.insert(args.begin(), base.begin(), base.end());
    return RunStrata(args);
  };
  dir.Write("migrations/20251120_150000_schema_add_preferences.sql",
            "-- Migration: user preferences\n"
            "-- ID: 20251120_150000_schema_add_preferences\n"
            "-- Database: sqlite\n"
            "-- Created: 2025-11-20\n"
            "-- Breaking: false\n"
            "\n"
            "-- Phase 1: EXPAND\n"
            "BEGIN;\n"
            "CREATE TABLE preferences (id INTEGER PRIMARY KEY, body TEXT);\n"
            "COMMIT;\n"
            "\n"
            "-- Phase 2: MIGRATE (optional)\n"
            "-- Data migration logic\n"
            "\n"
            "-- Phase 3: CONTRACT (optional)\n"
            "CREATE INDEX preferences_body ON preferences (body);\n"
            "\n"
            "-- Rollback: drop the preferences table\n"
            "BEGIN;\n"
            "DROP TABLE preferences;\n"
            "COMMIT;\n"
            "\n"
            "-- Validation:\n"
            "-- SELECT COUNT(*) FROM preferences; -- should be 0\n");
  RunResult up = strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(SqliteScalar(db,
                         "SELECT count(*) FROM sqlite_schema WHERE name IN ('preferences', "
                         "'preferences_body')"),
            "2");
  EXPECT_EQ(SqliteScalar(db,
                         "SELECT group_concat(phase, ',') FROM (SELECT phase FROM "
                         "strata_schema_history ORDER BY installed_rank)"),
            "expand,contract");
  // The template's headers are kept in each row, and `history` shows them.
  EXPECT_EQ(SqliteScalar(db,
                         "SELECT group_concat(header_id || '|' || header_database || '|' || "
                         "header_created, ',') FROM strata_schema_history"),
            "20251120_150000_schema_add_preferences|sqlite|2025-11-20,"
            "20251120_150000_schema_add_preferences|sqlite|2025-11-20");
  RunResult history = strata({"--json", "history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(nlohmann::json::parse(history.out)[0]["header_id"],
            "20251120_150000_schema_add_preferences");
  EXPECT_NE(strata({"history"}).out.find("id: 20251120_150000_schema_add_preferences"),
            std::string::npos);
  // One down undoes both phases, newest first: contract with nothing to run,
  // then expand with the template's rollback.
  RunResult down = strata({"down"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'preferences'"), "0");
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM strata_schema_history"), "0");
}

}  // namespace
}  // namespace strata::testing
