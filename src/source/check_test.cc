#include "source/check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/strings.h"
#include "sql/statement.h"

namespace strata::source {
namespace {

constexpr const char* kPath = "migrations/004_orders.sql";

Script MakeScript(std::string sql, int first_line = 1) {
  Script s;
  s.path = kPath;
  s.sql = std::move(sql);
  s.first_line = first_line;
  return s;
}

TEST(ReadChecks, ReadsEachDirectiveAndTakesItsQueryOutOfTheStatements) {
  Script s = MakeScript(
      "-- strata:check pre expect=0\n"
      "SELECT count(*) FROM orders WHERE total < 0;\n"
      "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);\n"
      "-- strata:check post critical expect='two words'\n"
      "SELECT 'two' || ' words';\n",
      3);
  ASSERT_TRUE(ReadChecks(s, Dialect::kPostgres).ok());
  ASSERT_EQ(s.checks.size(), 2u);
  EXPECT_EQ(s.checks[0].when, Check::When::kPre);
  EXPECT_FALSE(s.checks[0].critical);
  EXPECT_EQ(s.checks[0].expect, "0");
  EXPECT_EQ(s.checks[0].query, "SELECT count(*) FROM orders WHERE total < 0");
  EXPECT_EQ(s.checks[0].line, 3);
  EXPECT_EQ(s.checks[0].query_line, 4);
  EXPECT_EQ(s.checks[1].when, Check::When::kPost);
  EXPECT_TRUE(s.checks[1].critical);
  EXPECT_EQ(s.checks[1].expect, "two words");
  EXPECT_EQ(s.checks[1].line, 6);
  // The queries are blank space now; lines and the other statement stay put.
  Result<std::vector<sql::Statement>> left = sql::Split(s.sql, Dialect::kPostgres);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 1u);
  EXPECT_TRUE((*left)[0].text.starts_with("ALTER TABLE orders"));
  EXPECT_EQ(LocateOffset(s.sql, (*left)[0].offset).line, 3);
  EXPECT_EQ(std::count(s.sql.begin(), s.sql.end(), '\n'), 5);
}

TEST(ReadChecks, WorksOnSqliteAndLeavesScriptsWithoutChecksAlone) {
  Script s = MakeScript(
      "CREATE TABLE t (a integer);\n-- STRATA:CHECK POST expect=none\nSELECT a FROM t;\n");
  ASSERT_TRUE(ReadChecks(s, Dialect::kSqlite).ok());
  ASSERT_EQ(s.checks.size(), 1u);
  EXPECT_EQ(s.checks[0].expect, "none");
  Script tab = MakeScript("--\tstrata:check\tpost expect=1\nSELECT 1;\n");
  ASSERT_TRUE(ReadChecks(tab, Dialect::kSqlite).ok());
  EXPECT_EQ(tab.checks.size(), 1u);  // a tab after the name, as a blank
  Script plain = MakeScript("-- strata:checkpoint is prose\nSELECT 1;\n");
  const std::string before = plain.sql;
  ASSERT_TRUE(ReadChecks(plain, Dialect::kSqlite).ok());
  EXPECT_TRUE(plain.checks.empty());
  EXPECT_EQ(plain.sql, before);
}

TEST(ReadChecks, RejectsBadDirectivesNamingFileAndLine) {
  for (const char* bad : {
           "-- strata:check expect=1\nSELECT 1;\n",              // neither pre nor post
           "-- strata:check post\nSELECT 1;\n",                  // no expect
           "-- strata:check post pre expect=1\nSELECT 1;\n",     // both
           "-- strata:check post loudly expect=1\nSELECT 1;\n",  // unknown word
           "-- strata:check post expect='open\nSELECT 1;\n",     // quote not closed
           "-- strata:check post expect=1\n",                    // no query
           "-- strata:check post expect=1\n-- strata:check pre expect=1\nSELECT 1;\n",
           "-- strata:check post expect=1\nDELETE FROM t;\n",  // not a query
       }) {
    Script s = MakeScript(std::string("CREATE TABLE t (a int);\n") + bad, 10);
    const Status st = ReadChecks(s, Dialect::kPostgres);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_TRUE(st.is_invalid_input()) << bad;
    EXPECT_EQ(st.context().file, kPath) << bad;
    EXPECT_EQ(st.context().line, 11) << bad << st.ToString();
  }
}

TEST(ExpectationHolds, ComparesAsTheDocumentedKinds) {
  auto row = [](std::optional<std::string> v) { return CheckAnswer{true, std::move(v)}; };
  const CheckAnswer none{false, std::nullopt};
  struct Case {
    const char* expect;
    CheckAnswer answer;
    bool holds;
  } cases[] = {
      {"0", row("0"), true},
      {"1", row("1.0"), true},
      {"1", row("2"), false},
      {"1", none, false},
      {"none", none, true},
      {"none", row("0"), false},
      {"null", row(std::nullopt), true},
      {"null", row("0"), false},
      {"0", row(std::nullopt), false},
      {"true", row("t"), true},
      {"TRUE", row("1"), true},
      {"true", row("f"), false},
      {"false", row("0"), true},
      {"false", row("false"), true},
      {"open", row("open"), true},
      {"open", row("Open"), false},
      {"", row(""), true},
      {"any", none, true},
      {"ANY", row(std::nullopt), true},
      {"any", row("0"), true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ExpectationHolds(c.expect, c.answer), c.holds)
        << "expect=" << c.expect << " answer " << DescribeAnswer(c.answer);
  }
}

TEST(DescribeCheck, NamesKindAndPlace) {
  Check c;
  c.critical = true;
  c.line = 7;
  EXPECT_EQ(DescribeCheck(c, kPath), "critical post check (migrations/004_orders.sql:7)");
  c.critical = false;
  c.when = Check::When::kPre;
  EXPECT_EQ(DescribeCheck(c, kPath), "pre check (migrations/004_orders.sql:7)");
  EXPECT_EQ(DescribeCheck(c, ""), "pre check");
  c.path = "verify/users.sql";  // a sqitch verify script's check names its own file
  EXPECT_EQ(DescribeCheck(c, kPath), "pre check (verify/users.sql:7)");
  EXPECT_EQ(c.File(kPath), "verify/users.sql");
  EXPECT_EQ(DescribeAnswer(CheckAnswer{true, std::nullopt}), "NULL");
  EXPECT_EQ(DescribeAnswer(CheckAnswer{false, std::nullopt}), "no row");
}

}  // namespace
}  // namespace strata::source
