#include "engine/backfill.h"

#include <gtest/gtest.h>

namespace strata::engine {
namespace {

TEST(ReplaceBackfillBounds, TheParsersStandInsKeepEveryOffset) {
  const std::string text = "UPDATE t SET a = 1 WHERE id > :lo AND id <= :HI AND b = ':lo'";
  bool lo = false, hi = false;
  const std::string out = ReplaceBackfillBounds(text, Dialect::kPostgres, &lo, &hi);
  EXPECT_TRUE(lo);
  EXPECT_TRUE(hi);
  EXPECT_EQ(out, "UPDATE t SET a = 1 WHERE id > $1  AND id <= $2  AND b = ':lo'");
  EXPECT_EQ(out.size(), text.size());
}

TEST(ReplaceBackfillBounds, AConnectionsPlaceholdersArePaddedOrShiftWhatFollows) {
  const std::string text = "UPDATE t SET a = 1 WHERE id > :lo AND id <= :hi";
  bool lo = false, hi = false;
  EXPECT_EQ(ReplaceBackfillBounds(text, Dialect::kSqlite, &lo, &hi, {"?", "?"}),
            "UPDATE t SET a = 1 WHERE id > ?   AND id <= ?  ");
  EXPECT_EQ(ReplaceBackfillBounds(text, Dialect::kPostgres, &lo, &hi, {"@lo_", "@hi_"}),
            "UPDATE t SET a = 1 WHERE id > @lo_ AND id <= @hi_");
}

TEST(ReplaceBackfillBounds, AMissingBoundIsReported) {
  bool lo = false, hi = false;
  (void)ReplaceBackfillBounds("UPDATE t SET a = 1 WHERE id > :lo", Dialect::kPostgres, &lo, &hi);
  EXPECT_TRUE(lo);
  EXPECT_FALSE(hi);
}

}  // namespace
}  // namespace strata::engine
