// Reconcile is pure: migrations and history rows in, states out.
#include "engine/reconcile.h"

#include <gtest/gtest.h>

#include "engine/reconcile_test_util.h"

namespace strata::engine {
namespace {

using testing::Repeatable;
using testing::Row;
using testing::Versioned;

const MigrationStatus& Item(const Overview& ov, const std::string& id) {
  for (const auto& s : ov.items) {
    if (s.id() == id) return s;
  }
  static MigrationStatus none;
  ADD_FAILURE() << "no item " << id;
  return none;
}

TEST(Reconcile, EverythingIsPendingWithoutHistory) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002")};
  const Overview ov = Reconcile(set, {});
  EXPECT_EQ(ov.pending, 2u);
  EXPECT_EQ(ov.applied, 0u);
  EXPECT_EQ(ov.current_version, "");
  EXPECT_EQ(Item(ov, "001").state, State::kPending);
  EXPECT_FALSE(Item(ov, "001").out_of_order);
}

TEST(Reconcile, AppliedRowsMatchFilesByVersionAndFlagChanges) {
  source::MigrationSet set;
  set.migrations = {Versioned("001", "c", "1.0.0"), Versioned("002", "new", "1.1.0"),
                    Versioned("003")};
  HistoryRow formatting = Row(2, "2", "old");
  formatting.checksum_semantic = "news";  // same tokens, other bytes
  const Overview ov = Reconcile(set, {Row(1, "001"), formatting});
  EXPECT_EQ(Item(ov, "001").state, State::kApplied);
  EXPECT_FALSE(Item(ov, "001").content_changed);
  EXPECT_EQ(Item(ov, "002").state, State::kApplied);  // "2" matches "002"
  EXPECT_TRUE(Item(ov, "002").content_changed);
  EXPECT_FALSE(Item(ov, "002").semantic_changed);
  EXPECT_EQ(ov.current_version, "2");
  EXPECT_EQ(ov.applied, 2u);
  EXPECT_EQ(ov.pending, 1u);
}

TEST(Reconcile, MissingFilesAndOutOfOrderPendingAreFlagged) {
  source::MigrationSet set;
  set.migrations = {Versioned("002"), Versioned("003")};
  const Overview ov = Reconcile(set, {Row(1, "001"), Row(2, "003")});
  EXPECT_EQ(Item(ov, "001").state, State::kMissingFile);
  EXPECT_EQ(Item(ov, "002").state, State::kPending);
  EXPECT_TRUE(Item(ov, "002").out_of_order);
}

TEST(Reconcile, BaselineCoversOlderMigrations) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002"), Versioned("003")};
  const Overview ov = Reconcile(set, {Row(1, "002", "", kStateApplied, kKindBaseline)});
  EXPECT_EQ(Item(ov, "001").state, State::kBelowBaseline);
  EXPECT_EQ(Item(ov, "002").state, State::kBaseline);
  EXPECT_EQ(Item(ov, "003").state, State::kPending);
  EXPECT_FALSE(Item(ov, "003").out_of_order);
  EXPECT_EQ(ov.pending, 1u);
}

TEST(Reconcile, NonTransactionalStatesComeFromTheStateColumn) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002"), Versioned("003")};
  const Overview ov =
      Reconcile(set, {Row(1, "001", "c", kStateFailed), Row(2, "002", "c", kStateRunning),
                      Row(3, "003", "c", kStateResume)});
  EXPECT_EQ(Item(ov, "001").state, State::kFailed);
  EXPECT_EQ(Item(ov, "002").state, State::kInterrupted);
  EXPECT_EQ(Item(ov, "003").state, State::kResumable);
  EXPECT_EQ(ov.applied, 0u);
}

TEST(Reconcile, RepeatablesRunAgainWhenTheirChecksumChanges) {
  source::MigrationSet set;
  set.migrations = {Repeatable("views", "v2"), Repeatable("grants", "g1")};
  HistoryRow views = Row(1, "", "v1", kStateApplied, kKindRepeatable);
  views.version.reset();
  views.description = "views";
  HistoryRow grants = Row(2, "", "g1", kStateApplied, kKindRepeatable);
  grants.version.reset();
  grants.description = "grants";
  const Overview ov = Reconcile(set, {views, grants});
  EXPECT_EQ(Item(ov, "R__views").state, State::kRepeatableChanged);
  EXPECT_EQ(Item(ov, "R__grants").state, State::kApplied);
}

TEST(Reconcile, SchemaVersionIsTheNewestAppliedHeader) {
  source::MigrationSet set;
  set.migrations = {Versioned("001", "c", "1.0.0"), Versioned("002", "c", "1.1.0"),
                    Versioned("003", "c", "2.0.0")};
  HistoryRow a = Row(1, "001");
  a.schema_version = "1.0.0";
  HistoryRow b = Row(2, "002");
  b.schema_version = "1.1.0";
  const Overview ov = Reconcile(set, {a, b});
  EXPECT_EQ(ov.schema_version, "1.1.0");
}

TEST(Reconcile, ItemsComeBaselineAndMissingFilesFirstThenAppliedByRankThenPending) {
  source::MigrationSet set;
  set.migrations = {Versioned("002"), Versioned("004"), Versioned("005"), Versioned("006")};
  source::Migration& phased = set.migrations[3];
  for (source::Phase p : source::kAllPhases)
    phased.phases.push_back(source::PhaseScripts{p, {}, {}});
  HistoryRow expand = Row(5, "006");
  expand.phase = "expand";
  HistoryRow migrate = Row(6, "006");
  migrate.phase = "migrate";
  const Overview ov =
      Reconcile(set, {Row(1, "001", "", kStateApplied, kKindBaseline), Row(2, "003"), Row(3, "004"),
                      Row(4, "002"), expand, migrate});
  std::vector<std::string> ids;
  for (const MigrationStatus& s : ov.items) ids.push_back(s.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"001", "003", "004", "002", "006", "005"}));
  EXPECT_EQ(Item(ov, "001").state, State::kBaseline);
  EXPECT_EQ(Item(ov, "003").state, State::kMissingFile);
  EXPECT_EQ(Item(ov, "002").state, State::kApplied);
  EXPECT_EQ(Item(ov, "005").state, State::kPending);
  // A phased migration is one item: its newest row, and the phases applied.
  const MigrationStatus& six = Item(ov, "006");
  EXPECT_EQ(six.state, State::kPartial);
  ASSERT_NE(six.row, nullptr);
  EXPECT_EQ(six.row->rank, 6);
  EXPECT_EQ(six.phases_applied,
            (std::vector<source::Phase>{source::Phase::kExpand, source::Phase::kMigrate}));
  EXPECT_EQ(ov.current_version, "006");
  EXPECT_EQ(ov.applied, 2u);  // 004 and 002; the partial one is not counted
  EXPECT_EQ(ov.pending, 1u);
}

TEST(Reconcile, StatusesPointIntoTheOverviewsOwnRowsAfterAMove) {
  source::MigrationSet set;
  set.migrations = {Versioned("001"), Versioned("002")};
  Overview ov = Reconcile(set, {Row(1, "001"), Row(2, "002")});
  const Overview moved = std::move(ov);
  ASSERT_EQ(moved.history.size(), 2u);
  EXPECT_EQ(Item(moved, "001").row, &moved.history.front());
  EXPECT_EQ(Item(moved, "002").row, &moved.history.back());
}

}  // namespace
}  // namespace strata::engine
