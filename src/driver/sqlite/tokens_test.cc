#include "driver/sqlite/tokens.h"

#include <gtest/gtest.h>

namespace strata::driver::sqlite::ddl {
namespace {

TEST(Tokenize, DropsCommentsAndKeepsStringsBlobsAndQuotedNamesWhole) {
  const auto tokens =
      Tokenize("a -- note\n/* block */ 'it''s' x'0F' \"q \"\"x\" [b c] 1.5e3 ->> 0x1F");
  std::vector<std::string> texts;
  texts.reserve(tokens.size());
  for (const Token& t : tokens) texts.push_back(t.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"a", "'it''s'", "x'0F'", "\"q \"\"x\"", "[b c]",
                                             "1.5e3", "->>", "0x1F"}));
  EXPECT_EQ(tokens[2].kind, Token::Kind::kBlob);
  EXPECT_EQ(NameOf(tokens[3]), "q \"x");
  EXPECT_EQ(NameOf(tokens[4]), "b c");
}

TEST(NormalizeExpression, OneCanonicalSpacingWhateverWasWritten) {
  EXPECT_EQ(NormalizeExpression("length( name )<100"), "length(name) < 100");
  EXPECT_EQ(NormalizeExpression("datetime(  'now' ,'utc')"), "datetime('now', 'utc')");
  EXPECT_EQ(NormalizeExpression("a IN(1,2)  AND b>-1"), "a IN (1, 2) AND b > -1");
  EXPECT_EQ(NormalizeExpression("a - -1"), "a - -1");
  EXPECT_EQ(NormalizeExpression("- - 1"), "- -1");  // never "--", which would start a comment
  EXPECT_EQ(NormalizeExpression("t . c || 'x'"), "t.c || 'x'");
}

TEST(NormalizeStatement, DropsIfNotExistsAndTheTrailingSemicolon) {
  EXPECT_EQ(NormalizeStatement("CREATE TRIGGER IF NOT EXISTS t AFTER INSERT ON a\nBEGIN\n  "
                               "DELETE FROM b;\nEND;"),
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END");
}

}  // namespace
}  // namespace strata::driver::sqlite::ddl
