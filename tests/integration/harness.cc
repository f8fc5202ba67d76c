#include "tests/integration/harness.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "driver/postgres/driver.h"
#include "driver/sqlite/driver.h"

namespace strata::testing {
namespace fs = std::filesystem;

namespace {

std::string Unique() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

pid_t Spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
            const fs::path& cwd, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv_store;
  argv_store.push_back(StrataBinary());
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  const pid_t pid = fork();
  if (pid == 0) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    // The test decides where strata connects, not the environment it runs in.
    unsetenv("STRATA_URL");
    unsetenv("DATABASE_URL");
    for (const std::string& kv : env) {
      const size_t eq = kv.find('=');
      setenv(kv.substr(0, eq).c_str(), kv.substr(eq + 1).c_str(), 1);
    }
    const int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> argv;
    for (auto& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

TempDir::TempDir() : path_(fs::path("/tmp") / ("strata-it-" + Unique())) {
  fs::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}
void TempDir::Write(const std::string& relative, const std::string& content) const {
  const fs::path p = path_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}
std::string TempDir::Read(const std::string& relative) const { return Slurp(path_ / relative); }

std::string StrataBinary() {
  const char* b = std::getenv("STRATA_BINARY");
  return b ? b : STRATA_TEST_BINARY;
}

fs::path SourceDir() {
  const char* s = std::getenv("STRATA_SOURCE_DIR");
  return s ? s : STRATA_TEST_SOURCE_DIR;
}

RunResult RunStrata(const std::vector<std::string>& args, const fs::path& cwd,
                    const std::vector<std::string>& env) {
  TempDir logs;
  const std::string out = (logs.path() / "out").string(), err = (logs.path() / "err").string();
  RunResult r;
  r.exit_code = WaitFor(Spawn(args, out, err, cwd, env));
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

pid_t SpawnStrata(const std::vector<std::string>& args, const std::string& log_prefix) {
  return Spawn(args, log_prefix + ".out", log_prefix + ".err", {});
}

int WaitFor(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

bool PgRequired() {
  const char* r = std::getenv("STRATA_TEST_REQUIRE_PG");
  return r && std::string(r) == "1";
}

PgDatabase::PgDatabase() {
  const char* base = std::getenv("STRATA_TEST_PG_URL");
  if (!base || !*base) return;
  driver::ConnectOptions admin;
  admin.url = base;
  auto conn = driver::postgres::Connect(admin);
  if (!conn.ok()) throw std::runtime_error("test cluster: " + conn.status().ToString());
  admin_ = std::move(conn).value();
  name_ = "strata_it_" + Unique();
  Status st = admin_->Execute("CREATE DATABASE " + name_);
  if (!st.ok()) throw std::runtime_error("CREATE DATABASE: " + st.ToString());
  // The cluster URL ends in /postgres; swap the database name.
  url_ = std::string(base);
  url_ = url_.substr(0, url_.rfind('/') + 1) + name_;
}

PgDatabase::~PgDatabase() {
  if (!admin_) return;
  conn_.reset();
  (void)admin_->Execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

driver::Connection& PgDatabase::conn() {
  if (!conn_) {
    driver::ConnectOptions o;
    o.url = url_;
    auto c = driver::postgres::Connect(o);
    if (!c.ok()) throw std::runtime_error(c.status().ToString());
    conn_ = std::move(c).value();
  }
  return *conn_;
}

std::string PgDatabase::Scalar(const std::string& sql) {
  auto rows = conn().Query(sql, {});
  if (!rows.ok()) throw std::runtime_error(rows.status().ToString());
  if (rows->rows.empty() || rows->rows[0].empty()) return "";
  return rows->rows[0][0].value_or("");
}

std::string SqliteScalar(const fs::path& db, const std::string& sql) {
  driver::ConnectOptions o;
  o.url = "sqlite:" + db.string();
  auto conn = driver::sqlite::Connect(o);
  if (!conn.ok()) throw std::runtime_error(conn.status().ToString());
  auto rows = (*conn)->Query(sql, {});
  if (!rows.ok()) throw std::runtime_error(rows.status().ToString());
  if (rows->rows.empty() || rows->rows[0].empty()) return "";
  return rows->rows[0][0].value_or("");
}

}  // namespace strata::testing
