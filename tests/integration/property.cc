#include "tests/integration/property.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/schema_gen/render.h"

namespace strata::testing {
namespace fs = std::filesystem;

namespace {

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

// The shard's seeds: every `shard.of`-th seed, from seed `shard.index + 1`.
std::vector<int> Seeds(int default_count, Shard shard) {
  const auto mine = [shard](int seed) { return (seed - 1) % shard.of == shard.index; };
  if (const int one = EnvInt("STRATA_PROPERTY_SEED", 0); one > 0) {
    return mine(one) ? std::vector<int>{one} : std::vector<int>{};
  }
  std::vector<int> seeds;
  for (int s = 1; s <= EnvInt("STRATA_PROPERTY_SEEDS", default_count); ++s) {
    if (mine(s)) seeds.push_back(s);
  }
  return seeds;
}

// The failures by seed, so they print in seed order.
std::map<int, std::string> ForEachSeed(const std::vector<int>& seeds, int jobs,
                                       const std::function<std::string(int, int)>& check) {
  std::map<int, std::string> failures;
  std::mutex mu;
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    for (size_t i = next++; i < seeds.size(); i = next++) {
      std::string failure;
      try {
        failure = check(seeds[i], worker);
      } catch (const std::exception& e) {
        failure = "seed " + std::to_string(seeds[i]) + ": exception: " + e.what();
      }
      if (failure.empty()) continue;
      std::lock_guard<std::mutex> lock(mu);
      failures[seeds[i]] = std::move(failure);
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(std::max(jobs, 0)));
  for (int w = 0; w < jobs; ++w) threads.emplace_back(work, w);
  for (std::thread& t : threads) t.join();
  return failures;
}

// A directory that outlives the test, for a failing seed's files.
fs::path KeepDir(const std::string& test, int seed) {
  const char* tmp = std::getenv("TMPDIR");
  return fs::path(tmp && *tmp ? tmp : "/tmp") / "strata-property" / test /
         ("seed-" + std::to_string(seed));
}

}  // namespace

int PropertyJobs() { return std::max(1, EnvInt("STRATA_PROPERTY_JOBS", 3)); }

void CheckSeeds(int default_count, int jobs, const std::function<std::string(int, int)>& check,
                Shard shard) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<int> seeds = Seeds(default_count, shard);
  const std::map<int, std::string> failures = ForEachSeed(seeds, jobs, check);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu seeds in %.1f s on %d workers, %zu failed\n", seeds.size(), seconds, jobs,
              failures.size());
  for (const auto& [seed, failure] : failures) ADD_FAILURE() << failure;
}

SeedRun::SeedRun(std::string test, int seed, Dialect dialect, const TempDir& dir)
    : test_(std::move(test)), seed_(seed), dir_(dir) {
  const schema_gen::Schema a = schema_gen::Generate(seed, dialect);
  mutation_ = schema_gen::Mutate(a, seed);
  dir_.Write("A.sql", schema_gen::Render(a));
  dir_.Write("B.sql", schema_gen::Render(mutation_.schema));
  std::error_code ec;
  for (const char* stale : {"plan.sql", "dump.sql"}) fs::remove(dir_.path() / stale, ec);
}

void SeedRun::SetPlan(const std::string& plan) {
  plan_ = plan;
  dir_.Write("plan.sql", plan);
}

bool SeedRun::Fail(const std::string& what, const std::string& detail) {
  failure_ = "seed " + std::to_string(seed_) + ": " + what + "\n" + detail;
  if (!failure_.empty() && failure_.back() != '\n') failure_ += "\n";
  failure_ += "B's changes to A:\n";
  for (const schema_gen::Change& c : mutation_.changes) failure_ += "  " + c.description + "\n";
  if (!plan_.empty()) failure_ += "plan:\n" + plan_;
  const fs::path kept = KeepDir(test_, seed_);
  std::error_code ec;
  fs::create_directories(kept, ec);
  for (const char* name : {"A.sql", "B.sql", "plan.sql", "dump.sql"}) {
    if (fs::exists(dir_.path() / name)) {
      fs::copy_file(dir_.path() / name, kept / name, fs::copy_options::overwrite_existing, ec);
    }
  }
  failure_ += "files: " + kept.string() + "\nrerun: STRATA_PROPERTY_SEED=" + std::to_string(seed_) +
              " ctest -R " + test_ + " --output-on-failure\n";
  return false;
}

RunResult DiffPlan(const std::string& from, const std::string& to) {
  return RunStrata({"diff", "--from", from, "--to", to, "--format", "sql"});
}

std::string RemainingChanges(const std::string& from, const std::string& to) {
  const RunResult diff = RunStrata({"diff", "--from", from, "--to", to, "--json"});
  if (diff.exit_code != 0) {
    return "strata diff --json exited " + std::to_string(diff.exit_code) + ": " + diff.err;
  }
  const nlohmann::json js = nlohmann::json::parse(diff.out, nullptr, /*allow_exceptions=*/false);
  if (!js.is_object() || !js.contains("changes") || !js["changes"].is_array()) {
    return "strata diff --json printed no \"changes\" list:\n" + diff.out;
  }
  std::string out;
  for (const nlohmann::json& c : js["changes"]) {
    out += "  " + c.value("action", "?") + " " + c.value("object", "?") + " " +
           c.value("name", "?") + (c.value("destructive", false) ? " (destructive)" : "") + ": " +
           c.value("detail", "") + "\n";
  }
  return out;
}

}  // namespace strata::testing
