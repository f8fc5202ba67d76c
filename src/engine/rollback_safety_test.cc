// The checks behind `down`'s refusal and warnings, without a database.
#include "engine/rollback_safety.h"

#include <gtest/gtest.h>

namespace strata::engine {
namespace {

source::Migration Versioned(const std::string& id, std::vector<std::string> depends = {}) {
  source::Migration m;
  m.id = id;
  m.version = *source::Version::Parse(id);
  m.up.path = id + "_m.sql";
  m.meta.depends = std::move(depends);
  return m;
}

TEST(FindStayingDependents, NamesDirectAndTransitiveDependentsThatStay) {
  source::MigrationSet set;
  // 004 needs 002 through 003; 005 needs nothing.
  set.migrations = {Versioned("001"), Versioned("002"), Versioned("003", {"002"}),
                    Versioned("004", {"3"}), Versioned("005")};
  const auto& m = set.migrations;
  const auto found = FindStayingDependents(set, {&m[1]}, {&m[0], &m[2], &m[3], &m[4]});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].migration, &m[1]);
  EXPECT_EQ(found[0].dependents, (std::vector<std::string>{"003", "004"}));
}

TEST(FindStayingDependents, NothingWhenDependentsLeaveToo) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002", {"001"}), Versioned("003", {"002"})};
  const auto& m = set.migrations;
  EXPECT_TRUE(FindStayingDependents(set, {&m[2], &m[1], &m[0]}, {}).empty());
  EXPECT_TRUE(FindStayingDependents(set, {&m[2]}, {&m[0], &m[1]}).empty());
  // --to 001 would leave 001 behind, which depends on nothing: fine.
  EXPECT_TRUE(FindStayingDependents(set, {&m[2], &m[1]}, {&m[0]}).empty());
}

TEST(DaysSince, CountsWholeDaysAndRejectsOtherText) {
  const auto now = std::chrono::system_clock::from_time_t(1'800'000'000);  // 2027-01-15T08:00:00Z
  EXPECT_EQ(DaysSince("2027-01-15T08:00:00Z", now), 0);
  EXPECT_EQ(DaysSince("2027-01-14T08:00:01Z", now), 0);
  EXPECT_EQ(DaysSince("2027-01-14T08:00:00Z", now), 1);
  EXPECT_EQ(DaysSince("2026-12-01 08:00:00", now), 45);
  EXPECT_EQ(DaysSince("yesterday", now), std::nullopt);
  EXPECT_EQ(DaysSince("", now), std::nullopt);
}

}  // namespace
}  // namespace strata::engine
