#include "base/strings.h"

#include <gtest/gtest.h>

#include <string>

namespace strata {
namespace {

TEST(Trim, RemovesSpaceAtBothEndsOnly) {
  EXPECT_EQ(Trim("  a b \t\n"), "a b");
  EXPECT_EQ(Trim(" \r\n "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(CaseHelpers, CompareAsciiWithoutCase) {
  EXPECT_EQ(ToLower("CREATE Index"), "create index");
  EXPECT_TRUE(EqualsIgnoreCase("Begin", "BEGIN"));
  EXPECT_FALSE(EqualsIgnoreCase("begin", "begins"));
  EXPECT_TRUE(StartsWithIgnoreCase("STRATA:up", "strata:"));
  EXPECT_FALSE(StartsWithIgnoreCase("str", "strata:"));
  EXPECT_TRUE(EndsWithIgnoreCase("schema.JSON", ".json"));
  EXPECT_FALSE(EndsWithIgnoreCase("json", ".json"));
  EXPECT_TRUE(ContainsIgnoreCase("-- STRATA:Check post", "strata:check"));
  EXPECT_FALSE(ContainsIgnoreCase("-- strata:chec", "strata:check"));
}

TEST(SplitAndTrim, TrimsPiecesAndDropsEmptyOnes) {
  EXPECT_EQ(SplitAndTrim(" 001, 004 ,,  ", ','), (std::vector<std::string>{"001", "004"}));
  EXPECT_EQ(SplitAndTrim("", ','), std::vector<std::string>{});
  EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(Join({}, ", "), "");
}

TEST(NormalizeLineEndings, TurnsCrLfAndLoneCrIntoLf) {
  struct Case {
    std::string in, want;
  };
  const Case cases[] = {
      {"", ""},
      {"a\nb", "a\nb"},
      {"a\r\nb\r\n", "a\nb\n"},
      {"a\rb\r", "a\nb\n"},
      {"a\r\r\nb", "a\n\nb"},
      {"a\n\rb", "a\n\nb"},
      {"no carriage return at all", "no carriage return at all"},
      {"\r\n", "\n"},
      {"\r", "\n"},
      {"x\r\n\r\ny", "x\n\ny"},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeLineEndings(c.in), c.want) << c.in;
}

TEST(LocateOffset, CountsLinesAndCodePointColumns) {
  struct Case {
    std::string text;
    size_t offset;
    int line, column;
  };
  const Case cases[] = {
      {"abc", 0, 1, 1},
      {"abc", 2, 1, 3},
      {"abc", 3, 1, 4},    // one past the end
      {"abc", 99, 1, 4},   // clamped to the end
      {"a\nbc", 2, 2, 1},  // first byte of the second line
      {"a\nbc", 3, 2, 2},
      {"a\n\n\nx", 4, 4, 1},
      {"h\xC3\xA9llo", 3, 1, 3},                // "é" is two bytes but one column
      {"\xE6\x97\xA5\xE6\x9C\xAC x", 7, 1, 4},  // two 3-byte characters and a space
      {"\xF0\x9F\x98\x80x", 4, 1, 2},           // a 4-byte emoji
      {"\xC3\xA9\n\xC3\xA9x", 5, 2, 2},         // columns restart after a newline
  };
  for (const Case& c : cases) {
    const LineColumn lc = LocateOffset(c.text, c.offset);
    EXPECT_EQ(lc.line, c.line) << c.text << " @" << c.offset;
    EXPECT_EQ(lc.column, c.column) << c.text << " @" << c.offset;
  }
}

TEST(CodePointsToBytes, SkipsWholeCharactersAndClamps) {
  const std::string text = "h\xC3\xA9llo\xF0\x9F\x98\x80!";  // h é l l o 😀 !
  EXPECT_EQ(CodePointsToBytes(text, 0), 0u);
  EXPECT_EQ(CodePointsToBytes(text, 1), 1u);
  EXPECT_EQ(CodePointsToBytes(text, 2), 3u);
  EXPECT_EQ(CodePointsToBytes(text, 5), 6u);
  EXPECT_EQ(CodePointsToBytes(text, 6), 10u);
  EXPECT_EQ(CodePointsToBytes(text, 7), text.size());
  EXPECT_EQ(CodePointsToBytes(text, 100), text.size());
  EXPECT_EQ(CodePointsToBytes("", 3), 0u);
}

TEST(CodePointsToBytes, InvertsLocateOffsetOnOneLine) {
  const std::string text = "SELECT '\xE6\x97\xA5\xE6\x9C\xAC', x";
  for (size_t chars = 0; chars < 12; ++chars) {
    const size_t bytes = CodePointsToBytes(text, chars);
    EXPECT_EQ(LocateOffset(text, bytes).column, static_cast<int>(chars) + 1) << chars;
  }
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
  const std::string good[] = {
      "", "plain ascii; 123",
      "h\xC3\xA9llo",              // 2-byte
      "\xE6\x97\xA5\xE6\x9C\xAC",  // 3-byte
      "\xF0\x9F\x98\x80",          // 4-byte
      "\xEF\xBB\xBF-- bom",        // a byte order mark is valid UTF-8
      "\xED\x9F\xBF",              // U+D7FF, just below the surrogates
      "\xEE\x80\x80",              // U+E000, just above them
      "\xF4\x8F\xBF\xBF",          // U+10FFFF, the last code point
      // Eight ASCII bytes are skipped at a time: multi-byte sequences around those words.
      "select 1; -- caf\xC3\xA9 \xE6\x97\xA5 then more plain ascii text \xF0\x9F\x98\x80",
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): split to end the \xA9 escape
      "0123456\xC3\xA9"
      "89abcdef",  // a sequence across the first word boundary
  };
  for (const std::string& s : good) {
    size_t bad = 12345;
    EXPECT_TRUE(IsValidUtf8(s, &bad)) << s;
    EXPECT_EQ(bad, 12345u) << "bad_offset is only written on failure";
  }
}

TEST(IsValidUtf8, RejectsMalformedTextAtItsFirstBadByte) {
  struct Case {
    const char* what;
    std::string text;
    size_t bad_offset;
  };
  const Case cases[] = {
      {"overlong 2-byte slash", "a\xC0\xAF", 1},
      {"overlong 2-byte", "\xC1\xBF", 0},
      {"overlong 3-byte", "ab\xE0\x80\xAF", 2},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 0},
      {"high surrogate", "x\xED\xA0\x80", 1},
      {"low surrogate", "\xED\xBF\xBF", 0},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"lead byte F5", "\xF5\x80\x80\x80", 0},
      {"lone continuation", "ok\x80", 2},
      {"byte FF", "\xFF", 0},
      {"truncated at end", "ab\xE6\x97", 2},
      {"truncated 2-byte at end", "\xC3", 0},
      {"continuation missing", "\xC3(x", 0},
      {"second sequence bad", "\xC3\xA9\xE6\x97(", 2},
      {"bad byte after two ASCII words", "0123456789abcdef\xFF", 16},
      {"bad byte inside the third word", "0123456789abcdefgh\x80ijklm", 18},
      {"truncated after ASCII words", "0123456789abcdef\xE6\x97", 16},
  };
  for (const Case& c : cases) {
    size_t bad = 0;
    EXPECT_FALSE(IsValidUtf8(c.text, &bad)) << c.what;
    EXPECT_EQ(bad, c.bad_offset) << c.what;
    EXPECT_FALSE(IsValidUtf8(c.text)) << c.what << " (without an offset)";
  }
}

TEST(Excerpt, KeepsTheFirstTrimmedLine) {
  EXPECT_EQ(Excerpt("  select 1  "), "select 1");
  EXPECT_EQ(Excerpt("\n\n  select 1\nfrom t"), "select 1 ...");
  EXPECT_EQ(Excerpt(""), "");
}

TEST(Excerpt, CutsLongLinesAtMax) {
  EXPECT_EQ(Excerpt("abcdef", 6), "abcdef");
  EXPECT_EQ(Excerpt("abcdefg", 6), "abcdef ...");
  EXPECT_EQ(Excerpt(std::string(200, 'x')).size(), 80u + 4u);
}

// Excerpts end up in JSON and SARIF reports, which must be valid UTF-8: a cut in
// the middle of a multi-byte character once produced a dangling lead byte.
TEST(Excerpt, NeverCutsInsideACharacter) {
  const std::string text = "\xC3\xA9\xC3\xA9\xC3\xA9";  // ééé
  for (size_t max = 0; max <= text.size(); ++max) {
    const std::string out = Excerpt(text, max);
    EXPECT_TRUE(IsValidUtf8(out)) << "max=" << max;
  }
  EXPECT_EQ(Excerpt(text, 3), "\xC3\xA9 ...");
  EXPECT_EQ(Excerpt(text, 4), "\xC3\xA9\xC3\xA9 ...");
  EXPECT_EQ(Excerpt("ab\xF0\x9F\x98\x80", 5), "ab ...");
}

}  // namespace
}  // namespace strata

