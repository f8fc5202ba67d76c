#include "base/dialect.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(ParseDialect, ReadsWhatDialectNameWrites) {
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    Result<Dialect> parsed = ParseDialect(DialectName(d));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, d);
  }
}

TEST(ParseDialect, NamesTheNearestSpellingOfAnUnknownOne) {
  Result<Dialect> typo = ParseDialect("postgress");
  ASSERT_FALSE(typo.ok());
  EXPECT_TRUE(typo.status().is_invalid_input());
  EXPECT_EQ(typo.status().message(),
            "'postgress' is not a dialect (postgres or sqlite); did you mean postgres?");
  EXPECT_EQ(ParseDialect("mysql").status().message(),
            "'mysql' is not a dialect (postgres or sqlite)");
}

}  // namespace
}  // namespace strata
