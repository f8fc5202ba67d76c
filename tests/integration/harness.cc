#include "tests/integration/harness.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "base/strings.h"
#include "driver/postgres/driver.h"
#include "driver/sqlite/driver.h"

namespace strata::testing {
namespace fs = std::filesystem;

namespace {

std::string Unique() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 100000);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts argv[0] (a path, or a name looked up on PATH) with its output going
// to the files `out` and `err`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
            const fs::path& cwd, const std::vector<std::string>& env = {},
            const fs::path& input = {}) {
  std::vector<std::string> argv_store = args;
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
    const int i = open(input.empty() ? "/dev/null" : input.c_str(), O_RDONLY);
    if (o < 0 || e < 0 || i < 0) _exit(127);
    dup2(i, 0);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> argv;
    argv.reserve(argv_store.size() + 1);
    for (auto& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::vector<std::string> WithStrata(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {StrataBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

RunResult Run(const std::vector<std::string>& argv, const fs::path& cwd,
              const std::vector<std::string>& env, const fs::path& input) {
  TempDir logs;
  const std::string out = (logs.path() / "out").string(), err = (logs.path() / "err").string();
  RunResult r;
  r.exit_code = WaitFor(Spawn(argv, out, err, cwd, env, input));
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

// pg_dump keeps a list partition's values as written; strata sorts them (the
// same bound either way). Sorts them in pg_dump's text too, for comparison.
std::string SortListBounds(std::string text) {
  const std::string marker = "FOR VALUES IN (";
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
    const size_t open = at + marker.size();
    const size_t close = text.find(')', open);
    if (close == std::string::npos) break;
    std::vector<std::string> values;
    std::stringstream in(text.substr(open, close - open));
    for (std::string v; std::getline(in, v, ',');)
      values.push_back(v.substr(v.find_first_not_of(' ')));
    std::sort(values.begin(), values.end());
    std::string joined;
    for (const std::string& v : values) joined += (joined.empty() ? "" : ", ") + v;
    text.replace(open, close - open, joined);
  }
  return text;
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
  return Run(WithStrata(args), cwd, env, {});
}

RunResult RunTool(const std::vector<std::string>& argv, const fs::path& input) {
  return Run(argv, {}, {}, input);
}

bool OnPath(const std::string& tool) {
  const char* path = std::getenv("PATH");
  for (const std::string& dir : SplitAndTrim(path != nullptr ? path : "", ':')) {
    std::error_code ec;
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / tool;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

bool StrataHasCommand(const std::string& name) {
  // CLI11 lists each command on a line of its own: two spaces, the name, blanks.
  const RunResult help = RunStrata({"--help"});
  return help.out.find("\n  " + name + " ") != std::string::npos;
}

std::string FirstDifference(const std::string& a, const std::string& b) {
  std::stringstream sa(a), sb(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(sa, la));
    const bool more_b = static_cast<bool>(std::getline(sb, lb));
    if (!more_a && !more_b) return "";
    if (la != lb || more_a != more_b)
      return "line " + std::to_string(line) + ":\n< " + la + "\n> " + lb;
  }
}

pid_t SpawnStrata(const std::vector<std::string>& args, const std::string& log_prefix) {
  return Spawn(WithStrata(args), log_prefix + ".out", log_prefix + ".err", {});
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

void PgDatabase::Empty() {
  if (!admin_) return;
  // Cheaper than DROP and CREATE DATABASE (measured: a third of the time), and
  // pg_dump and strata see no difference from a new database: public comes
  // back with initdb's owner, privileges and comment.
  Status st = conn().Execute(
      "DO $$DECLARE n text; BEGIN "
      "FOR n IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
      "AND nspname <> 'information_schema' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', n); "
      "END LOOP; END$$; "
      "CREATE SCHEMA public AUTHORIZATION pg_database_owner; "
      "GRANT USAGE ON SCHEMA public TO PUBLIC; "
      "COMMENT ON SCHEMA public IS 'standard public schema'");
  if (!st.ok()) throw std::runtime_error("emptying " + name_ + ": " + st.ToString());
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

std::string PgTool(const std::string& name) {
  static const std::string kBindir = [] {
    if (const char* d = std::getenv("STRATA_TEST_PG_BINDIR"); d && *d) return std::string(d);
    std::string out;
    if (FILE* p = popen("pg_config --bindir 2>/dev/null", "r")) {
      char buf[512];
      while (fgets(buf, sizeof buf, p)) out += buf;
      pclose(p);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
  }();
  const fs::path tool = fs::path(kBindir) / name;
  return !kBindir.empty() && fs::exists(tool) ? tool.string() : name;
}

std::string PeerTool(const std::string& name) {
  if (const char* d = std::getenv("STRATA_TEST_PEERS_BIN"); d && *d) {
    const fs::path tool = fs::path(d) / name;
    std::error_code ec;
    if (fs::exists(tool, ec)) return tool.string();
  }
  return OnPath(name) ? name : "";
}

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(SourceDir() / relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

RunResult Psql(const std::string& url, const fs::path& script) {
  return RunTool(
      {PgTool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", script.string()});
}

namespace {

// pg_dump's text without its \restrict and \unrestrict lines, which carry a
// random key (pg_dump 15.14 and later).
std::string WithoutRestrictKeys(const std::string& dump) {
  std::stringstream in(dump);
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("\\restrict ", 0) == 0 || line.rfind("\\unrestrict ", 0) == 0) continue;
    kept += line + "\n";
  }
  return kept;
}

}  // namespace

RunResult PgDumpSchema(const std::string& url) {
  RunResult r =
      RunTool({PgTool("pg_dump"), "--schema-only", "-T", "strata_schema_history*", "-d", url});
  r.out = SortListBounds(WithoutRestrictKeys(r.out));
  return r;
}

RunResult PgDumpAll(const std::string& url) {
  RunResult r = RunTool({PgTool("pg_dump"), "-d", url});
  r.out = WithoutRestrictKeys(r.out);
  return r;
}

std::string SqliteScalar(const fs::path& db, const std::string& sql) {
  driver::ConnectOptions o;
  o.url = "sqlite:" + db.string();
  o.create = true;
  auto conn = driver::sqlite::Connect(o);
  if (!conn.ok()) throw std::runtime_error(conn.status().ToString());
  auto rows = (*conn)->Query(sql, {});
  if (!rows.ok()) throw std::runtime_error(rows.status().ToString());
  if (rows->rows.empty() || rows->rows[0].empty()) return "";
  return rows->rows[0][0].value_or("");
}

}  // namespace strata::testing
