// MatchPeerHistory: each peer's records paired with the files, without a database.
#include "engine/adopt.h"

#include <gtest/gtest.h>

#include "source/checksum.h"

namespace strata::engine {
namespace {

source::Migration Versioned(const std::string& id, const std::string& path) {
  source::Migration m;
  m.id = id;
  m.version = *source::Version::Parse(id);
  m.description = "m" + id;
  m.up.path = path;
  return m;
}

source::Migration Named(const std::string& id, const std::string& name, const std::string& path) {
  source::Migration m = Versioned(id, path);
  m.description = name;
  return m;
}

PeerEntry Entry(const std::string& key, const std::string& checksum = "") {
  PeerEntry e;
  e.key = key;
  e.checksum = checksum;
  e.where = "row " + key;
  return e;
}

// The peer's checksum of each file is its path's, so a test says which differ.
Result<std::string> PathAsChecksum(Peer, const source::Migration& m) { return m.up.path; }

std::vector<std::string> Ids(const AdoptReport& r) {
  std::vector<std::string> out;
  for (const AdoptStep& s : r.steps) out.push_back(s.baseline ? "B" + s.version : s.migration->id);
  return out;
}

TEST(MatchPeerHistory, FlywayRowsPairWithVersionsAndTheRestIsPending) {
  source::MigrationSet set;
  set.layout = source::Layout::kFlyway;
  set.migrations = {Versioned("1", "V1__a.sql"), Versioned("1.1", "V1_1__b.sql"),
                    Versioned("2", "V2__c.sql")};
  PeerHistory h;
  h.peer = Peer::kFlyway;
  h.entries = {Entry("1", "V1__a.sql"), Entry("1.1", "V1_1__b.sql")};
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"1", "1.1"}));
  EXPECT_TRUE(r->problems.empty());
  EXPECT_EQ(r->pending, (std::vector<std::string>{"2"}));
}

TEST(MatchPeerHistory, AChangedFileFailedRowOrMissingFileIsAProblem) {
  source::MigrationSet set;
  set.migrations = {Versioned("1", "V1__a.sql"), Versioned("2", "V2__b.sql")};
  PeerHistory h;
  h.peer = Peer::kFlyway;
  PeerEntry failed = Entry("2", "V2__b.sql");
  failed.failure = "Flyway recorded it as failed";
  h.entries = {Entry("1", "other"), failed, Entry("3", "x")};
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 3u);
  EXPECT_NE(r->problems[0].message.find("the file changed"), std::string::npos);
  EXPECT_EQ(r->problems[0].file, "V1__a.sql");
  EXPECT_NE(r->problems[1].message.find("failed"), std::string::npos);
  EXPECT_NE(r->problems[2].message.find("no migration file has that version"), std::string::npos);
  // Accepting changed files takes the first; the others stay problems.
  r = MatchPeerHistory(h, set, true, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"1"}));
  EXPECT_TRUE(r->steps[0].changed);
  EXPECT_EQ(r->problems.size(), 2u);
}

TEST(MatchPeerHistory, FlywayBaselineLeavesEarlierFilesOutOfPending) {
  source::MigrationSet set;
  set.migrations = {Versioned("1", "V1__a.sql"), Versioned("2", "V2__b.sql"),
                    Versioned("3", "V3__c.sql")};
  PeerHistory h;
  h.peer = Peer::kFlyway;
  PeerEntry baseline = Entry("2");
  baseline.baseline = true;
  h.entries = {baseline};
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"B2"}));
  EXPECT_EQ(r->pending, (std::vector<std::string>{"3"}));
}

TEST(MatchPeerHistory, GolangMigrateTakesEveryFileUpToItsVersionUnlessDirty) {
  source::MigrationSet set;
  set.migrations = {Versioned("1", "1_a.up.sql"), Versioned("2", "2_b.up.sql"),
                    Versioned("3", "3_c.up.sql")};
  PeerHistory h;
  h.peer = Peer::kGolangMigrate;
  h.table = "schema_migrations";
  h.up_to_version = "2";
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(r->pending, (std::vector<std::string>{"3"}));
  h.refusal = "golang-migrate left version 2 dirty";
  r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].where, "schema_migrations");
  h.refusal.clear();
  h.up_to_version = "7";
  r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_NE(r->problems[0].message.find("at version 7"), std::string::npos);
}

TEST(MatchPeerHistory, SqitchPairsReworkedChangesInPlanOrder) {
  source::MigrationSet set;
  set.layout = source::Layout::kSqitch;
  set.migrations = {Named("1", "users@v1", "deploy/users@v1.sql"),
                    Named("2", "flips", "deploy/flips.sql"),
                    Named("3", "users", "deploy/users.sql")};
  PeerHistory h;
  h.peer = Peer::kSqitch;
  h.entries = {Entry("users"), Entry("flips"), Entry("users")};
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"1", "2", "3"}));
  // Outside sqitch's layout the names cannot be paired.
  set.layout = source::Layout::kNumbered;
  r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_NE(r->problems[0].message.find("sqitch.plan"), std::string::npos);
}

TEST(MatchPeerHistory, LiquibasePairsAuthorIdWithinItsFile) {
  source::MigrationSet set;
  set.layout = source::Layout::kLiquibase;
  set.migrations = {Named("1", "alice:1", "db/a.sql"), Named("2", "alice:1", "db/b.sql")};
  PeerHistory h;
  h.peer = Peer::kLiquibase;
  PeerEntry e = Entry("alice:1");
  e.file = "b.sql";
  h.entries = {e};
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, PathAsChecksum);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"2"}));
  EXPECT_EQ(r->pending, (std::vector<std::string>{"1"}));
}

TEST(FlywayChecksum, IsCrc32OfTheLinesWithoutTheirEndings) {
  // zlib.crc32(b"CREATE TABLE a (id int);SELECT 1;") as a signed 32-bit integer.
  EXPECT_EQ(source::FlywayChecksum("CREATE TABLE a (id int);\nSELECT 1;\n"), 1455298515);
  EXPECT_EQ(source::FlywayChecksum("CREATE TABLE a (id int);\r\nSELECT 1;"), 1455298515);
  EXPECT_EQ(source::FlywayChecksum("\xEF\xBB\xBF"
                                   "CREATE TABLE a (id int);\rSELECT 1;"),
            1455298515);
  EXPECT_EQ(source::FlywayChecksum(""), 0);
}

}  // namespace
}  // namespace strata::engine
