// The seeded random-schema property test on PostgreSQL 15. For each seed, A is
// a random schema (tests/schema_gen) and B = A with random changes of every
// kind a diff handles. The properties:
//  1. A and B load into an empty database with psql (the generator is valid);
//  2. applying `strata diff --from a --to b --format sql` to a with psql leaves
//     `strata diff --from a --to b` without changes, and pg_dump of a and b agree;
//  3. `strata schema dump` of a loaded into an empty database c leaves
//     `strata diff --from a --to c` without changes, pg_dump of a and c agree and
//     strata dumps c as it dumped a.
// The PostgreSQL example's migrations are compared against an empty database by
// diff both ways. Steps that need `strata diff` run once the binary has it;
// until then property 3 is checked on A alone (and the output says so) and the
// example test skips.
//
// The seeds are split over kShards tests so that each stays well inside
// ctest's timeout. A failure names its seed, B's changes and the plan, keeps the seed's SQL
// files, and says how to rerun that seed alone (property.h has the knobs).
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "tests/integration/harness.h"
#include "tests/integration/property.h"

namespace strata::testing {
namespace {

constexpr int kDefaultSeeds = 120;
// About a second of server time a seed on two cores: four tests of 30 seeds.
// 120 keeps the CI suite inside its 30 minutes; STRATA_PROPERTY_SEEDS=K runs more.
constexpr int kShards = 4;
constexpr char kTest[] = "schema_diff_property_test";

// What one worker thread uses, emptied again for each seed.
struct Workspace {
  PgDatabase a, b, c;
  TempDir dir;
};

class PgSeedRun : public SeedRun {
 public:
  PgSeedRun(int seed, Workspace& ws, bool diff)
      : SeedRun(kTest, seed, Dialect::kPostgres, ws.dir), ws_(ws), diff_(diff) {}

  // Property 1; "" when it holds.
  std::string Loads() {
    if (!Load(ws_.a, "A.sql") || !Load(ws_.b, "B.sql")) return failure();
    return "";
  }

  // Properties 2 and 3; without diff, property 3 on A. "" when they hold.
  std::string PlanAndRoundTrip() {
    if (!Load(ws_.a, "A.sql")) return failure();
    if (diff_ && !(Load(ws_.b, "B.sql") && PlanTurnsAIntoB())) return failure();
    if (!DumpRoundTrips()) return failure();
    return "";
  }

 private:
  bool Load(PgDatabase& db, const std::string& file) {
    db.Empty();
    const RunResult load = Psql(db.url(), dir().path() / file);
    if (load.exit_code == 0) return true;
    return Fail(file + " does not load with psql", load.err);
  }

  bool PlanTurnsAIntoB() {
    const RunResult plan = DiffPlan(ws_.a.url(), ws_.b.url());
    if (plan.exit_code != 0) return Fail("strata diff --format sql failed", plan.err);
    SetPlan(plan.out);
    const RunResult apply = Psql(ws_.a.url(), dir().path() / "plan.sql");
    if (apply.exit_code != 0) return Fail("the plan fails on a", apply.err);
    const std::string remaining = RemainingChanges(ws_.a.url(), ws_.b.url());
    if (!remaining.empty()) return Fail("diff(a, b) is not empty after the plan", remaining);
    return SamePgDump(ws_.b, "after the plan");
  }

  bool DumpRoundTrips() {
    const RunResult dump = RunStrata({"--url", ws_.a.url(), "schema", "dump"});
    if (dump.exit_code != 0) return Fail("strata schema dump of a failed", dump.err);
    dir().Write("dump.sql", dump.out);
    if (!Load(ws_.c, "dump.sql")) return false;
    if (diff_) {
      const std::string remaining = RemainingChanges(ws_.a.url(), ws_.c.url());
      if (!remaining.empty()) return Fail("diff(a, c) is not empty after the dump", remaining);
    }
    const RunResult again = RunStrata({"--url", ws_.c.url(), "schema", "dump"});
    const std::string difference = FirstDifference(dump.out, again.out);
    if (!difference.empty()) return Fail("strata dumps c differently from a", difference);
    return SamePgDump(ws_.c, "after the dump round trip");
  }

