// strata dev-db start|url|stop as a user runs it: a real throwaway PostgreSQL
// from the server binaries installed on this machine. Skipped only when there
// are none (unless STRATA_TEST_REQUIRE_PG=1, as in scripts/test.sh, which
// installs postgresql-15).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {
namespace fs = std::filesystem;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Stops the dev database of `cwd` however the test ends, so no server outlives it.
class StopOnExit {
 public:
  explicit StopOnExit(fs::path cwd) : cwd_(std::move(cwd)) {}
  ~StopOnExit() { RunStrata({"dev-db", "stop"}, cwd_); }

 private:
  fs::path cwd_;
};

TEST(DevDb, StartsAnswersIsIdempotentAndStopsWithoutTrace) {
  TempDir work;
  RunResult start = RunStrata({"dev-db", "start", "--json"}, work.path());
  if (start.exit_code == 2 && Contains(start.err, "no PostgreSQL server binaries")) {
    if (PgRequired()) FAIL() << start.err;
    GTEST_SKIP() << "no PostgreSQL server binaries (initdb, pg_ctl) on this machine";
  }
  StopOnExit stop_on_exit(work.path());
  ASSERT_EQ(start.exit_code, 0) << start.err;
  const nlohmann::json started = nlohmann::json::parse(start.out);
  const std::string url = started["url"];
  const fs::path dir = started["dir"].get<std::string>();
  EXPECT_TRUE(started["started"].get<bool>());
  EXPECT_TRUE(url.starts_with("postgres://postgres@127.0.0.1:")) << url;
  EXPECT_TRUE(fs::exists(dir / "data" / "PG_VERSION")) << dir;
  EXPECT_TRUE(fs::exists(work.path() / ".strata" / "dev-db.json"));

  RunResult shown = RunStrata({"dev-db", "url"}, work.path());
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out, url + "\n");

  // The URL works for strata itself: apply a migration, then read it back.
  work.Write("migrations/001_items.sql",
             "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
  RunResult up = RunStrata({"--url", url, "up"}, work.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult dump = RunStrata({"--url", url, "schema", "dump"}, work.path());
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_TRUE(Contains(dump.out, "CREATE TABLE public.items")) << dump.out;

  RunResult again = RunStrata({"dev-db", "start"}, work.path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, url + "\n");
  EXPECT_TRUE(Contains(again.err, "already running")) << again.err;

  RunResult stop = RunStrata({"dev-db", "stop"}, work.path());
  ASSERT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_TRUE(Contains(stop.out, "stopped")) << stop.out;

  RunResult gone = RunStrata({"dev-db", "url"}, work.path());
  EXPECT_EQ(gone.exit_code, 1) << gone.out;
  EXPECT_TRUE(Contains(gone.err, "no dev database is running")) << gone.err;
  EXPECT_FALSE(fs::exists(dir)) << dir;
  EXPECT_FALSE(fs::exists(work.path() / ".strata"));
  RunResult down = RunStrata({"--url", url, "status"}, work.path());
  EXPECT_EQ(down.exit_code, 1) << down.out;  // the server is really gone
}

TEST(DevDb, ABinDirWithoutServerBinariesIsAUsageErrorNamingIt) {
  TempDir work;
  RunResult start = RunStrata({"dev-db", "start", "--bin-dir", "/nonexistent"}, work.path());
  EXPECT_EQ(start.exit_code, 2) << start.out;
  EXPECT_TRUE(Contains(start.err, "--bin-dir")) << start.err;
  EXPECT_TRUE(Contains(start.err, "initdb")) << start.err;
  EXPECT_TRUE(Contains(start.err, "/nonexistent")) << start.err;
  EXPECT_FALSE(fs::exists(work.path() / ".strata"));
}

TEST(DevDb, NothingRunningUrlFailsAndStopSucceeds) {
  TempDir work;
  RunResult url = RunStrata({"dev-db", "url"}, work.path());
  EXPECT_EQ(url.exit_code, 1) << url.out;
  EXPECT_TRUE(Contains(url.err, "strata dev-db start")) << url.err;
  RunResult stop = RunStrata({"dev-db", "stop"}, work.path());
  EXPECT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_TRUE(Contains(stop.out, "no dev database is running")) << stop.out;
}

}  // namespace
}  // namespace strata::testing
