// Input strata reads that is wrong: a strata.toml with unknown tables or keys or
// values of the wrong type or range, and history tables edited by hand. Each is
// an error naming the file or table, the place and the value (exit 2, bad
// input, in cli/exit_codes.h), never an abort, and nothing in the database changes.
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

struct BadConfig {
  std::string toml;                // strata.toml's text
  std::vector<std::string> words;  // what the message must hold
};

// Line 1 of each file is a comment, so that the line numbers are not all 1.
const BadConfig kBadConfigs[] = {
    {"# x\n[lint]\nonup = \"error\"\n",
     {"strata.toml:3:", "[lint] onup: unknown key", "did you mean on_up?"}},
    {"# x\n[run]\nlock_timeout = \"sixty\"\n",
     {"strata.toml:3:", "[run] lock_timeout = \"sixty\"",
      "whole number of seconds from 0 to 86400"}},
    {"# x\n[run]\nlock_timeout = -5\n",
     {"strata.toml:3:", "[run] lock_timeout = -5", "from 0 to 86400"}},
    {"# x\n[database]\nurl = 42\n",
     {"strata.toml:3:", "[database] url = 42", "a non-empty string"}},
    {"# x\n[run]\nlock_retries = 1e9\n",
     {"strata.toml:3:", "[run] lock_retries = 1e9", "a whole number from 0 to 1000"}},
    {"# x\n[run]\nlock_retries = 5000\n", {"strata.toml:3:", "lock_retries = 5000", "0 to 1000"}},
    {"# x\n[run]\nlock_timeout = true\n", {"strata.toml:3:", "lock_timeout = true"}},
    {"# x\n[database]\nconnect_timeout = 0\n",
     {"strata.toml:3:", "[database] connect_timeout = 0", "from 1 to 86400"}},
    {"# x\n[databse]\nurl = \"sqlite:other.db\"\n",
     {"strata.toml:2:", "[databse]: unknown table", "did you mean [database]?"}},
    {"# x\nurl = \"sqlite:other.db\"\n",
     {"strata.toml:2:", "url: unknown key outside any table", "[database]"}},
    {"# x\n[migrations]\ndir = \"migrations\"\nlayout = \"numberd\"\n",
     {"strata.toml:4:", "[migrations] layout = \"numberd\"", "did you mean numbered?"}},
    {"# x\n[migrations]\nlayot = \"numbered\"\n",
     {"strata.toml:3:", "[migrations] layot: unknown key", "did you mean layout?"}},
    {"# x\n[lint.rules]\ndrop-tabel = \"error\"\n",
     {"strata.toml:3:", "[lint.rules] drop-tabel: unknown key", "did you mean drop-table?"}},
    {"# x\n[lint.rules]\ndrop-table = \"fatal\"\n",
     {"strata.toml:3:", "[lint.rules] drop-table = \"fatal\"", "off, info, warning or error"}},
    {"# x\n[lint.naming]\nboolean_prefixes = [\"is_\", 3]\n",
     {"strata.toml:3:", "[lint.naming] boolean_prefixes holds 3", "an array of strings"}},
    {"# x\n[backup]\nbefore_aply = \"echo hi\"\n",
     {"strata.toml:3:", "[backup] before_aply: unknown key", "did you mean before_apply?"}},
    {"# x\n[rollback]\nmax_age_days = 3.5\n",
     {"strata.toml:3:", "[rollback] max_age_days = 3.5", "whole number of days"}},
    {"# x\n[drift]\nexclude = \"audit.*\"\n",
     {"strata.toml:3:", "[drift] exclude = \"audit.*\"", "an array of strings"}},
    {"# x\n[migrations]\ndir = \"\"\n", {"strata.toml:3:", "[migrations] dir = \"\""}},
    {"# x\nrun = 5\n", {"strata.toml:2:", "[run] must be a table, not 5"}},
    {"# x\n[run]\nparallel = 4\n",
     {"strata.toml:3:", "[run] parallel: unknown key (known keys: lock_timeout,"}},
    {"# x\n[backfill]\nstatement_timeout_ms = 100000000\n",
     {"strata.toml:3:", "statement_timeout_ms = 100000000", "from 0 to 86400000"}},
    {"# x\n[run]\nlock_timeout = 60\n\n[lint]\non_up = \"eror\"\n",
     {"strata.toml:6:", "[lint] on_up = \"eror\"", "did you mean error?"}},
};

TEST_F(BadInput, EveryBadConfigIsExit2NamingFileLineKeyAndValueAndChangesNothing) {
  for (const BadConfig& c : kBadConfigs) {
    dir_.Write("strata.toml", c.toml);
    for (const char* command : {"up", "status"}) {
      RunResult r = Strata({command});
      EXPECT_EQ(r.exit_code, kExitBadInput) << c.toml << r.err;
      for (const std::string& word : c.words) {
        EXPECT_NE(r.err.find(word), std::string::npos) << "want '" << word << "' for\n"
                                                       << c.toml << "got: " << r.err;
      }
    }
    // Not even a history table.
    EXPECT_EQ(Tables(), "kept") << c.toml;
  }
}

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
           "' WHERE key = 'format_version'");
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
