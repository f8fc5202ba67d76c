#include "base/numbers.h"

#include <gtest/gtest.h>

#include <string>

namespace strata {
namespace {

TEST(ParseInt64, AcceptsWholeDecimalNumbers) {
  struct Case {
    std::string text;
    int64_t want;
  };
  const Case cases[] = {
      {"0", 0},
      {"42", 42},
      {"-7", -7},
      {"007", 7},
      {"9223372036854775807", INT64_MAX},
      {"-9223372036854775808", INT64_MIN},
  };
  for (const Case& c : cases) {
    Result<int64_t> got = ParseInt64(c.text);
    ASSERT_TRUE(got.ok()) << c.text << ": " << got.status().ToString();
    EXPECT_EQ(*got, c.want) << c.text;
  }
}

TEST(ParseInt64, RejectsAnythingElseWithAnErrorNamingTheText) {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "'' is not a whole number"},
      {"x", "'x' is not a whole number"},
      {"sixty", "'sixty' is not a whole number"},
      {"12ms", "'12ms' is not a whole number"},
      {"1.5", "'1.5' is not a whole number"},
      {"1e9", "'1e9' is not a whole number"},
      {" 1", "' 1' is not a whole number"},
      {"1 ", "'1 ' is not a whole number"},
      {"12\nrows", "'12 ...' is not a whole number"},
      {"+1", "'+1' is not a whole number"},
      {"-", "'-' is not a whole number"},
      {"0x10", "'0x10' is not a whole number"},
      {"9223372036854775808", "'9223372036854775808' is out of range"},
      {"-9223372036854775809", "'-9223372036854775809' is out of range"},
      {"99999999999999999999999999", "is out of range"},
  };
  for (const Case& c : cases) {
    Result<int64_t> got = ParseInt64(c.text);
    ASSERT_FALSE(got.ok()) << "'" << c.text << "' parsed as " << *got;
    EXPECT_TRUE(got.status().is_invalid_input()) << c.text;
    EXPECT_NE(got.status().message().find(c.message), std::string::npos)
        << c.text << ": " << got.status().message();
  }
}

TEST(ParseInt, KeepsToTheRangeOfInt) {
  EXPECT_EQ(*ParseInt("2147483647"), 2147483647);
  EXPECT_EQ(*ParseInt("-2147483648"), -2147483647 - 1);
  EXPECT_FALSE(ParseInt("2147483648").ok());
  EXPECT_FALSE(ParseInt("-2147483649").ok());
  EXPECT_FALSE(ParseInt("3x").ok());
}

}  // namespace
}  // namespace strata