namespace strata {
namespace {

TEST(LineIndex, LocatesLikeLocateOffsetAndReturnsTheLine) {
  const std::string text = "ab\nçd\n\nlast";
  const LineIndex index(text);
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    const LineColumn want = LocateOffset(text, offset);
    const LineColumn got = index.Locate(offset);
    EXPECT_EQ(got.line, want.line) << offset;
    EXPECT_EQ(got.column, want.column) << offset;
  }
  EXPECT_EQ(index.LineAt(4), "çd");
  EXPECT_EQ(index.LineAt(text.size()), "last");
  EXPECT_EQ(index.LineAt(7), "");
}

}  // namespace
}  // namespace strata

namespace strata {
namespace {

TEST(NearestSpelling, SuggestsAPlausibleMisspellingOnly) {
  constexpr std::string_view kLint[] = {"on_up", "rules", "naming"};
  constexpr std::string_view kRun[] = {"lock_timeout", "ddl_lock_timeout_ms", "lock_retries",
                                       "retry_backoff_ms"};
  constexpr std::string_view kDatabase[] = {"url", "history_table", "history_schema"};
  struct Case {
    std::string_view word;
    std::span<const std::string_view> known;
    std::string_view want;
  };
  const Case cases[] = {
      // Deletion, substitution, insertion, two neighbours swapped (one edit), case.
      {"onup", kLint, "on_up"},
      {"on-up", kLint, "on_up"},
      {"rule", kLint, "rules"},
      {"nmaing", kLint, "naming"},
      {"ON_UP", kLint, "on_up"},
      {"lock_timout", kRun, "lock_timeout"},
      {"lock_retry", kRun, "lock_retries"},  // three edits in twelve letters
      {"ddl_lock_timeout", kRun, "ddl_lock_timeout_ms"},
      {"uri", kDatabase, "url"},  // one edit in three letters
      {"history_tabel", kDatabase, "history_table"},
      // Too far from everything.
      {"x", kLint, ""},
      {"on", kLint, ""},
      {"dbname", kDatabase, ""},
      {"", kLint, ""},
      {"anything", {}, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NearestSpelling(c.word, c.known).value_or(""), c.want) << c.word;
  }
}

TEST(NearestSpelling, PrefersTheNearestThenTheEarliest) {
  constexpr std::string_view kKnown[] = {"dirs", "dir", "dirt"};
  EXPECT_EQ(NearestSpelling("dir", kKnown).value_or(""), "dir");    // exact beats one edit away
  EXPECT_EQ(NearestSpelling("dira", kKnown).value_or(""), "dirs");  // three at one edit: the first
}

TEST(NearestSpelling, SuggestsTheClosestKnownWordWithinAThirdOfItsLength) {
  constexpr std::string_view kKnown[] = {"up",
                                         "down",
                                         "check",
                                         "critical",
                                         "no-transaction",
                                         "pause=",
                                         "transaction:false",
                                         "transaction:true"};
  const struct {
    std::string_view word;
    std::optional<std::string_view> want;
  } cases[] = {
      {"down", "down"},   // a known word is its own nearest
      {"DOWN", "down"},   // case is ignored
      {"donw", "down"},   // two letters swapped: one edit
      {"dwn", "down"},    // a letter missing
      {"downn", "down"},  // a letter too many
      {"chek", "check"},
      {"critcal", "critical"},
      {"no-transation", "no-transaction"},
      {"pasue=", "pause="},
      {"transaction:flase", "transaction:false"},  // the closer of two similar words
      {"transaction:ture", "transaction:true"},
      {"uo", "up"},          // short words allow one edit
      {"dn", std::nullopt},  // ... and no more
      {"banana", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NearestSpelling(c.word, kKnown), c.want) << c.word;
  }
}

TEST(NearestSpelling, PrefersTheEarlierWordOnATieAndNeedsSomeWords) {
  constexpr std::string_view kKnown[] = {"post", "pose"};
  EXPECT_EQ(NearestSpelling("pos", kKnown), std::optional<std::string_view>("post"));
  EXPECT_EQ(NearestSpelling("post", std::span<const std::string_view>()), std::nullopt);
}

}  // namespace
}  // namespace strata
