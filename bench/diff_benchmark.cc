// What `strata diff` adds beyond reading the two schemas: the diff walk and
// the dialect's plan, timed on two catalogs read once from JSON snapshots
// (`strata schema dump --format json`).
//
//   diff_benchmark FROM.json TO.json [--benchmark_...]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "diff/diff.h"
#include "driver/postgres/plan.h"
#include "driver/sqlite/plan.h"
#include "snapshot/schema_json_reader.h"

namespace {

using strata::catalog::Catalog;

bool Load(const char* path, Catalog& out) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  strata::Result<Catalog> c = strata::snapshot::ReadSchemaJson(text.str());
  if (!c.ok()) {
    std::fprintf(stderr, "%s: %s\n", path, c.status().ToString().c_str());
    return false;
  }
  out = std::move(c).value();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FROM.json TO.json [--benchmark_...]\n", argv[0]);
    return 2;
  }
  static Catalog from, to;
  if (!Load(argv[1], from) || !Load(argv[2], to)) return 2;
  if (from.dialect != to.dialect) {
    std::fprintf(stderr, "the two snapshots are of different dialects\n");
    return 2;
  }
  static std::unique_ptr<strata::driver::Planner> planner =
      from.dialect == strata::Dialect::kPostgres ? strata::driver::postgres::NewPlanner()
                                                 : strata::driver::sqlite::NewPlanner();
  benchmark::RegisterBenchmark("DiffAndPlan", [](benchmark::State& state) {
    size_t changes = 0, statements = 0;
    for (auto _ : state) {
      strata::catalog::Changes c = strata::diff::Diff(from, to, planner->DiffRules());
      auto plan = planner->PlanChanges(c, from, to);
      changes = c.size();
      statements = plan.size();
      benchmark::DoNotOptimize(plan);
    }
    state.counters["changes"] = static_cast<double>(changes);
    state.counters["statements"] = static_cast<double>(statements);
  })->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
