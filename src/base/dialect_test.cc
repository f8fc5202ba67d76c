#include "base/dialect.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(ParseDialect, ReadsWhatDialectNameWrites) {
  for (Dialect d : kAllDialects) {
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

TEST(DialectSet, ContainsWhatItWasMadeOf) {
  struct Case {
    DialectSet set;
    bool postgres;
    bool sqlite;
  };
  const Case cases[] = {
      {DialectSet{}, false, false},
      {DialectSet{Dialect::kPostgres}, true, false},
      {DialectSet{Dialect::kSqlite}, false, true},
      {DialectSet{Dialect::kPostgres, Dialect::kSqlite}, true, true},
      {DialectSet{Dialect::kSqlite, Dialect::kSqlite}, false, true},  // a repeat is one member
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.set.contains(Dialect::kPostgres), c.postgres);
    EXPECT_EQ(c.set.contains(Dialect::kSqlite), c.sqlite);
    EXPECT_EQ(c.set.empty(), !c.postgres && !c.sqlite);
  }
}

TEST(DialectSet, ComparesByMembersNotByHowItWasWritten) {
  EXPECT_EQ((DialectSet{Dialect::kSqlite, Dialect::kPostgres}),
            (DialectSet{Dialect::kPostgres, Dialect::kSqlite}));
  EXPECT_NE(DialectSet{Dialect::kPostgres}, (DialectSet{Dialect::kPostgres, Dialect::kSqlite}));
  EXPECT_EQ(DialectSet{}, DialectSet({}));
}

TEST(DialectSet, IsAConstantExpression) {
  constexpr DialectSet kBoth{Dialect::kPostgres, Dialect::kSqlite};
  static_assert(kBoth.contains(Dialect::kSqlite));
  static_assert(!DialectSet{Dialect::kPostgres}.contains(Dialect::kSqlite));
  for (Dialect d : kAllDialects) EXPECT_TRUE(kBoth.contains(d));
}

TEST(AllDialects, ListsEachDialectOnceUnderADistinctName) {
  for (size_t i = 0; i < kAllDialects.size(); ++i) {
    for (size_t j = i + 1; j < kAllDialects.size(); ++j) {
      EXPECT_NE(kAllDialects[i], kAllDialects[j]);
      EXPECT_NE(DialectName(kAllDialects[i]), DialectName(kAllDialects[j]));
    }
  }
}

}  // namespace
}  // namespace strata
