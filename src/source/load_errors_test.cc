// LoadDirectory never misreads what it cannot read (issue 16): a misspelled
// directive in any file, a NUL byte, a directory or file that cannot be read are
// errors before anything runs, not a migration skipped or a section run as up.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "source/directory.h"
#include "source/load_test_util.h"

namespace strata::source {
namespace {

namespace fs = std::filesystem;

using testing::ExpectInvalid;
using testing::Load;
using testing::TempDir;

TEST(LoadErrors, MisspelledDirectiveInAnyFileIsAnError) {
  struct Case {
    const char* file;  // the file that holds the misspelling
    const char* text;
    int line;
    const char* suggestion;
  };
  const Case cases[] = {
      {"001_a.sql", "CREATE TABLE a (id int);\n-- strata:donw\nDROP TABLE a;\n", 2,
       "-- strata:down?"},
      {"001_a.sql", "-- strata:up\nA;\n-- strata:down\n-- strata:chek pre expect=0\nSELECT 0;\n", 4,
       "-- strata:check?"},
      {"001_a.sql", "-- strata:expand\nA;\n-- strata:expand:dwon\nB;\n", 3,
       "-- strata:expand:down?"},
      {"001_a.sql", "-- strata:no-transation\nCREATE INDEX CONCURRENTLY i ON a (id);\n", 1,
       "-- strata:no-transaction?"},
      {"rollback/001_rollback.sql",
       "-- strata:check post critcal expect=0\nSELECT 0;\nDROP TABLE a;\n", 1, "critical?"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    TempDir t;
    if (std::string(c.file) != "001_a.sql") t.Write("001_a.sql", "CREATE TABLE a (id int);\n");
    t.Write(c.file, c.text);
    const Result<MigrationSet> r = Load(t);
    ExpectInvalid(r, t.Path(c.file), "did you mean");
    EXPECT_EQ(r.status().context().line, c.line);
    EXPECT_NE(r.status().message().find(c.suggestion), std::string::npos) << r.status().ToString();
  }
}

TEST(LoadErrors, DbmateTransactionOptionIsReadOnlyWhenSpelledRight) {
  TempDir t;
  t.Write("001_a.sql", "-- migrate:up TRANSACTION:FALSE\nA;\n-- migrate:down\nB;\n");
  const Result<MigrationSet> r = Load(t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->migrations[0].meta.no_transaction);
  t.Write("001_a.sql", "-- migrate:up transaction:flase\nA;\n");
  ExpectInvalid(Load(t), t.Path("001_a.sql"), "did you mean transaction:false?");
}

TEST(LoadErrors, NulByteNamesTheLineAndTheByte) {
  for (const char* file : {"001_a.sql", "rollback/001_rollback.sql"}) {
    SCOPED_TRACE(file);
    TempDir t;
    t.Write("001_a.sql", "SELECT 1;\n");
    t.Write(file, std::string("SELECT 1;\nSELECT '\0';\n", 22));
    const Result<MigrationSet> r = Load(t);
    ExpectInvalid(r, t.Path(file), "NUL byte (byte 18)");
    EXPECT_EQ(r.status().context().line, 2);
    EXPECT_EQ(r.status().context().column, 9);
  }
}

TEST(LoadErrors, SqlEntriesThatAreNotFilesAreErrors) {
  struct Case {
    const char* entry;
    std::function<void(const TempDir&, const std::string&)> make;
    const char* words;
  };
  const auto dangling = [](const TempDir& t, const std::string& path) {
    fs::create_symlink(t.Path("nowhere.sql"), path);
  };
  const auto directory = [](const TempDir&, const std::string& path) {
    fs::create_directories(path);
  };
  const Case cases[] = {
      {"002_dangling.sql", dangling, "which does not exist"},
      {"rollback/001_rollback.sql", dangling, "which does not exist"},
      {"002_a_directory.sql", directory, "a directory named like a migration file"},
      {"rollback/001_rollback.sql", directory, "a directory named like a migration file"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.entry);
    TempDir t;
    t.Write("001_a.sql", "SELECT 1;\n");
    fs::create_directories(t.Path("rollback"));
    c.make(t, t.Path(c.entry));
    ExpectInvalid(Load(t), t.Path(c.entry), c.words);
  }
}

TEST(LoadErrors, MigrationsOrRollbackPathThatIsNoDirectoryIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("rollback", "not a directory\n");
  ExpectInvalid(Load(t), t.Path("rollback"), "not a directory");

  fs::remove(t.Path("rollback"));
  fs::create_symlink(t.Path("nowhere"), t.Path("rollback"));
  ExpectInvalid(Load(t), t.Path("rollback"), "which does not exist");

  LoadOptions options;
  options.dir = t.Path("001_a.sql");  // a file
  ExpectInvalid(LoadDirectory(options), options.dir, "not a directory");
  options.dir = t.Path("rollback");  // a link to nothing
  ExpectInvalid(LoadDirectory(options), options.dir, "which does not exist");
}

// Root reads whatever the mode bits say, so this runs as another user only.
TEST(LoadErrors, UnreadableDirectoryOrFileIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("rollback/001_rollback.sql", "SELECT 2;\n");
  for (const char* path : {"", "rollback", "001_a.sql", "rollback/001_rollback.sql"}) {
    SCOPED_TRACE(path);
    const std::string full = *path == '\0' ? t.Dir() : t.Path(path);
    ASSERT_EQ(::chmod(full.c_str(), 0), 0);
    const Result<MigrationSet> r = Load(t);
    ::chmod(full.c_str(), *path == '\0' || std::string(path) == "rollback" ? 0755 : 0644);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kIo) << r.status().ToString();
    EXPECT_EQ(r.status().context().file, full);
    EXPECT_NE(r.status().message().find("Permission denied"), std::string::npos)
        << r.status().ToString();
  }
}

TEST(LoadErrors, VersionTooLargeIsAnErrorNotACrash) {
  TempDir t;
  t.Write("99999999999999999999999_a.sql", "SELECT 1;\n");
  ExpectInvalid(Load(t), t.Path("99999999999999999999999_a.sql"), "too large");
}

}  // namespace
}  // namespace strata::source
