#include "cli/toml_text.h"

#include <gtest/gtest.h>

#include <string>

#include "cli/config.h"

namespace strata::cli {
namespace {

// Regression: toml++ 3.3.0 reached __builtin_unreachable() on these (found by
// fuzz/strata_toml_fuzzer.cc under UBSan; cli/toml_text.h says why). strata
// refuses them, naming the place, before toml++ sees them.
TEST(CheckTomlText, RefusesWhatTomlPlusPlusCannotReadSafely) {
  struct Case {
    std::string text;
    int line;
    int column;
  };
  for (const Case& c : std::vector<Case>{
           {"\xC3\xA9 = 1\n", 1, 1},                         // é as a bare key
           {"x = 1\n\xEF\xBB\xBD\n", 2, 1},                  // U+FEFD at the start of a line
           {"x = \"a\" \xC2\xA1\n", 1, 9},                   // ¡ after a value
           {"s = \"\"\"\\\n\xC2\xA7\"\"\"\n", 2, 1},         // § after a line-ending backslash
           {"s = \"\"\"\\  \n  \n \xC3\xA9\"\"\"\n", 3, 2},  // ... and its blank lines
           {"s = \"\"\"\\\xC3\xA9\"\"\"\n", 1, 9},           // é escaped
           {"s = \"\\\xC3\xA9\"\n", 1, 7},                   // in a one-line string too
           {"s = \"\"\"\\ \xC3\xA9\"\"\"\n", 1, 10},         // a blank, then é
           {"s = \"\"\"a\"\"\"\"\"\xC3\xA9\n", 1, 14},       // after a string closed by 5 quotes
           {"\xCC\xAA", 1, 1},
           {"[run]\nx = 1e`=\"a\xEF\xB9\xBF\"\n", 2, 11},  // a quote inside a bare value
           {"x = \"a\"\"\xC3\xA9\"\n", 1, 9},              // a quote right after a string
           {"x = 1[\"\xC3\xA9\"]\n", 1, 8},                // a bracket inside a bare value
           {"x = [1{\"\xC3\xA9\"}]\n", 1, 9},              // a brace inside one
       }) {
    const Status st = CheckTomlText(c.text, "strata.toml");
    EXPECT_TRUE(st.is_invalid_input()) << c.text;
    EXPECT_EQ(st.context().line, c.line) << c.text;
    EXPECT_EQ(st.context().column, c.column) << c.text;
  }
}

TEST(CheckTomlText, StringsAndCommentsHoldAnyText) {
  for (const std::string text : {
           "# caf\xC3\xA9 \xC2\xA1\n[database]\nurl = \"sqlite:caf\xC3\xA9.db\" # \xC3\xA9\n",
           "\xEF\xBB\xBFx = 'd\xC3\xA9j\xC3\xA0 \\ vu'\n",           // a BOM; a literal string
           "s = '''\n\xC3\xA9'''\nt = \"\"\"\n\xC3\xA9\\n\"\"\"\n",  // multi-line strings
           "s = \"\"\"\\\n  a \xC3\xA9\"\"\"\n",  // ASCII first after the backslash
           "s = \"a\\\"\xC3\xA9\"\n",             // an escaped quote
           "s = \"\"\"a\"\"\"\"\"\n",             // closed by five quotes
           // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one document, split to fit
           "x={a=\"\xC3\xA9\",\"\xC3\xA9\".b='\xC3\xA9'}\ny=[1,\"\xC3\xA9\",[\"\xC3\xA9\"],"
           "\n\"\xC3\xA9\"]\n",
           "[a.\"\xC3\xA9\"]\n[[ b . '\xC3\xA9' ]]\n",
       }) {
    const Status st = CheckTomlText(text, "strata.toml");
    EXPECT_TRUE(st.ok()) << text << ": " << st.message();
  }
}

TEST(CheckTomlText, ReadConfigTextRefusesBeforeParsing) {
  Settings settings;
  const Status st =
      ReadConfigText("[database]\nurl = \"sqlite:a.db\" \xC3\xA9\n", "strata.toml", settings);
  EXPECT_TRUE(st.is_invalid_input());
  EXPECT_EQ(st.context().line, 2);
}

}  // namespace
}  // namespace strata::cli
