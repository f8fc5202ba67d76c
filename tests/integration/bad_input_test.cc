// strata up on input it must not misread (issue 16), beyond the catalogue
// (catalogue_test.cc): a migrations path that is a file, and the spellings that
// must keep working.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBase = "CREATE TABLE base (id INTEGER PRIMARY KEY);\n";
constexpr const char* kTable = "CREATE TABLE a (id INTEGER PRIMARY KEY, b INTEGER);\n";

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
