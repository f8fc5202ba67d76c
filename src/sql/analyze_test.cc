// Analyze() on PostgreSQL: statements located in the script, large scripts
// parsed in two halves exactly as in one, and parse errors kept per statement.
#include "sql/analyze.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::sql {
namespace {

// A script of `n` statements, each `CREATE TABLE t_i (... REFERENCES ...)`.
std::string ManyTables(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "-- table " + std::to_string(i) + "\nCREATE TABLE t_" + std::to_string(i) +
           " (id bigint PRIMARY KEY, owner_id bigint REFERENCES owners (id), note text DEFAULT "
           "'a;b');\n";
  }
  return out;
}

void ExpectLocated(const std::string& script, const std::vector<ParsedStatement>& got, int n) {
  ASSERT_EQ(got.size(), static_cast<size_t>(n));
  size_t from = 0;
  for (int i = 0; i < n; ++i) {
    const size_t at = script.find("CREATE TABLE t_" + std::to_string(i) + " ", from);
    EXPECT_EQ(got[i].offset, at) << i;
    EXPECT_EQ(got[i].kind, StatementKind::kCreateTable) << i;
    EXPECT_EQ(got[i].table.name, "t_" + std::to_string(i));
    ASSERT_EQ(got[i].columns.size(), 3u);
    ASSERT_EQ(got[i].columns[1].references.size(), 1u);
    // The REFERENCES clause is located in the script, in either half.
    EXPECT_EQ(script.compare(got[i].columns[1].references[0].offset, 10, "REFERENCES"), 0) << i;
    from = at + 1;
  }
}

TEST(Analyze, SmallScriptIsLocated) {
  const std::string script = ManyTables(5);
  ExpectLocated(script, Analyze(script, Dialect::kPostgres), 5);
}

TEST(Analyze, LargeScriptParsedInHalvesIsLocatedLikeOneParse) {
  const std::string script = ManyTables(4000);  // well over the parallel threshold
  ASSERT_GT(script.size(), 256u * 1024);
  ExpectLocated(script, Analyze(script, Dialect::kPostgres), 4000);
}

TEST(Analyze, ABodyAcrossTheMiddleFallsBackToOneParse) {
  std::string script = ManyTables(3000);
  // A SQL-standard function body, with semicolons of its own, that spans the
  // middle of the script, where the two halves would be cut.
  std::string body = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC\n";
  for (int i = 0; i < 3000; ++i) body += "  SELECT 1;\n";
  body += "END;\n";
  const size_t at = script.find("CREATE TABLE t_1500 ");
  script.insert(at, body);
  ASSERT_LT(at, script.size() / 2);
  ASSERT_GT(at + body.size(), script.size() / 2);
  const std::vector<ParsedStatement> got = Analyze(script, Dialect::kPostgres);
  ASSERT_EQ(got.size(), 3001u);
  for (const ParsedStatement& s : got) EXPECT_TRUE(s.parsed) << s.text.substr(0, 40);
  EXPECT_EQ(got[1500].kind, StatementKind::kCreateFunction);
}

TEST(Analyze, AStatementThatDoesNotParseKeepsItsError) {
  const std::string script = "CREATE TABLE a (id int);\nSELEC 1;\nDROP TABLE a;\n";
  const std::vector<ParsedStatement> got = Analyze(script, Dialect::kPostgres);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_TRUE(got[0].parsed);
  EXPECT_FALSE(got[1].parsed);
  EXPECT_EQ(got[1].offset, script.find("SELEC"));
  EXPECT_NE(got[1].parse_error.find("SELEC"), std::string::npos);
  EXPECT_EQ(got[2].kind, StatementKind::kDrop);
}

}  // namespace
}  // namespace strata::sql
