// The seeded random-schema property test on SQLite: the generator's SQLite
// rendering (SQLite's type names; no schemas, enums, domains, sequences,
// comments or exclusion constraints). For each seed:
//  1. A and B load with the sqlite3 shell;
//  2. applying `strata diff --from a.db --to b.db --format sql` to a.db with
//     sqlite3 leaves `strata diff --from a.db --to b.db` without changes;
//  3. `strata schema dump` of a.db loaded into an empty c.db leaves
//     `strata diff --from a.db --to c.db` without changes, and strata dumps
//     c.db as it dumped a.db.
// The SQLite example's migrations are compared against an empty database by
// diff both ways. As in schema_diff_property_test.cc, the diff steps run once
// the binary has `strata diff`.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "tests/integration/harness.h"
#include "tests/integration/property.h"

namespace strata::testing {
namespace {

constexpr int kDefaultSeeds = 200;  // cheap on SQLite: about a second per 50
constexpr char kTest[] = "schema_diff_property_sqlite_test";

class SqliteSeedRun : public SeedRun {
 public:
  SqliteSeedRun(int seed, const TempDir& dir, bool diff)
      : SeedRun(kTest, seed, Dialect::kSqlite, dir), diff_(diff) {}

  // Property 1; "" when it holds.
  std::string Loads() {
    if (!Load("a.db", "A.sql") || !Load("b.db", "B.sql")) return failure();
    return "";
  }

  // Properties 2 and 3; without diff, property 3 on A. "" when they hold.
  std::string PlanAndRoundTrip() {
    if (!Load("a.db", "A.sql")) return failure();
    if (diff_ && !(Load("b.db", "B.sql") && PlanTurnsAIntoB())) return failure();
    if (!DumpRoundTrips()) return failure();
    return "";
  }

 private:
  std::string Url(const std::string& db) const { return "sqlite:" + (dir().path() / db).string(); }

  // A new database file `db` with `script` loaded by the sqlite3 shell.
  bool Load(const std::string& db, const std::string& script) {
    std::filesystem::remove(dir().path() / db);
    return Apply(db, script, script + " does not load with sqlite3");
  }

  bool Apply(const std::string& db, const std::string& script, const std::string& what) {
    const RunResult run =
        RunTool({"sqlite3", "-bail", (dir().path() / db).string()}, dir().path() / script);
    // The scripts print nothing, so anything on stderr is a problem too.
    if (run.exit_code == 0 && run.err.empty()) return true;
    return Fail(what, run.err);
  }

  bool PlanTurnsAIntoB() {
    const RunResult plan = DiffPlan(Url("a.db"), Url("b.db"));
    if (plan.exit_code != 0) return Fail("strata diff --format sql failed", plan.err);
    SetPlan(plan.out);
    if (!Apply("a.db", "plan.sql", "the plan fails on a.db")) return false;
    const std::string remaining = RemainingChanges(Url("a.db"), Url("b.db"));
    if (!remaining.empty()) return Fail("diff(a, b) is not empty after the plan", remaining);
    return true;
  }

  bool DumpRoundTrips() {
    const RunResult dump = RunStrata({"--url", Url("a.db"), "schema", "dump"});
    if (dump.exit_code != 0) return Fail("strata schema dump of a.db failed", dump.err);
    dir().Write("dump.sql", dump.out);
    if (!Load("c.db", "dump.sql")) return false;
    if (diff_) {
      const std::string remaining = RemainingChanges(Url("a.db"), Url("c.db"));
      if (!remaining.empty()) return Fail("diff(a, c) is not empty after the dump", remaining);
    }
    const RunResult again = RunStrata({"--url", Url("c.db"), "schema", "dump"});
    const std::string difference = FirstDifference(dump.out, again.out);
    if (!difference.empty()) return Fail("strata dumps c.db differently from a.db", difference);
    return true;
  }

  bool diff_;
};

class SchemaDiffPropertySqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!OnPath("sqlite3")) GTEST_SKIP() << "the sqlite3 shell is needed";
    for (int i = 0; i < PropertyJobs(); ++i) dirs_.push_back(std::make_unique<TempDir>());
  }
  void ForSeeds(const std::function<std::string(int, const TempDir&)>& check) {
    CheckSeeds(kDefaultSeeds, static_cast<int>(dirs_.size()),
               [&](int seed, int worker) { return check(seed, *dirs_[worker]); });
  }
  std::vector<std::unique_ptr<TempDir>> dirs_;
};

TEST_F(SchemaDiffPropertySqlite, EveryGeneratedSchemaAndItsMutationLoad) {
  ForSeeds([](int seed, const TempDir& dir) { return SqliteSeedRun(seed, dir, false).Loads(); });
}

TEST_F(SchemaDiffPropertySqlite, ThePlanTurnsAIntoBAndTheDumpRoundTrips) {
  const bool diff = StrataHasCommand("diff");
  if (!diff) std::printf("strata has no diff command yet: only the dump round trip of A runs\n");
  ForSeeds([diff](int seed, const TempDir& dir) {
    return SqliteSeedRun(seed, dir, diff).PlanAndRoundTrip();
  });
}

// The SQLite example migrated with `strata up`, against an empty database:
// the plan from empty builds the same schema in another empty database, and
// the plan to empty empties the migrated one.
TEST_F(SchemaDiffPropertySqlite, TheWorkflowExampleDiffsBothWaysAgainstAnEmptyDatabase) {
  if (!StrataHasCommand("diff")) GTEST_SKIP() << "strata has no diff command yet";
  const TempDir& dir = *dirs_[0];
  auto url = [&dir](const char* db) { return "sqlite:" + (dir.path() / db).string(); };
  auto apply = [&dir](const char* db, const char* script) {
    return RunTool({"sqlite3", "-bail", (dir.path() / db).string()}, dir.path() / script);
  };
  const std::string example = (SourceDir() / "examples/workflow-sqlite/migrations").string();
  const RunResult up = RunStrata({"--url", url("full.db"), "--dir", example, "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  dir.Write("empty.sql", "CREATE TABLE t (a);\nDROP TABLE t;\n");  // a file, with no schema
  ASSERT_EQ(apply("empty.db", "empty.sql").exit_code, 0);

  const RunResult build = DiffPlan(url("empty.db"), url("full.db"));
  ASSERT_EQ(build.exit_code, 0) << build.err;
  dir.Write("build.sql", build.out);
  const RunResult built = apply("built.db", "build.sql");
  ASSERT_EQ(built.exit_code, 0) << built.err << "\nplan:\n" << build.out;
  EXPECT_EQ(RemainingChanges(url("built.db"), url("full.db")), "") << "plan:\n" << build.out;

  const RunResult teardown = DiffPlan(url("full.db"), url("empty.db"));
  ASSERT_EQ(teardown.exit_code, 0) << teardown.err;
  dir.Write("teardown.sql", teardown.out);
  const RunResult emptied = apply("full.db", "teardown.sql");
  ASSERT_EQ(emptied.exit_code, 0) << emptied.err << "\nplan:\n" << teardown.out;
  EXPECT_EQ(RemainingChanges(url("full.db"), url("empty.db")), "") << "plan:\n" << teardown.out;
}

}  // namespace
}  // namespace strata::testing
