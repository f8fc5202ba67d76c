#include "source/version.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace strata::source {
namespace {

Version V(std::string_view text) {
  std::optional<Version> v = Version::Parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v.value_or(Version());
}

TEST(Version, ParseKeepsTheTextAsWritten) {
  for (const char* text : {"001", "1", "1.2.10", "20250101_090000", "1_2", "0", "20250101090000"}) {
    const std::optional<Version> v = Version::Parse(text);
    ASSERT_TRUE(v.has_value()) << text;
    EXPECT_EQ(v->text(), text);
    EXPECT_FALSE(v->empty());
  }
  EXPECT_TRUE(Version().empty());
}

TEST(Version, ParseRejectsAnythingButDigitGroups) {
  for (const char* text : {"", "1a", "a1", "1..2", "1.", ".1", "_1", "1__2", "1-2", "1 2", " 1",
                           "v1", "1.2.", "99999999999999999999999"}) {
    EXPECT_FALSE(Version::Parse(text).has_value()) << "'" << text << "'";
  }
}

TEST(Version, ComparesNumericallyPartByPart) {
  struct Case {
    const char* a;
    const char* b;
    int want;  // sign of a <=> b
  };
  const Case cases[] = {
      {"001", "1", 0},
      {"1", "2", -1},
      {"10", "9", 1},
      {"1.10", "1.9", 1},
      {"1.2.10", "1.2.9", 1},
      {"1.0", "1", 0},
      {"1.0.0", "1", 0},
      {"1.0.1", "1", 1},
      {"1_2", "1.2", 0},  // '.' and '_' separate parts alike
      {"20250101_090000", "20250101_085959", 1},
      {"20250101_090000", "20241231_235959", 1},
      {"0", "0.0", 0},
      {"18446744073709551605", "18446744073709551604", 1},
  };
  for (const Case& c : cases) {
    const Version a = V(c.a), b = V(c.b);
    const auto order = a <=> b;
    const int got = std::is_lt(order) ? -1 : std::is_gt(order) ? 1 : 0;
    EXPECT_EQ(got, c.want) << c.a << " vs " << c.b;
    EXPECT_EQ(a == b, c.want == 0) << c.a << " vs " << c.b;
    const auto reverse = b <=> a;
    EXPECT_EQ(std::is_lt(reverse)   ? -1
              : std::is_gt(reverse) ? 1
                                    : 0,
              -c.want)
        << c.b << " vs " << c.a;
  }
}

TEST(Version, SortsIntoApplicationOrder) {
  std::vector<Version> vs = {V("1.10"), V("2"), V("1.9"), V("001"), V("1.2.3")};
  std::sort(vs.begin(), vs.end());
  std::vector<std::string> texts;
  texts.reserve(vs.size());
  for (const Version& v : vs) texts.push_back(v.text());
  EXPECT_EQ(texts, (std::vector<std::string>{"001", "1.2.3", "1.9", "1.10", "2"}));
}

}  // namespace
}  // namespace strata::source
