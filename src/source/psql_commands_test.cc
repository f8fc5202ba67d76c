#include "source/psql_commands.h"

#include <gtest/gtest.h>

#include <algorithm>

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
           Refused{"CREATE TABLE a (id int);\n\\i other.sql\n", 2, "includes another file"},
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

TEST(ReadPsqlCommands, SqliteScriptsAreLeftAsTheyAre) {
  Script s = Make("\\set ON_ERROR_STOP on\n");
  EXPECT_TRUE(ReadPsqlCommands(s, Dialect::kSqlite).ok());
  EXPECT_EQ(s.sql, "\\set ON_ERROR_STOP on\n");
}

}  // namespace
}  // namespace strata::source
