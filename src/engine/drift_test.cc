// ChooseReplay is pure: the target's history reconciled with the files in,
// the migrations drift replays out.
#include "engine/drift.h"

#include <gtest/gtest.h>

#include "engine/reconcile_test_util.h"

namespace strata::engine {
namespace {

using testing::Repeatable;
using testing::Row;
using testing::Versioned;

std::vector<std::string> Ids(const DriftReplay& replay) {
  std::vector<std::string> ids;
  for (const source::Migration& m : replay.migrations.migrations) ids.push_back(m.id);
  return ids;
}

TEST(ChooseReplay, AppliedMigrationsInTheSetsOrderWithoutPendingOnes) {
  source::MigrationSet set;
  set.dir = "db/migrations";
  set.layout = source::Layout::kFlyway;
  set.migrations = {Versioned("001"), Versioned("002"), Versioned("003")};
  // Applied out of order: 002 before 001; 003 pending.
  const Overview ov = Reconcile(set, {Row(1, "002"), Row(2, "001")});
  const DriftReplay replay = ChooseReplay(ov, set);
  EXPECT_EQ(Ids(replay), (std::vector<std::string>{"001", "002"}));
  EXPECT_EQ(replay.migrations.dir, "db/migrations");
  EXPECT_EQ(replay.migrations.layout, source::Layout::kFlyway);
  EXPECT_TRUE(replay.warnings.empty());
}

// baseline --version 002 says the database holds everything up to and
// including 002: 001 (below the baseline) and 002 itself are replayed.
TEST(ChooseReplay, ABaselineVersionIsReplayedWithEverythingBelowIt) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002"), Versioned("003"), Versioned("004")};
  const Overview ov =
      Reconcile(set, {Row(1, "002", "", kStateApplied, kKindBaseline), Row(2, "003")});
  EXPECT_EQ(Ids(ChooseReplay(ov, set)), (std::vector<std::string>{"001", "002", "003"}));
}

TEST(ChooseReplay, NothingAppliedReplaysNothing) {
  source::MigrationSet set;
  set.migrations = {Versioned("001")};
  const Overview ov = Reconcile(set, {});
  const DriftReplay replay = ChooseReplay(ov, set);
  EXPECT_TRUE(replay.migrations.migrations.empty());
  EXPECT_TRUE(replay.warnings.empty());
}

TEST(ChooseReplay, ARepeatableEditedSinceItRanIsReplayedAsItIsNow) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Repeatable("views", "new"), Repeatable("never_run", "x")};
  HistoryRow views = Row(2, std::nullopt, "old", kStateApplied, kKindRepeatable);
  views.description = "views";
  const Overview ov = Reconcile(set, {Row(1, "001"), views});
  EXPECT_EQ(Ids(ChooseReplay(ov, set)), (std::vector<std::string>{"001", "R__views"}));
}

TEST(ChooseReplay, PartlyAppliedPhasesAndMissingFilesAreLeftOutWithAWarning) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("003")};
  source::Migration& phased = set.migrations[1];
  for (source::Phase p : source::kAllPhases) {
    phased.phases.push_back(source::PhaseScripts{p, {}, {}});
  }
  HistoryRow expand = Row(3, "003");
  expand.phase = "expand";
  const Overview ov = Reconcile(set, {Row(1, "001"), Row(2, "002"), expand});
  const DriftReplay replay = ChooseReplay(ov, set);
  EXPECT_EQ(Ids(replay), (std::vector<std::string>{"001"}));
  EXPECT_EQ(replay.warnings,
            (std::vector<std::string>{
                "applied migration 002 has no file; drift cannot replay it",
                "migration 003 is applied only in part (phases); drift compares without it"}));
}

}  // namespace
}  // namespace strata::engine
