#include "sql/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::sql {
namespace {

// The non-blank tokens of `text` as "kind:text" strings, easy to compare in a table.
std::vector<std::string> Significant(std::string_view text, Dialect dialect) {
  static const char* const kNames[] = {"word", "ident", "string",  "number", "param",
                                       "semi", "punct", "comment", "space"};
  std::vector<std::string> out;
  for (const Token& t : Lex(text, dialect)) {
    if (t.kind == TokenKind::kSpace) continue;
    out.push_back(std::string(kNames[static_cast<int>(t.kind)]) + ":" +
                  std::string(TokenText(text, t)));
  }
  return out;
}

using Tokens = std::vector<std::string>;

TEST(Lex, TokensCoverTheInputWithoutGapsOrOverlap) {
  const std::string text = "select 'a''b', \"x\"\"y\" -- c\n/* d */ $$e$$; $1 E'\\'' 1.5e3";
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    size_t next = 0;
    for (const Token& t : Lex(text, d)) {
      EXPECT_EQ(t.offset, next);
      EXPECT_GT(t.length, 0u);
      next = t.offset + t.length;
    }
    EXPECT_EQ(next, text.size());
  }
}

TEST(TokenAt, ReadsTheTokenLexFindsAtAnOffset) {
  const std::string text = "select 'a''b' -- c\n$$d$$;";
  for (const Token& t : Lex(text, Dialect::kPostgres)) {
    const Token at = TokenAt(text, t.offset, Dialect::kPostgres);
    EXPECT_EQ(at.kind, t.kind);
    EXPECT_EQ(at.length, t.length);
  }
}

TEST(Lex, SpacesAreThoseOfTheCLocale) {
  EXPECT_EQ(Significant("a\t\n\v\f\rb", Dialect::kPostgres), (Tokens{"word:a", "word:b"}));
  // A no-break space (U+00A0) is part of a word, as any non-ASCII byte is.
  EXPECT_EQ(Significant("a\xC2\xA0"
                        "b c",
                        Dialect::kPostgres),
            (Tokens{"word:a\xC2\xA0"
                    "b",
                    "word:c"}));
}

TEST(Lex, ReadsPostgresQuotingForms) {
  struct Case {
    const char* text;
    Tokens want;
  };
  const Case cases[] = {
      {"'it''s;'", {"string:'it''s;'"}},
      {"E'it\\'s;' x", {"string:E'it\\'s;'", "word:x"}},
      {"e'\\\\';", {"string:e'\\\\'", "semi:;"}},
      {"'c:\\' ;", {"string:'c:\\'", "semi:;"}},  // no backslash escape in a standard string
      {"\"a;\"\"b\"", {"ident:\"a;\"\"b\""}},
      {"$$ a; b $$;", {"string:$$ a; b $$", "semi:;"}},
      {"$fn$ $$; $fn$", {"string:$fn$ $$; $fn$"}},
      {"$1 $2", {"param:$1", "param:$2"}},
      {"a$b$c", {"word:a$b$c"}},
      {"/* a /* b; */ c; */ x", {"comment:/* a /* b; */ c; */", "word:x"}},
      {"-- a; b\nx", {"comment:-- a; b", "word:x"}},
      {"'open;", {"string:'open;"}},  // unterminated: runs to the end
      {"$q$ open;", {"string:$q$ open;"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Significant(c.text, Dialect::kPostgres), c.want) << c.text;
}

TEST(Lex, ReadsSqliteQuotingForms) {
  struct Case {
    const char* text;
    Tokens want;
  };
  const Case cases[] = {
      {"`a;b` [c;d] \"e;f\"", {"ident:`a;b`", "ident:[c;d]", "ident:\"e;f\""}},
      {"E'x'", {"word:E", "string:'x'"}},  // no E'' strings in SQLite
      {"$$ x", {"param:$$", "word:x"}},    // no dollar quoting either
      {"?1 ?", {"param:?1", "param:?"}},
      {"/* a /* b */ c", {"comment:/* a /* b */", "word:c"}},  // block comments do not nest
      {"[open;", {"ident:[open;"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Significant(c.text, Dialect::kSqlite), c.want) << c.text;
}

TEST(Lex, ReadsWordsNumbersAndPunctuation) {
  EXPECT_EQ(Significant("SELECT a.b1, 42, .5 FROM t_1;", Dialect::kPostgres),
            (Tokens{"word:SELECT", "word:a", "punct:.", "word:b1", "punct:,", "number:42",
                    "punct:,", "number:.5", "word:FROM", "word:t_1", "semi:;"}));
  EXPECT_EQ(Significant("caf\xC3\xA9 = 1", Dialect::kSqlite),
            (Tokens{"word:caf\xC3\xA9", "punct:=", "number:1"}));
}

TEST(LexicalTraitsOf, SaysWhatEachDialectReadsDifferently) {
  const LexicalTraits pg = LexicalTraitsOf(Dialect::kPostgres);
  EXPECT_TRUE(pg.nested_block_comments);
  EXPECT_TRUE(pg.escape_strings);
  EXPECT_TRUE(pg.dollar_quotes);
  EXPECT_FALSE(pg.backtick_identifiers);
  EXPECT_FALSE(pg.bracket_identifiers);
  const LexicalTraits sqlite = LexicalTraitsOf(Dialect::kSqlite);
  EXPECT_FALSE(sqlite.nested_block_comments);
  EXPECT_FALSE(sqlite.escape_strings);
  EXPECT_FALSE(sqlite.dollar_quotes);
  EXPECT_TRUE(sqlite.backtick_identifiers);
  EXPECT_TRUE(sqlite.bracket_identifiers);
}

// Each trait decides how its text lexes, in every dialect: one token where the
// dialect has the trait, several where it has not.
TEST(LexicalTraitsOf, LexFollowsTheTraits) {
  struct Case {
    bool LexicalTraits::*trait;
    std::string_view text;
    std::string_view one_token;  // Significant()'s reading with the trait
  };
  const Case cases[] = {
      {&LexicalTraits::nested_block_comments, "/* a /* b */ c */", "comment:/* a /* b */ c */"},
      {&LexicalTraits::escape_strings, "E'a\\'b'", "string:E'a\\'b'"},
      {&LexicalTraits::dollar_quotes, "$$a; b$$", "string:$$a; b$$"},
      {&LexicalTraits::backtick_identifiers, "`a b`", "ident:`a b`"},
      {&LexicalTraits::bracket_identifiers, "[a b]", "ident:[a b]"},
  };
  for (Dialect d : kAllDialects) {
    const LexicalTraits traits = LexicalTraitsOf(d);
    for (const Case& c : cases) {
      const Tokens tokens = Significant(c.text, d);
      if (traits.*c.trait) {
        EXPECT_EQ(tokens, Tokens{std::string(c.one_token)}) << DialectName(d) << " " << c.text;
      } else {
        EXPECT_GT(tokens.size(), 1u) << DialectName(d) << " " << c.text;
      }
    }
  }
}

}  // namespace
}  // namespace strata::sql