  // pg_dump of a and of `other` agree. a's is taken once per seed: the round
  // trip leaves a as the plan left it.
  bool SamePgDump(const PgDatabase& other, const std::string& when) {
    if (pg_dump_a_.exit_code != 0) pg_dump_a_ = PgDumpSchema(ws_.a.url());
    const RunResult theirs = PgDumpSchema(other.url());
    if (pg_dump_a_.exit_code != 0 || theirs.exit_code != 0) {
      return Fail("pg_dump failed", pg_dump_a_.err + theirs.err);
    }
    const std::string difference = FirstDifference(pg_dump_a_.out, theirs.out);
    if (difference.empty()) return true;
    const char* name = &other == &ws_.b ? "b" : "c";
    return Fail(std::string("pg_dump of a and ") + name + " differ " + when, difference);
  }

  Workspace& ws_;
  bool diff_;
  RunResult pg_dump_a_;
};

class SchemaDiffProperty : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < PropertyJobs(); ++i) spaces_.push_back(std::make_unique<Workspace>());
    STRATA_REQUIRE_PG(spaces_[0]->a);
    ASSERT_TRUE(OnPath(PgTool("psql")) && OnPath(PgTool("pg_dump"))) << "psql and pg_dump needed";
  }
  std::vector<std::unique_ptr<Workspace>> spaces_;
};

// The seeded properties, in kShards tests of their own.
class SchemaDiffPropertySeeds : public SchemaDiffProperty,
                                public ::testing::WithParamInterface<int> {
 protected:
  void ForSeeds(const std::function<std::string(int, Workspace&)>& check) {
    CheckSeeds(
        kDefaultSeeds, static_cast<int>(spaces_.size()),
        [&](int seed, int worker) { return check(seed, *spaces_[worker]); },
        Shard{GetParam(), kShards});
  }
};

INSTANTIATE_TEST_SUITE_P(Shards, SchemaDiffPropertySeeds, ::testing::Range(0, kShards));

TEST_P(SchemaDiffPropertySeeds, EveryGeneratedSchemaAndItsMutationLoad) {
  ForSeeds([](int seed, Workspace& ws) { return PgSeedRun(seed, ws, false).Loads(); });
}

TEST_P(SchemaDiffPropertySeeds, ThePlanTurnsAIntoBAndTheDumpRoundTrips) {
  const bool diff = StrataHasCommand("diff");
  if (!diff) std::printf("strata has no diff command yet: only the dump round trip of A runs\n");
  ForSeeds(
      [diff](int seed, Workspace& ws) { return PgSeedRun(seed, ws, diff).PlanAndRoundTrip(); });
}

// The PostgreSQL example migrated with `strata up`, against an empty database:
// the plan from empty builds the same schema in another empty database, and
// the plan to empty empties the migrated one.
TEST_F(SchemaDiffProperty, TheSkmsExampleDiffsBothWaysAgainstAnEmptyDatabase) {
  if (!StrataHasCommand("diff")) GTEST_SKIP() << "strata has no diff command yet";
  Workspace& ws = *spaces_[0];
  PgDatabase& full = ws.a;
  PgDatabase& empty = ws.b;
  PgDatabase& built = ws.c;
  const std::string example = (SourceDir() / "examples/skms-postgres/migrations").string();
  const RunResult up = RunStrata({"--url", full.url(), "--dir", example, "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  const RunResult build = DiffPlan(empty.url(), full.url());
  ASSERT_EQ(build.exit_code, 0) << build.err;
  ws.dir.Write("build.sql", build.out);
  const RunResult built_run = Psql(built.url(), ws.dir.path() / "build.sql");
  ASSERT_EQ(built_run.exit_code, 0) << built_run.err << "\nplan:\n" << build.out;
  EXPECT_EQ(RemainingChanges(built.url(), full.url()), "") << "plan:\n" << build.out;
  EXPECT_EQ(FirstDifference(PgDumpSchema(built.url()).out, PgDumpSchema(full.url()).out), "");

  const RunResult teardown = DiffPlan(full.url(), empty.url());
  ASSERT_EQ(teardown.exit_code, 0) << teardown.err;
  ws.dir.Write("teardown.sql", teardown.out);
  const RunResult emptied = Psql(full.url(), ws.dir.path() / "teardown.sql");
  ASSERT_EQ(emptied.exit_code, 0) << emptied.err << "\nplan:\n" << teardown.out;
  EXPECT_EQ(RemainingChanges(full.url(), empty.url()), "") << "plan:\n" << teardown.out;
  EXPECT_EQ(FirstDifference(PgDumpSchema(full.url()).out, PgDumpSchema(empty.url()).out), "");
}

}  // namespace
}  // namespace strata::testing
