// Running the real strata binary as a user would, for the integration tests:
// temporary project directories, processes with captured output, and throwaway
// databases on SQLite and on the PostgreSQL cluster that scripts/test.sh starts.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "driver/driver.h"

namespace strata::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/relative, creating parent directories.
  void Write(const std::string& relative, const std::string& content) const;
  std::string Read(const std::string& relative) const;

 private:
  std::filesystem::path path_;
};

// The strata binary under test (STRATA_BINARY, set by ctest).
std::string StrataBinary();
// The source tree (STRATA_SOURCE_DIR, set by ctest).
std::filesystem::path SourceDir();

// Runs strata with `args` in `cwd`, with `env` ("NAME=value") added to its
// environment, and waits for it.
RunResult RunStrata(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                    const std::vector<std::string>& env = {});

// Runs another program (`argv[0]` is looked up on PATH) and waits for it; its
// standard input comes from the file `input` when one is given.
RunResult RunTool(const std::vector<std::string>& argv, const std::filesystem::path& input = {});
// True when `tool` is on PATH.
bool OnPath(const std::string& tool);
// True when the strata binary under test has the (top-level) command `name`.
bool StrataHasCommand(const std::string& name);

// The first line where `a` and `b` differ, for a readable failure ("" when equal).
std::string FirstDifference(const std::string& a, const std::string& b);

// Starts strata in the background; output goes to files `log_prefix`.out/.err.
pid_t SpawnStrata(const std::vector<std::string>& args, const std::string& log_prefix);
// Waits for a spawned process and returns its exit code (128+signal when killed).
int WaitFor(pid_t pid);

// A fresh PostgreSQL database on the test cluster, dropped on destruction. When
// the cluster is absent the test is skipped, unless STRATA_TEST_REQUIRE_PG=1
// (scripts/test.sh sets it), when that is a failure.
class PgDatabase {
 public:
  PgDatabase();
  ~PgDatabase();
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  // Drops every schema and makes public again as initdb does: an empty
  // database again, for tests that create nothing outside schemas.
  void Empty();
  // A connection to this database, through strata's own driver.
  driver::Connection& conn();
  // Runs a query and returns the first column of the first row ("" when none).
  std::string Scalar(const std::string& sql);

 private:
  std::string name_;
  std::string url_;
  std::unique_ptr<driver::Connection> admin_;
  std::unique_ptr<driver::Connection> conn_;
};

// Skips (or fails, see PgDatabase) when there is no PostgreSQL.
#define STRATA_REQUIRE_PG(db)                                                         \
  do {                                                                                \
    if (!(db).available()) {                                                          \
      if (::strata::testing::PgRequired()) FAIL() << "STRATA_TEST_PG_URL is not set"; \
      GTEST_SKIP() << "no PostgreSQL (set STRATA_TEST_PG_URL)";                       \
    }                                                                                 \
  } while (0)
bool PgRequired();

// A PostgreSQL client program: the one in STRATA_TEST_PG_BINDIR, else in
// `pg_config --bindir`, else on PATH. Called directly, not through Debian's
// version-picking wrapper script, which costs more than psql itself.
std::string PgTool(const std::string& name);

// A peer tool that scripts/install_peers.sh installs (dbmate, liquibase: in
// STRATA_TEST_PEERS_BIN, which scripts/test.sh sets; sqitch: on PATH); "" when
// it is not there, which a test under STRATA_TEST_REQUIRE_PG=1 must call a failure.
std::string PeerTool(const std::string& name);
#define STRATA_REQUIRE_PEER(var, name)                                        \
  const std::string var = ::strata::testing::PeerTool(name);                  \
  do {                                                                        \
    if (var.empty()) {                                                        \
      if (::strata::testing::PgRequired())                                    \
        FAIL() << name                                                        \
               << " is not installed "                                        \
                  "(scripts/install_peers.sh)";                               \
      GTEST_SKIP() << name << " is not installed (scripts/install_peers.sh)"; \
    }                                                                         \
  } while (0)

// The bytes of a file of the source tree ("tests/schema/x.sql"); "" when unreadable.
std::string ReadSourceFile(const std::string& relative);

// Loads a script the way a user would: psql -v ON_ERROR_STOP=1, autocommit.
RunResult Psql(const std::string& url, const std::filesystem::path& script);

// `pg_dump --schema-only` of `url` without strata's history tables, as a
// cross-check of strata's own dump; `out` holds it ready to compare with the
// dump of another database: the lines that differ between two dumps of the
// same schema (\restrict keys) are left out, list partition values sorted.
RunResult PgDumpSchema(const std::string& url);
// `pg_dump` of `url` whole: every schema, strata's history tables and every row,
// the same text for two dumps of an unchanged database.
RunResult PgDumpAll(const std::string& url);

// The first column of the first row of `sql` on a SQLite file ("" when none).
std::string SqliteScalar(const std::filesystem::path& db, const std::string& sql);

}  // namespace strata::testing
