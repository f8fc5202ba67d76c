// MatchPeerHistory: each peer's records paired with the files, without a database.
#include "engine/adopt.h"

#include <gtest/gtest.h>

#include "source/checksum.h"
#include "source/liquibase_checksum.h"

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
Result<PeerChecksum> PathAsChecksum(Peer, const source::Migration& m, const std::string&) {
  return PeerChecksum{m.up.path, ""};
}

// Liquibase's: the version-9 checksum of the changeset's SQL, or why not.
Result<PeerChecksum> LiquibaseSum(Peer, const source::Migration& m, const std::string& kept) {
  Result<std::string> sum = source::LiquibaseChecksumLike(kept, m.up.sql);
  if (!sum.ok()) return PeerChecksum{"", sum.status().message()};
  return PeerChecksum{*sum, ""};
}

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

TEST(MatchPeerHistory, LiquibaseChangesetEditedOrInAnOlderChecksumIsAProblem) {
  source::MigrationSet set;
  set.layout = source::Layout::kLiquibase;
  set.migrations = {Named("1", "alice:1", "db/a.sql"), Named("2", "alice:2", "db/a.sql"),
                    Named("3", "alice:3", "db/a.sql"), Named("4", "alice:4", "db/a.sql")};
  for (source::Migration& m : set.migrations) m.up.sql = "CREATE TABLE t" + m.id + " (id int);\n";
  PeerHistory h;
  h.peer = Peer::kLiquibase;
  h.table = "databasechangelog";
  // 1 as Liquibase summed it; 2 summed before an edit; 3 in version 8; 4 cleared.
  PeerEntry same = Entry("alice:1", source::LiquibaseChecksumV9("CREATE TABLE t1 (id int);"));
  PeerEntry edited = Entry("alice:2", source::LiquibaseChecksumV9("CREATE TABLE t2 (id text);"));
  PeerEntry older = Entry("alice:3", "8:d0e8ec5e3b5380571154dfb483e6080a");
  PeerEntry cleared = Entry("alice:4");
  cleared.checksum_cleared = true;
  h.entries = {same, edited, older, cleared};
  Result<AdoptReport> r = MatchPeerHistory(h, set, false, LiquibaseSum);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(r->steps[0].unverified, "");
  EXPECT_EQ(r->steps[1].unverified, "checksum cleared in databasechangelog: not compared");
  ASSERT_EQ(r->problems.size(), 2u);
  EXPECT_EQ(r->problems[0].file, "db/a.sql");
  EXPECT_NE(r->problems[0].message.find("the file changed since liquibase applied it (its "
                                        "checksum " +
                                        edited.checksum + ", the file's now 9:"),
            std::string::npos)
      << r->problems[0].message;
  EXPECT_NE(r->problems[1].message.find("cannot verify Liquibase checksum version 8"),
            std::string::npos)
      << r->problems[1].message;
  EXPECT_NE(r->problems[1].message.find("--accept-changed"), std::string::npos);
  // Accepted: the edited one as changed, the older one as not verified.
  r = MatchPeerHistory(h, set, true, LiquibaseSum);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_TRUE(r->steps[1].changed);
  EXPECT_FALSE(r->steps[2].changed);
  EXPECT_NE(r->steps[2].unverified.find("version 8"), std::string::npos);
  EXPECT_TRUE(r->problems.empty());
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
