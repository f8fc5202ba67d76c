#include "source/psql_commands.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "source/load_test_util.h"

namespace strata::source {
namespace {

Script Make(std::string sql) {
  Script s;
  s.path = "migrations/001_a.sql";
  s.sql = std::move(sql);
  s.first_line = 1;
  return s;
}

TEST(ReadPsqlCommands, BlanksHarmlessCommandsKeepingOffsets) {
  const std::string sql =
      "\\set ON_ERROR_STOP on\n"
      "  \\echo creating users\n"
      "CREATE TABLE users (id int);\n"
      "\\timing on\n";
  Script s = Make(sql);
  ASSERT_TRUE(ReadPsqlCommands(s, Dialect::kPostgres).ok());
  EXPECT_EQ(s.sql.size(), sql.size());
  EXPECT_EQ(s.sql.find('\\'), std::string::npos) << s.sql;
  EXPECT_EQ(s.sql.find("CREATE TABLE"), sql.find("CREATE TABLE"));
  EXPECT_EQ(std::count(s.sql.begin(), s.sql.end(), '\n'), 4);
}

TEST(ReadPsqlCommands, LeavesBackslashesInStringsAndCommentsAlone) {
  const std::string sql =
      "INSERT INTO t VALUES ('a\n\\i not a command');\n"
      "/* a comment\n\\q still a comment */\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n\\x\nSELECT 1 $$;\n";
  Script s = Make(sql);
  ASSERT_TRUE(ReadPsqlCommands(s, Dialect::kPostgres).ok());
  EXPECT_EQ(s.sql, sql);
}

TEST(ReadPsqlCommands, RefusesWhatItCannotSkipNamingTheLine) {
  struct Refused {
    const char* sql;
    int line;
    const char* says;
  };
  for (const Refused& r : {
           Refused{"CREATE TABLE a (id int);\n\\i /nonexistent/other.sql\n", 2,
                   "cannot include /nonexistent/other.sql"},
           Refused{"\\c otherdb\n", 1, "connects to another database"},
           Refused{"\\set owner app\nALTER TABLE a OWNER TO :owner;\n", 1, "'owner'"},
           Refused{"\\set AUTOCOMMIT off\n", 1, "'AUTOCOMMIT'"},
           Refused{"SELECT 1;\n\\q\nDROP TABLE a;\n", 2, "stops psql"},
           Refused{"\\copy a from 'a.csv'\n", 1, "does not run"},
       }) {
    Script s = Make(r.sql);
    const Status st = ReadPsqlCommands(s, Dialect::kPostgres);
    ASSERT_FALSE(st.ok()) << r.sql;
    EXPECT_TRUE(st.is_invalid_input()) << st.ToString();
    EXPECT_EQ(st.context().line, r.line) << st.ToString();
    EXPECT_NE(st.message().find(r.says), std::string::npos) << st.ToString();
    EXPECT_EQ(s.sql, r.sql);  // nothing blanked on the way to the error
  }
}

// \i and \ir splice the file in, relative to the including file; errors in it
// name it and its own line, and its bytes count in the migration's checksums.
TEST(ReadPsqlCommands, IncludesSpliceFilesRelativeToTheIncludingFile) {
  testing::TempDir t;
  t.Write("001_main.sql",
          "\\set ON_ERROR_STOP on\nCREATE TABLE a (id int);\n  \\ir parts/b.sql\n"
          "CREATE TABLE c (id int);\n");
  t.Write("parts/b.sql", "-- b\nCREATE TABLE b (id int);\n\\i 'c_index.sql'\n");
  t.Write("parts/c_index.sql", "CREATE INDEX b_id ON b (id);\n");
  Result<MigrationSet> set = testing::Load(t);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  const Script& up = set->migrations.at(0).up;
  const std::string& sql = up.sql;
  const size_t b = sql.find("CREATE TABLE b"), index = sql.find("CREATE INDEX"),
               c = sql.find("CREATE TABLE c");
  ASSERT_TRUE(sql.find("CREATE TABLE a") < b && b < index && index < c) << sql;
  EXPECT_EQ(sql.find('\\'), std::string::npos) << sql;
  auto at = [&](size_t offset) {
    const Script::Place p = up.Locate(offset);
    return std::string(p.path) + ":" + std::to_string(p.line);
  };
  EXPECT_EQ(at(b), t.Path("parts/b.sql") + ":2");
  EXPECT_EQ(at(index), t.Path("parts/c_index.sql") + ":1");
  EXPECT_EQ(at(c), t.Path("001_main.sql") + ":4");
  EXPECT_EQ(at(sql.find("CREATE TABLE a")), t.Path("001_main.sql") + ":2");
  ASSERT_EQ(up.included.size(), 2u);
  EXPECT_EQ(up.included[1].path, t.Path("parts/c_index.sql"));

  const std::string before = set->migrations[0].checksums.content();
  t.Write("parts/c_index.sql", "CREATE INDEX b_id ON b (id DESC);\n");
  set = testing::Load(t);
  ASSERT_TRUE(set.ok());
  EXPECT_NE(set->migrations[0].checksums.content(), before);
}

TEST(ReadPsqlCommands, AnIncludeCycleOrAnErrorInAnIncludedFileNamesThatFile) {
  testing::TempDir t;
  t.Write("001_main.sql", "SELECT 1;\n\\ir inc/a.sql\n");
  t.Write("inc/a.sql", "SELECT 2;\n\\ir b.sql\n");
  t.Write("inc/b.sql", "\\ir a.sql\n");
  Result<MigrationSet> set = testing::Load(t);
  testing::ExpectInvalid(set, t.Path("inc/b.sql"), "a cycle");
  EXPECT_EQ(set.status().context().line, 1);
  t.Write("inc/b.sql", "SELECT 3;\n\\c other\n");
  set = testing::Load(t);
  testing::ExpectInvalid(set, t.Path("inc/b.sql"), "connects to another database");
  EXPECT_EQ(set.status().context().line, 2);
  t.Write("inc/b.sql", "-- strata:chek post expect=1\nSELECT 1;\n");
  testing::ExpectInvalid(testing::Load(t), t.Path("inc/b.sql"), "strata:check");
}

TEST(ReadPsqlCommands, SqliteScriptsAreLeftAsTheyAre) {
  Script s = Make("\\set ON_ERROR_STOP on\n");
  EXPECT_TRUE(ReadPsqlCommands(s, Dialect::kSqlite).ok());
  EXPECT_EQ(s.sql, "\\set ON_ERROR_STOP on\n");
}

}  // namespace
}  // namespace strata::source
