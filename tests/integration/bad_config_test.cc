// Input strata reads that is wrong, beyond the catalogue (catalogue_test.cc,
// which holds the bad strata.toml files): a value that holds a password, every
// known key accepted, and history tables edited by hand. Each is an error naming
// the file or table, the place and the value (exit 2, bad input, in
// cli/exit_codes.h), never an abort, and nothing in the database changes.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kExitBadInput = 2;  // cli/exit_codes.h

// A project directory with a SQLite database and one pending migration.
class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
    // The database exists, with a table of its own, before strata sees it.
    Scalar("CREATE TABLE kept (id INTEGER)");
  }
  fs::path db() const { return dir_.path() / "app.db"; }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", "sqlite:" + db().string()});
    return RunStrata(args, dir_.path());
  }
  std::string Scalar(const std::string& sql) { return SqliteScalar(db(), sql); }
  // Names of the database's tables, comma-separated.
  std::string Tables() {
    return Scalar(
        "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = "
        "'table' ORDER BY name)");
  }
  TempDir dir_;
};

TEST_F(BadInput, AValueThatHoldsAPasswordIsShownMasked) {
  dir_.Write("strata.toml", "[backup]\ndir = [\"postgres://u:s3cret@h/db\"]\n");
  RunResult r = Strata({"up"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_NE(r.err.find("[backup] dir = [\"postgres://u:********@h/db\"]"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
}

TEST_F(BadInput, EveryKeyStrataKnowsIsAccepted) {
  dir_.Write("strata.toml",
             "[database]\nurl = \"sqlite:ignored.db\"\nhistory_table = \"strata_schema_history\"\n"
             "history_schema = \"\"\n"
             "[migrations]\ndir = \"migrations\"\nstream = \"main\"\nlayout = \"numbered\"\n"
             "[run]\nlock_timeout = 0\nddl_lock_timeout_ms = 2000\nlock_retries = 1000\n"
             "retry_backoff_ms = 10000\n"
             "[backfill]\nstatement_timeout_ms = 0\n"
             "[lint]\non_up = \"off\"\n"
             "[lint.rules]\ndrop-table = \"warning\"\nnaming-plural-tables = \"off\"\n"
             "[lint.naming]\nindex_prefix = \"\"\nunique_prefix = \"uq_\"\n"
             "foreign_key_prefix = \"fk_\"\ncheck_prefix = \"ck_\"\nprimary_key_prefix = \"pk_\"\n"
             "timestamp_suffix = \"_at\"\nboolean_prefixes = []\n"
             "[drift]\nexclude = [\"audit.*\"]\n"
             "[backup]\ndir = \"backups\"\n"
             "[rollback]\nmax_age_days = 36500\n");
  RunResult r = Strata({"up"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Tables(),
            "a,kept,strata_schema_history,strata_schema_history_backfill,"
            "strata_schema_history_meta");
}

// std::stoi once ended strata with an uncaught exception here.
TEST_F(BadInput, AHandEditedHistoryFormatIsAnErrorNamingTheTableAndValue) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
  for (const char* value : {"x", "", "99999999999", "0"}) {
    Scalar(std::string("UPDATE strata_schema_history_meta SET value = '") + value +
           "' WHERE name = 'format_version'");
    RunResult up = Strata({"up"});
    EXPECT_EQ(up.exit_code, kExitBadInput) << value << ": " << up.err;
    EXPECT_NE(up.err.find("strata_schema_history_meta"), std::string::npos) << up.err;
    EXPECT_NE(up.err.find("format_version"), std::string::npos) << up.err;
    EXPECT_NE(up.err.find(std::string("'") + value + "'"), std::string::npos) << up.err;
    EXPECT_NE(up.err.find("edited by hand"), std::string::npos) << up.err;
    EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), "0");
  }
}

// std::stoll once ended strata here; SQLite keeps text in an INTEGER column.
TEST_F(BadInput, AHistoryRowWithTextForANumberIsAnErrorNamingItsCell) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  Scalar("UPDATE strata_schema_history SET execution_ms = 'fast'");
  // Every command that reads the column (status reads fewer).
  for (const char* command : {"history", "up", "validate", "down"}) {
    RunResult r = Strata({command});
    EXPECT_EQ(r.exit_code, kExitBadInput) << command << ": " << r.err;
    EXPECT_NE(r.err.find("strata_schema_history\".execution_ms (installed_rank 1): 'fast' is not "
                         "a whole number"),
              std::string::npos)
        << command << ": " << r.err;
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "1");  // not rolled back
  Scalar("UPDATE strata_schema_history SET execution_ms = 12, statements_done = '1.5'");
  RunResult history = Strata({"history"});
  EXPECT_EQ(history.exit_code, kExitBadInput) << history.err;
  EXPECT_NE(history.err.find("statements_done (installed_rank 1): '1.5'"), std::string::npos)
      << history.err;
}

// PostgreSQL keeps years past 9999, which strata's ISO-8601 times cannot show.
TEST(BadHistory, AnAppliedAtBeyondTheYear9999IsAnErrorNamingItsCell) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  TempDir dir;
  dir.Write("migrations/001_a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
  const std::vector<std::string> base = {"--url", db.url(), "--dir",
                                         (dir.path() / "migrations").string()};
  auto strata = [&](const std::string& command) {
    std::vector<std::string> args = base;
    args.push_back(command);
    return RunStrata(args, dir.path());
  };
  ASSERT_EQ(strata("up").exit_code, 0);
  db.Scalar("UPDATE strata_schema_history SET applied_at = '20000-01-01 00:00:00+00'");
  RunResult history = strata("history");
  EXPECT_EQ(history.exit_code, kExitBadInput) << history.err;
  EXPECT_NE(history.err.find("applied_at (installed_rank 1): "), std::string::npos) << history.err;
  EXPECT_NE(history.err.find("outside the years 0 to 9999"), std::string::npos) << history.err;
}

TEST_F(BadInput, InitWritesNoPasswordAndSaysWhereItGoes) {
  struct Case {
    std::string url, written;
  };
  const Case cases[] = {
      {"postgres://alice:s3cret@localhost/app", "url = \"postgres://alice@localhost/app\""},
      {"postgres://localhost/app?sslmode=disable&password=s3cret",
       "url = \"postgres://localhost/app?sslmode=disable\""},
      {"host=localhost password='s3cret' dbname=app", "url = \"host=localhost dbname=app\""},
  };
  for (const Case& c : cases) {
    TempDir project;
    RunResult init = RunStrata({"init", "--url", c.url}, project.path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_NE(init.err.find("PGPASSWORD, ~/.pgpass or STRATA_URL"), std::string::npos) << init.err;
    const std::string toml = project.Read("strata.toml");
    EXPECT_NE(toml.find(c.written), std::string::npos) << toml;
    EXPECT_EQ(toml.find("s3cret"), std::string::npos) << toml;
    EXPECT_EQ(toml.find("****"), std::string::npos) << toml;
    // What init writes passes the strict reading.
    RunResult next = RunStrata({"new", "add users"}, project.path());
    EXPECT_EQ(next.exit_code, 0) << next.err;
  }
  TempDir plain;
  RunResult init = RunStrata({"init", "--url", "postgres://alice@localhost/app"}, plain.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.err.find("password"), std::string::npos) << init.err;
}

}  // namespace
}  // namespace strata::testing
