// Running a seeded property test over random schemas (tests/schema_gen):
// which seeds, on how many threads, one seed's files and failure message, and
// the `strata diff` calls the properties make.
//
//   STRATA_PROPERTY_SEED=N   runs seed N alone (to reproduce a failure)
//   STRATA_PROPERTY_SEEDS=K  runs seeds 1..K instead of the test's default
//   STRATA_PROPERTY_JOBS=J   J seeds at a time (default 3: a seed's time goes to
//                            psql, pg_dump, strata and the server, in turn)
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/dialect.h"
#include "tests/integration/harness.h"
#include "tests/schema_gen/random_schema.h"

namespace strata::testing {

// One of `of` tests that share a property's seeds, so that each stays well
// inside ctest's timeout and ctest can run them side by side.
struct Shard {
  int index = 0;
  int of = 1;
};

// Runs `check(seed, worker)` for the shard's part of the seeds the environment
// asks for (else 1..default_count) on `jobs` threads, prints how long that
// took, and adds a test failure for each seed whose check returned a message.
// `worker` is in [0, jobs), so a check can use resources of its own
// (databases, files); an exception thrown by a check fails its seed.
void CheckSeeds(int default_count, int jobs, const std::function<std::string(int, int)>& check,
                Shard shard = {});
int PropertyJobs();

// One seed of a property test: A = Generate(seed), B = Mutate(A, seed), both
// rendered for the dialect into `dir` as A.sql and B.sql, and the failure
// message, which names the seed, B's changes, the plan when there is one, and
// where the seed's files are kept.
class SeedRun {
 public:
  SeedRun(std::string test, int seed, Dialect dialect, const TempDir& dir);

 protected:
  // Records why the seed failed; returns false, for `return Fail(...)`.
  bool Fail(const std::string& what, const std::string& detail);
  const std::string& failure() const { return failure_; }
  const TempDir& dir() const { return dir_; }
  // Writes the plan to plan.sql and keeps it for the failure message.
  void SetPlan(const std::string& plan);

 private:
  std::string test_;
  int seed_;
  const TempDir& dir_;
  schema_gen::Mutation mutation_;
  std::string plan_;
  std::string failure_;
};

// `strata diff --from FROM --to TO --format sql`: the plan that turns FROM into TO.
RunResult DiffPlan(const std::string& from, const std::string& to);
// The changes `strata diff --json` still finds between FROM and TO, one per
// line; "" when there are none. A failed run or unreadable output says so.
std::string RemainingChanges(const std::string& from, const std::string& to);

}  // namespace strata::testing
