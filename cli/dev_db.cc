#include "cli/dev_db.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/process.h"

namespace strata::cli {
namespace fs = std::filesystem;
namespace {

constexpr char kServerUser[] = "strata-pg";
// Every directory strata creates starts so; stop removes no other.
constexpr char kDirPrefix[] = "strata-dev-db-";
constexpr int kLogTailLines = 20;
constexpr int kPortAttempts = 3;
constexpr char kInstallHint[] =
    "no PostgreSQL server binaries (initdb, pg_ctl) found: install the server package "
    "(Debian/Ubuntu: apt-get install postgresql-15; Fedora: dnf install postgresql-server; "
    "macOS: brew install postgresql@15), or name their directory with --bin-dir";

bool HasServerBinaries(const fs::path& dir) {
  return access((dir / "initdb").c_str(), X_OK) == 0 && access((dir / "pg_ctl").c_str(), X_OK) == 0;
}

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// /usr/lib/postgresql/<N>/bin with the highest N that has the binaries (Debian, Ubuntu).
std::optional<fs::path> NewestDebianBinaries() {
  std::optional<fs::path> best;
  int best_version = -1;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::optional<int> version = ParseInt(e.path().filename().string());
    if (version && *version > best_version && HasServerBinaries(e.path() / "bin")) {
      best_version = *version;
      best = e.path() / "bin";
    }
  }
  return best;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// A string in postgresql.conf: single quotes, with quotes and backslashes doubled.
std::string ConfString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

Result<fs::path> MakeTempDir() {
  const char* tmpdir = std::getenv("TMPDIR");
  const fs::path base = (tmpdir && *tmpdir) ? tmpdir : "/tmp";
  std::string templ = (base / (std::string(kDirPrefix) + "XXXXXX")).string();
  if (mkdtemp(templ.data()) == nullptr) {
    return Status::Io(std::string("cannot create a temporary directory: ") + std::strerror(errno))
        .WithFile(base.string());
  }
  return fs::path(templ);
}

// A port nobody listens on now: the kernel picks one for a socket bound to port 0.
Result<int> FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Io(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  const int err = errno;
  close(fd);
  if (!ok) return Status::Io(std::string("cannot find a free port: ") + std::strerror(err));
  return static_cast<int>(ntohs(addr.sin_port));
}

// Whether something accepts connections on 127.0.0.1:port. A postmaster killed
// moments ago may linger as a zombie whose pid still answers kill(pid, 0).
bool Listening(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// initdb refuses to run as root, and the server should not run so anyway: as
// root, the unprivileged system user kServerUser runs them (as
// scripts/pg_cluster.sh does), created here when missing.
Result<std::optional<RunAs>> ServerUser(const fs::path& log) {
  if (geteuid() != 0) return std::optional<RunAs>();
  if (getpwnam(kServerUser) == nullptr) {
    ProcessOptions useradd;
    // root's PATH may lack /usr/sbin (su without a login shell).
    const char* program = access("/usr/sbin/useradd", X_OK) == 0 ? "/usr/sbin/useradd" : "useradd";
    useradd.argv = {program,   "--system",          "--no-create-home",
                    "--shell", "/usr/sbin/nologin", kServerUser};
    useradd.log = log;
    STRATA_ASSIGN_OR_RETURN(const int code, RunProcess(useradd));
    if (code != 0) {
      return Status::Io(std::string("as root, the server runs as the system user ") + kServerUser +
                        ", and useradd could not create it (exit " + std::to_string(code) + "):\n" +
                        TailOfFile(log, kLogTailLines));
    }
  }
  const passwd* pw = getpwnam(kServerUser);
  if (pw == nullptr) return Status::Io(std::string("no user ") + kServerUser + " after useradd");
  return std::optional<RunAs>(RunAs{pw->pw_uid, pw->pw_gid});
}

// Who runs pg_ctl for an existing server: as root, the owner of its data directory.
std::optional<RunAs> OwnerOf(const DevDb& db) {
  struct stat st {};
  if (geteuid() != 0 || stat(db.DataDir().c_str(), &st) != 0 || st.st_uid == 0) return std::nullopt;
  return RunAs{st.st_uid, st.st_gid};
}

Status Chown(const fs::path& path, const RunAs& user) {
  if (chown(path.c_str(), user.uid, user.gid) != 0) {
    return Status::Io(std::string("chown: ") + std::strerror(errno)).WithFile(path.string());
  }
  return Status::Ok();
}

// Runs one server program; a failure names it and ends with the log's tail.
Status RunServerProgram(const DevDb& db, std::vector<std::string> argv,
                        const std::optional<RunAs>& user, const std::string& what) {
  STRATA_ASSIGN_OR_RETURN(
      const int code,
      RunProcess({.argv = std::move(argv), .log = db.LogFile(), .cwd = db.dir, .user = user}));
  if (code == 0) return Status::Ok();
  const std::string tail = TailOfFile(db.LogFile(), kLogTailLines);
  std::string message = what + " failed (exit " + std::to_string(code) + ")";
  if (user && tail.find("Permission denied") != std::string::npos) {
    message += std::string("; it ran as ") + kServerUser + ", which must be able to reach " +
               db.dir.string() + " (TMPDIR picks the parent directory)";
  }
  return Status::Database(message + ". The end of its log:\n" + tail);
}

// Settings the command line of pg_ctl -o would carry through a shell: written
// to postgresql.conf instead, so any directory name works.
Status ConfigureServer(const DevDb& db) {
  std::ofstream conf(db.DataDir() / "postgresql.conf", std::ios::app);
  // fsync off: the data is thrown away, so durability is not worth its time.
  conf << "\n# strata dev-db\n"
       << "listen_addresses = '127.0.0.1'\n"
       << "unix_socket_directories = " << ConfString(db.dir.string()) << "\n"
       << "fsync = off\n";
  if (!conf) return Status::Io("cannot write postgresql.conf").WithFile(db.DataDir().string());
  return Status::Ok();
}

Result<int> PostmasterPid(const DevDb& db) {
  std::ifstream in(db.DataDir() / "postmaster.pid");
  std::string first;
  std::getline(in, first);
  const std::optional<int> pid = ParseInt(Trimmed(first));
  if (!pid) return Status::Database("the server started but left no postmaster.pid");
  return *pid;
}

Status WriteState(const DevDb& db, const fs::path& state_file) {
  std::error_code ec;
  if (state_file.has_parent_path()) fs::create_directories(state_file.parent_path(), ec);
  const nlohmann::ordered_json j = {{"format_version", 1},    {"url", db.Url()},
                                    {"dir", db.dir.string()}, {"bin_dir", db.bin_dir.string()},
                                    {"port", db.port},        {"pid", db.pid}};
  std::ofstream out(state_file, std::ios::trunc);
  out << j.dump(2) << "\n";
  if (!out) return Status::Io("cannot write the dev-db state file").WithFile(state_file.string());
  return Status::Ok();
}

// Initializes and starts the server in db.dir, filling db.port and db.pid.
Status InitAndStart(DevDb& db, int port, const std::optional<RunAs>& user) {
  STRATA_RETURN_IF_ERROR(
      RunServerProgram(db,
                       {(db.bin_dir / "initdb").string(), "-D", db.DataDir().string(), "-U",
                        "postgres", "-A", "trust", "-E", "UTF8",
                        // C: every system has it, and sorting does not depend on the machine.
                        "--locale=C", "--no-sync"},
                       user, "initdb"));
  STRATA_RETURN_IF_ERROR(ConfigureServer(db));
  // A free port may be taken between the check and the server's bind; then try another.
  const int attempts = port > 0 ? 1 : kPortAttempts;
  Status started;
  for (int i = 0; i < attempts; ++i) {
    if (port > 0) {
      db.port = port;
    } else {
      STRATA_ASSIGN_OR_RETURN(db.port, FreePort());
    }
    // The port is digits only, so pg_ctl's own shell line for the server is safe.
    started = RunServerProgram(
        db,
        {(db.bin_dir / "pg_ctl").string(), "start", "-D", db.DataDir().string(), "-l",
         db.LogFile().string(), "-w", "-t", "60", "-o", "-p " + std::to_string(db.port)},
        user, "pg_ctl start on port " + std::to_string(db.port));
    if (started.ok()) break;
  }
  STRATA_RETURN_IF_ERROR(started);
  STRATA_ASSIGN_OR_RETURN(db.pid, PostmasterPid(db));
  return Status::Ok();
}

}  // namespace

std::string DevDb::Url() const {
  return "postgres://postgres@127.0.0.1:" + std::to_string(port) + "/postgres";
}

Result<fs::path> FindServerBinaries(const fs::path& requested) {
  if (!requested.empty()) {
    if (HasServerBinaries(requested)) return requested;
    return Status::NotFound("no PostgreSQL server binaries (initdb, pg_ctl) in " +
                            requested.string());
  }
  // pg_config may come from a client-only package (libpq-dev), so it only counts with initdb.
  Result<std::string> pg_config = CaptureStdout({"pg_config", "--bindir"});
  if (pg_config.ok()) {
    const fs::path dir = Trimmed(*pg_config);
    if (!dir.empty() && HasServerBinaries(dir)) return dir;
  }
  if (std::optional<fs::path> dir = NewestDebianBinaries()) return *dir;
  return Status::NotFound(kInstallHint);
}

Result<std::optional<DevDb>> ReadDevDbState(const fs::path& state_file) {
  std::ifstream in(state_file);
  if (!in) return std::optional<DevDb>();
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  const auto bad = [&state_file] {
    return Status::InvalidInput("not a dev-db state file; remove it if no dev database runs")
        .WithFile(state_file.string());
  };
  if (!j.is_object()) return bad();
  for (const char* key : {"dir", "bin_dir"}) {
    if (!j.contains(key) || !j[key].is_string()) return bad();
  }
  for (const char* key : {"port", "pid"}) {
    if (!j.contains(key) || !j[key].is_number_integer()) return bad();
  }
  DevDb db;
  db.dir = j["dir"].get<std::string>();
  db.bin_dir = j["bin_dir"].get<std::string>();
  db.port = j["port"].get<int>();
  db.pid = j["pid"].get<int>();
  return std::optional<DevDb>(std::move(db));
}

bool DevDbRunning(const DevDb& db) {
  if (db.pid <= 0) return false;
  // EPERM: alive, but another user's (the server user's, when strata is not root).
  if (kill(db.pid, 0) != 0 && errno != EPERM) return false;
  // The pid may have been reused since; the data directory knows its postmaster.
  Result<int> pid = PostmasterPid(db);
  return pid.ok() && *pid == db.pid && Listening(db.port);
}

Result<DevDb> StartDevDb(const DevDbOptions& options) {
  DevDb db;
  STRATA_ASSIGN_OR_RETURN(db.bin_dir, FindServerBinaries(options.bin_dir));
  STRATA_ASSIGN_OR_RETURN(db.dir, MakeTempDir());
  // The log is created here so that the server user (below) can be given it.
  std::ofstream(db.LogFile()).close();
  Status st = [&]() -> Status {
    STRATA_ASSIGN_OR_RETURN(const std::optional<RunAs> user, ServerUser(db.LogFile()));
    if (user) {
      STRATA_RETURN_IF_ERROR(Chown(db.dir, *user));
      STRATA_RETURN_IF_ERROR(Chown(db.LogFile(), *user));
    }
    STRATA_RETURN_IF_ERROR(InitAndStart(db, options.port, user));
    Status written = WriteState(db, options.state_file);
    if (!written.ok()) {
      (void)RunServerProgram(db,
                             {(db.bin_dir / "pg_ctl").string(), "stop", "-D", db.DataDir().string(),
                              "-m", "immediate", "-w"},
                             user, "pg_ctl stop");
    }
    return written;
  }();
  if (!st.ok()) {
    std::error_code ec;
    fs::remove_all(db.dir, ec);
    return st;
  }
  return db;
}

Status StopDevDb(const DevDb& db, const fs::path& state_file) {
  if (DevDbRunning(db)) {
    STRATA_RETURN_IF_ERROR(RunServerProgram(db,
                                            {(db.bin_dir / "pg_ctl").string(), "stop", "-D",
                                             db.DataDir().string(), "-m", "fast", "-w", "-t", "60"},
                                            OwnerOf(db), "pg_ctl stop"));
  }
  std::error_code ec;
  // A state file is only text: never delete a directory strata did not make.
  if (db.dir.filename().string().rfind(kDirPrefix, 0) == 0) {
    fs::remove_all(db.dir, ec);
    if (ec)
      return Status::Io("cannot remove the directory: " + ec.message()).WithFile(db.dir.string());
  }
  fs::remove(state_file, ec);
  if (ec)
    return Status::Io("cannot remove the state file: " + ec.message())
        .WithFile(state_file.string());
  // .strata/ was created for the state file; leave it only when something else is in it.
  if (state_file.has_parent_path() && state_file.parent_path().filename() == ".strata") {
    fs::remove(state_file.parent_path(), ec);
  }
  return Status::Ok();
}

}  // namespace strata::cli
