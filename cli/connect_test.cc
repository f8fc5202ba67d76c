#include "cli/connect.h"

#include <gtest/gtest.h>

namespace strata::cli {
namespace {

// Every dialect reaches its SQL dialect and its planner without a connection,
// each the one of that dialect (not, say, the first entry's).
TEST(DriverTable, EveryDialectRendersWithoutAConnection) {
  for (Dialect d : kAllDialects) {
    EXPECT_EQ(SqlDialectFor(d).dialect(), d) << DialectName(d);
    EXPECT_EQ(&SqlDialectFor(d), &SqlDialectFor(d)) << DialectName(d);  // one object
    EXPECT_EQ(PlannerFor(d)->dialect(), d) << DialectName(d);
  }
}

}  // namespace
}  // namespace strata::cli
