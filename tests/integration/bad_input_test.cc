// strata up on input it must not misread (issue 16): a misspelled directive or
// option, a NUL byte, a migrations entry that cannot be read. Each stops the run
// with exit 2 before anything runs, naming file:line and the nearest spelling.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBase = "CREATE TABLE base (id INTEGER PRIMARY KEY);\n";
constexpr const char* kTable = "CREATE TABLE a (id INTEGER PRIMARY KEY, b INTEGER);\n";

struct Case {
  const char* name;
  // Files under the project directory (beside migrations/000_base.sql, which is fine).
  std::vector<std::pair<std::string, std::string>> files;
  // Words the error must hold: the file and line, the suggestion.
  std::vector<std::string> words;
  // Anything else to make in the project directory.
  std::function<void(const TempDir&)> make = nullptr;
};

std::vector<Case> Cases() {
  return {
      {"misspelled down marker",
       {{"migrations/001_a.sql", std::string(kTable) + "-- strata:donw\nDROP TABLE a;\n"}},
       {"001_a.sql:2:1", "'-- strata:donw'", "did you mean -- strata:down?"}},
      {"misspelled dbmate down marker",
       {{"migrations/001_a.sql",
         std::string("-- migrate:up\n") + kTable + "-- migrate:dwn\nDROP TABLE a;\n"}},
       {"001_a.sql:3:1", "did you mean -- migrate:down?"}},
      {"misspelled check",
       {{"migrations/001_a.sql",
         std::string(kTable) + "-- strata:chek pre critical expect=0\nSELECT count(*) FROM a;\n"}},
       {"001_a.sql:2:1", "did you mean -- strata:check?"}},
      {"misspelled check option",
       {{"migrations/001_a.sql",
         std::string("-- strata:check pre critcal expect=0\nSELECT 0;\n") + kTable}},
       {"001_a.sql:1:1", "'critcal' is not an option of -- strata:check",
        "did you mean critical?"}},
      {"misspelled no-transaction",
       {{"migrations/001_a.sql", std::string("-- strata:no-transation\n") + kTable}},
       {"001_a.sql:1:1", "did you mean -- strata:no-transaction?"}},
      {"misspelled backfill option",
       {{"migrations/001_a.sql", std::string(kTable) +
                                     "-- strata:backfill table=a key=id batch=10 pasue=5\n"
                                     "UPDATE a SET b = 1 WHERE id > :lo AND id <= :hi;\n"}},
       {"001_a.sql:2:1", "did you mean pause=5?"}},
      {"misspelled dbmate transaction option",
       {{"migrations/001_a.sql", std::string("-- migrate:up transaction:flase\n") + kTable}},
       {"001_a.sql:1:1", "did you mean transaction:false?"}},
      {"misspelled phase rollback marker",
       {{"migrations/001_a.sql",
         std::string("-- strata:expand\n") + kTable + "-- strata:expnad:down\nDROP TABLE a;\n"}},
       {"001_a.sql:3:1", "did you mean -- strata:expand:down?"}},
      {"misspelled directive in a rollback file",
       {{"migrations/001_a.sql", kTable},
        {"migrations/rollback/001_rollback.sql",
         "-- strata:lint-ingore drop-table ok\nDROP TABLE a;\n"}},
       {"rollback/001_rollback.sql:1:1", "did you mean -- strata:lint-ignore?"}},
      {"NUL byte",
       {{"migrations/001_a.sql", std::string(kTable) + std::string("SELECT '\0';\n", 12)}},
       {"001_a.sql:2:9", "NUL byte (byte 60)"}},
      {"rollback that is a file",
       {{"migrations/001_a.sql", kTable}, {"migrations/rollback", "DROP TABLE a;\n"}},
       {"migrations/rollback:", "not a directory"}},
      {"migration that is a link to nothing",
       {{"migrations/001_a.sql", kTable}},
       {"002_b.sql:", "a symbolic link to", "which does not exist"},
       [](const TempDir& d) {
         fs::create_symlink(d.path() / "gone.sql", d.path() / "migrations/002_b.sql");
       }},
  };
}

TEST(BadInput, UpStopsWithExit2BeforeAnythingRuns) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    dir.Write("migrations/000_base.sql", kBase);
    for (const auto& [path, content] : c.files) dir.Write(path, content);
    if (c.make) c.make(dir);
    const std::string db = (dir.path() / "app.db").string();
    const RunResult up =
        RunStrata({"--url", "sqlite:" + db, "--dir", (dir.path() / "migrations").string(), "up"});
    EXPECT_EQ(up.exit_code, 2) << up.out << up.err;
    for (const std::string& w : c.words) {
      EXPECT_NE(up.err.find(w), std::string::npos) << "'" << w << "' not in: " << up.err;
    }
    // Nothing ran: neither 000_base nor a history table.
    EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema"), "0");
  }
}

TEST(BadInput, MigrationsPathThatIsAFileIsExit2) {
  TempDir dir;
  dir.Write("migrations", kBase);
  const std::string db = (dir.path() / "app.db").string();
  const RunResult up =
      RunStrata({"--url", "sqlite:" + db, "--dir", (dir.path() / "migrations").string(), "up"});
  EXPECT_EQ(up.exit_code, 2) << up.out << up.err;
  EXPECT_NE(up.err.find("not a directory"), std::string::npos) << up.err;
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema"), "0");
}

TEST(BadInput, WellSpelledDirectivesStillRun) {
  TempDir dir;
  dir.Write("migrations/001_a.sql",
            std::string("-- migrate:up TRANSACTION:false\n") + kTable +
                "-- strata:check post critical expect=0\nSELECT count(*) FROM a;\n"
                "-- migrate:down\nDROP TABLE a;\n");
  const std::string db = (dir.path() / "app.db").string();
  const RunResult up =
      RunStrata({"--url", "sqlite:" + db, "--dir", (dir.path() / "migrations").string(), "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "1");
}

}  // namespace
}  // namespace strata::testing
