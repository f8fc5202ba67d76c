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

// The migrations of `set` at `indexes`, as the checks take them.
std::vector<const source::Migration*> At(const source::MigrationSet& set,
                                         std::initializer_list<size_t> indexes) {
  std::vector<const source::Migration*> out;
  out.reserve(indexes.size());
  for (const size_t i : indexes) out.push_back(&set.migrations[i]);
  return out;
}

TEST(MissingRollback, NamesWhereTheRollbackGoesInTheLayout) {
  source::Migration m = Versioned("003");
  const Status numbered = MissingRollback(m, source::Layout::kNumbered);
  EXPECT_TRUE(numbered.is_conflict());
  EXPECT_EQ(numbered.context().file, "003_m.sql");
  EXPECT_NE(numbered.message().find("rollback/003_rollback.sql"), std::string::npos);
  EXPECT_NE(
      MissingRollback(m, source::Layout::kGolangMigrate).message().find("003_<name>.down.sql"),
      std::string::npos);
  EXPECT_NE(MissingRollback(m, source::Layout::kFlyway).message().find("U003__"),
            std::string::npos);
  m.down = source::Script{"rollback/003_rollback.sql", "DROP TABLE t;\n", 1, {}, {}};
  EXPECT_TRUE(MissingRollback(m, source::Layout::kNumbered).ok());
}

TEST(MissingRollback, APhasedMigrationNeedsTheDownOfThePhasesAsked) {
  source::Migration m = Versioned("004");
  m.phases.push_back({source::Phase::kExpand, {}, source::Script{}});
  m.phases.push_back({source::Phase::kContract, {}, std::nullopt});
  EXPECT_TRUE(MissingRollback(m, source::Layout::kNumbered, {source::Phase::kExpand}).ok());
  const Status all = MissingRollback(m, source::Layout::kNumbered);
  EXPECT_NE(all.message().find("contract phase has no rollback"), std::string::npos)
      << all.message();
  const Status gone = MissingRollback(m, source::Layout::kNumbered, {source::Phase::kMigrate});
  EXPECT_NE(gone.message().find("migrate phase is no longer in the file"), std::string::npos)
      << gone.message();
}

TEST(FindStayingDependents, NamesDirectAndTransitiveDependentsThatStay) {
  source::MigrationSet set;
  // 004 needs 002 through 003; 005 needs nothing.
  set.migrations = {Versioned("001"), Versioned("002"), Versioned("003", {"002"}),
                    Versioned("004", {"3"}), Versioned("005")};
  const auto found = FindStayingDependents(set, At(set, {1}), At(set, {0, 2, 3, 4}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].migration, &set.migrations[1]);
  EXPECT_EQ(found[0].dependents, (std::vector<std::string>{"003", "004"}));
}

TEST(FindStayingDependents, NothingWhenDependentsLeaveToo) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002", {"001"}), Versioned("003", {"002"})};
  EXPECT_TRUE(FindStayingDependents(set, At(set, {2, 1, 0}), {}).empty());
  EXPECT_TRUE(FindStayingDependents(set, At(set, {2}), At(set, {0, 1})).empty());
  // --to 001 would leave 001 behind, which depends on nothing: fine.
  EXPECT_TRUE(FindStayingDependents(set, At(set, {2, 1}), At(set, {0})).empty());
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
