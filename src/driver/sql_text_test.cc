#include "driver/sql_text.h"

#include <gtest/gtest.h>

namespace strata::driver {
namespace {

TEST(QuoteName, PostgresQuotesOnlyWhatQuoteIdentWould) {
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "users"), "users");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "user_2"), "user_2");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "Users"), "\"Users\"");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "2fa"), "\"2fa\"");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "has space"), "\"has space\"");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "a\"b"), "\"a\"\"b\"");
  // Reserved (and column-name) keywords are quoted, unreserved ones are not.
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "user"), "\"user\"");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "select"), "\"select\"");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "integer"), "\"integer\"");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "name"), "name");
  EXPECT_EQ(QuoteName(Dialect::kPostgres, "key"), "key");
}

TEST(QuoteName, SqliteAlwaysQuotes) {
  EXPECT_EQ(QuoteName(Dialect::kSqlite, "users"), "\"users\"");
  EXPECT_EQ(QuoteQualified(Dialect::kSqlite, {"", "t"}), "\"t\"");
  EXPECT_EQ(QuoteQualified(Dialect::kPostgres, {"app", "Order"}), "app.\"Order\"");
}

TEST(QuoteLiteral, DoublesSingleQuotesAndKeepsBackslashes) {
  EXPECT_EQ(QuoteLiteral("it's \\ fine"), "'it''s \\ fine'");
}

TEST(SplitTopLevel, IgnoresSeparatorsInsideParenthesesAndQuotes) {
  EXPECT_EQ(SplitTopLevel("a, f(b, c), 'x,y', \"q,r\" DESC", ','),
            (std::vector<std::string>{"a", "f(b, c)", "'x,y'", "\"q,r\" DESC"}));
  EXPECT_EQ(SplitTopLevel("lower((email)::text) text_pattern_ops", ','),
            (std::vector<std::string>{"lower((email)::text) text_pattern_ops"}));
  EXPECT_TRUE(SplitTopLevel("", ',').empty());
  EXPECT_EQ(SplitTopLevel("'it''s, here', b", ','),
            (std::vector<std::string>{"'it''s, here'", "b"}));
}

TEST(MatchingParen, SkipsQuotedParentheses) {
  const std::string text = "f(a, ')', \"(\", g(b)) tail";
  EXPECT_EQ(MatchingParen(text, 1), text.find(") tail"));
  EXPECT_EQ(MatchingParen("(unclosed", 0), std::string_view::npos);
}

}  // namespace
}  // namespace strata::driver
