// Paths strata cannot use, as a user gives them: too long (over 4096 bytes, or a
// component over 255), not allowed (permission denied), or a SQLite database
// file that does not exist. Each is an error naming the path with a documented
// exit code (cli/exit_codes.h), never an abort; read-only commands create no
// database; a relative SQLite path in strata.toml is relative to that file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kExitBadInput = 2;  // cli/exit_codes.h

// Every way a path can be too long for the file system.
std::vector<std::string> LongPaths(const fs::path& base) {
  const std::string component(300, 'c');  // over NAME_MAX (255)
  std::string deep = base.string();
  while (deep.size() <= 4200) deep += "/" + std::string(200, 'd');  // over PATH_MAX (4096)
  return {(base / component / "x").string(), deep + "/x"};
}

void ExpectCleanError(const RunResult& r, const std::string& path, const std::string& what) {
  EXPECT_EQ(r.exit_code, kExitBadInput) << what << ":\n" << r.out << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << what << ": the path is named in:\n" << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << what << ":\n" << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << what << ":\n" << r.err;
}

class BadPath : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
    dir_.Write("desired.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, b TEXT);\n");
  }
  RunResult Strata(const std::vector<std::string>& args) { return RunStrata(args, dir_.path()); }
  std::string Url() const { return "sqlite:" + (dir_.path() / "app.db").string(); }
  TempDir dir_;
};

TEST_F(BadPath, OverLongPathsAreErrorsNamingThePath) {
  for (const std::string& path : LongPaths(dir_.path())) {
    ExpectCleanError(Strata({"--url", Url(), "--dir", path, "new", "x"}), path, "new --dir");
    ExpectCleanError(Strata({"--config", path + ".toml", "init"}), path, "init --config");
    ExpectCleanError(Strata({"--url", Url(), "--config", path + ".toml", "status"}), path,
                     "status --config");
    ExpectCleanError(Strata({"--url", Url(), "diff", "--from", path, "--to", "migrations"}), path,
                     "diff --from");
    ExpectCleanError(Strata({"--url", Url(), "generate", "x", "--desired", path + ".sql"}), path,
                     "generate --desired");
    ExpectCleanError(Strata({"--url", "sqlite:" + path + ".db", "status"}), path, "--url");
  }
}

// As root, permissions are not enforced: strata then runs as nobody.
TEST_F(BadPath, PathsNotAllowedAreErrorsNamingThePath) {
  const fs::path closed = dir_.path() / "closed";
  fs::create_directories(closed / "migrations");
  dir_.Write("closed/desired.sql", "CREATE TABLE a (id INTEGER);\n");
  fs::permissions(closed, fs::perms::owner_all);
  fs::permissions(dir_.path(), fs::perms::all);
  auto run = [&](std::vector<std::string> args) {
    if (geteuid() != 0) return RunStrata(args, dir_.path());
    args.insert(args.begin(), StrataBinary());
    args.insert(args.begin(),
                {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
    return RunTool(args);
  };
  const std::string inside = (closed / "x").string();
  const std::string url = "sqlite:" + (dir_.path() / "open.db").string();
  ExpectCleanError(run({"--url", url, "--dir", (closed / "migrations").string(), "new", "x"}),
                   (closed / "migrations").string(), "new --dir");
  ExpectCleanError(run({"--config", inside + ".toml", "init"}), inside, "init --config");
  ExpectCleanError(run({"--url", url, "diff", "--from", (closed / "migrations").string(), "--to",
                        "sql:" + (closed / "desired.sql").string()}),
                   closed.string(), "diff --from");
  ExpectCleanError(run({"--url", url, "--dir", (dir_.path() / "migrations").string(), "generate",
                        "x", "--desired", (closed / "desired.sql").string()}),
                   (closed / "desired.sql").string(), "generate --desired");
}

// Only up and baseline create a SQLite database; the others say it is missing.
TEST_F(BadPath, ReadOnlyCommandsCreateNoSqliteDatabase) {
  const fs::path db = dir_.path() / "missing.db";
  const std::string url = "sqlite:" + db.string();
  const std::vector<std::vector<std::string>> commands = {
      {"status"},
      {"validate"},
      {"history"},
      {"plan"},
      {"up", "--dry-run"},
      {"up", "--test"},
      {"down"},
      {"repair"},
      {"drift"},
      {"schema", "dump"},
      {"lint"},
      {"diff", "--from", url, "--to", "migrations"},
      {"diff", "--from", "migrations", "--to", url}};
  for (std::vector<std::string> args : commands) {
    std::string name;
    for (const std::string& a : args) name += a + " ";
    args.insert(args.begin(), {"--url", url});
    RunResult r = Strata(args);
    EXPECT_EQ(r.exit_code, kExitBadInput) << name << r.out << r.err;
    EXPECT_NE(r.err.find("no such database file"), std::string::npos) << name << r.err;
    EXPECT_NE(r.err.find(db.string()), std::string::npos) << name << r.err;
    EXPECT_FALSE(fs::exists(db)) << name;
    EXPECT_FALSE(fs::exists(db.string() + ".strata-lock")) << name;
  }
  RunResult up = Strata({"--url", url, "up"});
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(fs::exists(db));

  const fs::path adopted = dir_.path() / "adopted.db";
  RunResult baseline =
      Strata({"--url", "sqlite:" + adopted.string(), "baseline", "--version", "001"});
  EXPECT_EQ(baseline.exit_code, 0) << baseline.err;
  EXPECT_TRUE(fs::exists(adopted));
}

// "sqlite:app.db" in conf/strata.toml is conf/app.db, wherever strata runs.
TEST_F(BadPath, RelativeSqlitePathInTheConfigIsRelativeToIt) {
  dir_.Write("conf/strata.toml",
             "[database]\nurl = \"sqlite:app.db\"\n[migrations]\ndir = \"m\"\n");
  dir_.Write("conf/m/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  dir_.Write("elsewhere/.keep", "");
  RunResult up = RunStrata({"--config", (dir_.path() / "conf/strata.toml").string(), "up"},
                           dir_.path() / "elsewhere");
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_TRUE(fs::exists(dir_.path() / "conf/app.db"));
  EXPECT_FALSE(fs::exists(dir_.path() / "elsewhere/app.db"));
  RunResult status = RunStrata({"--config", "conf/strata.toml", "status"}, dir_.path());
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("001"), std::string::npos) << status.out;
  EXPECT_EQ(SqliteScalar(dir_.path() / "conf/app.db", "SELECT count(*) FROM a"), "0");
  // A --url on the command line stays relative to the working directory.
  RunResult here =
      RunStrata({"--config", "conf/strata.toml", "--url", "sqlite:here.db", "up"}, dir_.path());
  EXPECT_EQ(here.exit_code, 0) << here.err;
  EXPECT_TRUE(fs::exists(dir_.path() / "here.db"));
}

}  // namespace
}  // namespace strata::testing
