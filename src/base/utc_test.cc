#include "base/utc.h"

#include <gtest/gtest.h>

#include <ctime>

namespace strata {
namespace {

TEST(IsoUtc, FormatsSecondsSinceTheEpoch) {
  EXPECT_EQ(IsoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(IsoUtc(59), "1970-01-01T00:00:59Z");
  EXPECT_EQ(IsoUtc(86399), "1970-01-01T23:59:59Z");
  EXPECT_EQ(IsoUtc(951782400), "2000-02-29T00:00:00Z");   // a leap day in a century year
  EXPECT_EQ(IsoUtc(1709251199), "2024-02-29T23:59:59Z");  // the last second of a leap day
  EXPECT_EQ(IsoUtc(1795244100), "2026-11-21T06:55:00Z");
  EXPECT_EQ(IsoUtc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(IsoUtc(253402300799), "9999-12-31T23:59:59Z");
}

TEST(IsoUtc, AgreesWithTheCLibrary) {
  // Every 7,777,777 seconds (about 90 days, never the same time of day) over a
  // century, against gmtime_r and strftime.
  for (int64_t t = 0; t < 4'102'444'800; t += 7'777'777) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char want[32];
    std::strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ASSERT_EQ(IsoUtc(t), want) << t;
  }
}

TEST(UtcNow, IsTheCurrentSecond) {
  const std::time_t before = std::time(nullptr);
  const std::string now = UtcNow();
  const std::time_t after = std::time(nullptr);
  EXPECT_TRUE(now == IsoUtc(before) || now == IsoUtc(after)) << now;
}

}  // namespace
}  // namespace strata
