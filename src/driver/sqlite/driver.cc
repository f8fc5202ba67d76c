#include "driver/sqlite/driver.h"

#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "base/interrupt.h"
#include "base/path_error.h"
#include "base/strings.h"
#include "base/utc.h"
#include "driver/run_lock_wait.h"
#include "driver/sql_text.h"
#include "driver/sqlite/errors.h"
#include "driver/sqlite/inspect.h"
#include "driver/sqlite/sql_dialect.h"

namespace strata::driver::sqlite {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// The file name that SQLite should open for `url`.
std::string PathOf(std::string_view url) {
  for (std::string_view scheme : {"sqlite3://", "sqlite://", "sqlite3:", "sqlite:"}) {
    if (StartsWithIgnoreCase(url, scheme)) return std::string(url.substr(scheme.size()));
  }
  return std::string(url);
}

// Why the file that `path` (a path or a file: URI) names cannot be looked at:
// errno of stat(2), 0 when it can. A URI's path is taken as written, up to its
// query: "file:app.db?mode=rw" -> "app.db", "file:///srv/app.db" -> "/srv/app.db".
int StatErrno(std::string_view path) {
  if (StartsWithIgnoreCase(path, "file:")) {
    path.remove_prefix(5);
    path = path.substr(0, path.find_first_of("?#"));
    if (path.starts_with("//")) path.remove_prefix(std::min(path.find('/', 2), path.size()));
  }
  struct stat st;
  if (path.empty() || ::stat(std::string(path).c_str(), &st) == 0) return 0;
  return errno;
}

std::string RunLockPath(const std::string& database_file) { return database_file + ".strata-lock"; }

// What the holder of the run lock writes into the lock file, for waiters to show:
// flock() itself does not say who holds a lock.
std::string HolderText() {
  char host[256] = {0};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return "process " + std::to_string(::getpid()) + " on " + (host[0] ? host : "this host") +
         " since " + UtcNow();
}

// The lock file's text: who holds the lock, if the holder wrote it.
std::string ReadHolder(int fd) {
  char buf[512];
  const ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  return n > 0 ? std::string(Trim(std::string_view(buf, static_cast<size_t>(n)))) : "";
}

void WriteHolder(int fd) {
  const std::string text = HolderText() + "\n";
  // Only shown to waiters: a failed write leaves them a line without a name.
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, text.data(), text.size(), 0);
}

// An in-memory database has one connection: there is no other run to exclude.
class NoRunLock final : public RunLock {};

// The run lock of a database file: flock(2) on `<file>.strata-lock` beside it,
// which the kernel releases when the process dies, so that a run that finds a
// migration left "running" knows its runner is gone. Not the database file
// itself: closing any descriptor of that file would drop SQLite's own POSIX
// locks on it. The lock file stays, empty, after the run.
class FileRunLock final : public RunLock {
 public:
  explicit FileRunLock(int fd) : fd_(fd) {}
  FileRunLock(const FileRunLock&) = delete;
  FileRunLock& operator=(const FileRunLock&) = delete;
  ~FileRunLock() override { ::close(fd_); }

 private:
  int fd_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(std::string display, DbPtr db)
      : display_(std::move(display)),
        db_(std::move(db)),
        on_interrupt_([](void* db) { sqlite3_interrupt(static_cast<sqlite3*>(db)); }, db_.get()) {}

  const SqlDialect& sql() const override { return GetSqlDialect(); }
  Capabilities capabilities() const override {
    Capabilities c;
    c.exclusive_run_lock = true;  // FileRunLock
    c.file_backup = true;
    return c;
  }
  std::string DisplayTarget() const override { return display_; }

  Status Execute(std::string_view sql) override {
    const std::string text(sql);
    const char* tail = text.c_str();
    const char* end = text.c_str() + text.size();
    while (tail < end) {
      sqlite3_stmt* raw = nullptr;
      const char* start = tail;
      int rc = sqlite3_prepare_v2(db_.get(), tail, static_cast<int>(end - tail), &raw, &tail);
      StmtPtr stmt(raw);
      if (rc != SQLITE_OK) return ErrorFrom(db_.get(), rc, sql, text.c_str(), start);
      if (!stmt) continue;  // blank space or a comment
      while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      }
      if (rc != SQLITE_DONE) return ErrorFrom(db_.get(), rc, sql, text.c_str(), start);
    }
    return Status::Ok();
  }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    StmtPtr stmt(raw);
    if (rc != SQLITE_OK) return ErrorFrom(db_.get(), rc, sql, sql.data(), sql.data());
    for (size_t i = 0; i < params.size(); ++i) {
      const std::string name = "$" + std::to_string(i + 1);
      const int index = sqlite3_bind_parameter_index(stmt.get(), name.c_str());
      if (index == 0) continue;  // the statement does not use this parameter
      rc = params[i] ? sqlite3_bind_text(stmt.get(), index, params[i]->data(),
                                         static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                     : sqlite3_bind_null(stmt.get(), index);
      if (rc != SQLITE_OK) return ErrorFrom(db_.get(), rc, sql, nullptr, nullptr);
    }
    Rows rows;
    const int ncols = sqlite3_column_count(stmt.get());
    for (int c = 0; c < ncols; ++c) rows.columns.emplace_back(sqlite3_column_name(stmt.get(), c));
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      Row row;
      row.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (sqlite3_column_type(stmt.get(), c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
          row.emplace_back(
              std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt.get(), c))));
        }
      }
      rows.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return ErrorFrom(db_.get(), rc, sql, nullptr, nullptr);
    if (sqlite3_stmt_readonly(stmt.get()) == 0) rows.affected = sqlite3_changes64(db_.get());
    return rows;
  }

  // IMMEDIATE takes the write lock now, waiting up to the busy timeout, so that
  // two runners cannot both decide to apply the same migration.
  Status Begin() override { return Execute("BEGIN IMMEDIATE"); }
  Status Commit() override { return Execute("COMMIT"); }
  Status ExecuteAndCommit(std::string_view sql, const std::vector<Value>& params) override {
    STRATA_RETURN_IF_ERROR(Query(sql, params).status());  // in-process: no round trip to save
    return Commit();
  }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_.get())) return Status::Ok();  // nothing open
    return Execute("ROLLBACK");
  }

  Result<std::unique_ptr<RunLock>> AcquireRunLock(int64_t, std::chrono::milliseconds timeout,
                                                  const LockWaitNotice& on_wait = {}) override {
    const std::string file = DatabaseFile();
    if (file.empty()) return std::unique_ptr<RunLock>(new NoRunLock());
    const std::string path = RunLockPath(file);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return Status::Io(std::string("cannot open the run lock file: ") + std::strerror(errno))
          .WithFile(path);
    }
    auto lock = std::make_unique<FileRunLock>(fd);
    auto try_lock = [&]() -> Result<bool> {
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
      if (errno == EWOULDBLOCK || errno == EINTR) return false;
      return Status::Io(std::string("cannot lock: ") + std::strerror(errno)).WithFile(path);
    };
    auto who = [&] {
      if (on_wait) on_wait(ReadHolder(fd));
    };
    STRATA_ASSIGN_OR_RETURN(bool taken, PollForLock(try_lock, timeout, who));
    if (!taken) {
      return Status::LockTimeout("another strata run holds the migration lock on " + display_ +
                                 " (" + path + "); gave up after " +
                                 std::to_string(timeout.count()) + " ms");
    }
    WriteHolder(fd);
    return std::unique_ptr<RunLock>(std::move(lock));
  }

  Result<bool> RunLockHeld(int64_t) override {
    const std::string file = DatabaseFile();
    if (file.empty()) return false;
    const int fd = ::open(RunLockPath(file).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;  // no run ever locked this database
    const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;
    ::close(fd);  // releases the shared lock, if taken
    return !free;
  }

  Status SetLockTimeout(std::chrono::milliseconds) override {
    return Status::Ok();  // SQLite has one database lock; its wait is the busy timeout
  }
  Status SetStatementTimeout(std::chrono::milliseconds) override {
    return Status::Ok();  // no server to cancel a statement; a batch is bounded by its size
  }

  Result<std::string> SessionUser() override {
    const passwd* pw = getpwuid(geteuid());
    return std::string(pw ? pw->pw_name : "unknown");
  }

  Result<bool> TableExists(std::string_view schema, std::string_view table) override {
    return ObjectExists(schema, "table", table);
  }

  // SQLite keeps no row estimates; sizes would need the dbstat extension, which
  // Debian's build may lack. Tables are listed with unknown sizes.
  Result<std::vector<TableSize>> TableSizes() override {
    STRATA_ASSIGN_OR_RETURN(Rows rows, Query("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'",
                                             {}));
    std::vector<TableSize> out;
    for (const Row& r : rows.rows) out.push_back(TableSize{"", r[0].value_or(""), -1, -1});
    return out;
  }

  Result<std::vector<ColumnType>> ColumnTypes() override {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows, Query("SELECT m.name, p.name, lower(p.type) FROM sqlite_schema m, "
                         "pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT "
                         "LIKE 'sqlite_%' ORDER BY m.name, p.cid",
                         {}));
    std::vector<ColumnType> out;
    for (const Row& r : rows.rows) {
      out.push_back(ColumnType{"", r[0].value_or(""), r[1].value_or(""), r[2].value_or("")});
    }
    return out;
  }

  Result<bool> DropIndexIfInvalid(std::string_view, std::string_view) override {
    return false;  // SQLite builds an index inside its transaction: never left invalid
  }
  Result<IndexState> FindIndex(std::string_view schema, std::string_view name) override {
    STRATA_ASSIGN_OR_RETURN(bool exists, ObjectExists(schema, "index", name));
    return exists ? IndexState::kValid : IndexState::kAbsent;
  }

  Result<catalog::Catalog> Inspect(const InspectOptions& options) override {
    return sqlite::Inspect(*this, options);
  }

  std::string DatabaseFile() const override {
    const char* file = sqlite3_db_filename(db_.get(), "main");
    return file ? file : "";  // "" for :memory: and temporary databases
  }

  // sqlite3_backup copies page by page under a read lock of the source, so
  // readers and other connections go on meanwhile; one step copies it all.
  Result<std::string> BackupTo(const std::string& path) override {
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    DbPtr dest(raw);
    if (rc != SQLITE_OK) {
      return Status::Io(std::string("cannot create the backup: ") +
                        (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)))
          .WithFile(path);
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", db_.get(), "main");
    if (backup == nullptr) {
      return Status::Io(std::string("cannot start the backup: ") + sqlite3_errmsg(dest.get()))
          .WithFile(path);
    }
    rc = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK) {
      const int code = rc != SQLITE_DONE ? rc : finished;
      return (code == SQLITE_BUSY || code == SQLITE_LOCKED
                  ? Status::LockTimeout(std::string("the backup could not read the database: ") +
                                        sqlite3_errstr(code))
                  : Status::Io(std::string("the backup failed: ") + sqlite3_errstr(code)))
          .WithFile(path);
    }
    return path;
  }

 private:
  // Whether `schema` (empty: main) holds a `type` (table, index, ...) named `name`.
  // A schema is an attached database: none of that name holds nothing.
  Result<bool> ObjectExists(std::string_view schema, std::string_view type, std::string_view name) {
    if (!schema.empty()) {
      STRATA_ASSIGN_OR_RETURN(
          Rows attached,
          Query("SELECT 1 FROM pragma_database_list WHERE name = $1", {std::string(schema)}));
      if (attached.rows.empty()) return false;
    }
    const std::string catalog =
        schema.empty() ? "sqlite_schema" : QuoteWithDoubleQuotes(schema) + ".sqlite_schema";
    STRATA_ASSIGN_OR_RETURN(Rows rows,
                            Query("SELECT 1 FROM " + catalog + " WHERE type = $1 AND name = $2",
                                  {std::string(type), std::string(name)}));
    return !rows.rows.empty();
  }

  std::string display_;
  DbPtr db_;
  // Ctrl-C and SIGTERM stop the statement running (base/interrupt.h); declared
  // after db_, so unregistered before the database is closed.
  CancelOnInterrupt on_interrupt_;
};

}  // namespace

bool AcceptsUrl(std::string_view url) {
  for (std::string_view scheme : {"sqlite:", "sqlite3:", "file:"}) {
    if (StartsWithIgnoreCase(url, scheme)) return true;
  }
  if (url == ":memory:") return true;
  // A bare path; never a URL of another scheme or a libpq keyword string.
  if (url.find("://") != std::string_view::npos || url.find('=') != std::string_view::npos) {
    return false;
  }
  for (std::string_view ext : {".db", ".sqlite", ".sqlite3"}) {
    if (url.size() > ext.size() && url.substr(url.size() - ext.size()) == ext) return true;
  }
  return false;
}

std::string UrlRelativeTo(std::string_view url, const std::string& dir) {
  std::string_view prefix;
  for (std::string_view scheme : {"sqlite3://", "sqlite://", "sqlite3:", "sqlite:", "file:"}) {
    if (StartsWithIgnoreCase(url, scheme)) {
      prefix = url.substr(0, scheme.size());
      break;
    }
  }
  const std::string_view path = url.substr(prefix.size());
  // ":memory:", "file::memory:", "/abs" and "file:///abs" stay as they are.
  if (dir.empty() || path.empty() || path.front() == '/' || path.front() == ':') {
    return std::string(url);
  }
  return std::string(prefix) + (std::filesystem::path(dir) / path).string();
}

Result<std::unique_ptr<Connection>> Connect(const ConnectOptions& options) {
  const std::string path = PathOf(options.url);
  if (path.empty()) return Status::InvalidInput("the SQLite URL names no file: " + options.url);
  if (!options.default_schema.empty()) {
    return Status::InvalidInput("[database] schema '" + options.default_schema +
                                "': SQLite has no schemas; remove it for a SQLite target");
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &raw,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | (options.create ? SQLITE_OPEN_CREATE : 0), nullptr);
  DbPtr db(raw);
  if (rc == SQLITE_CANTOPEN) {
    const int err = StatErrno(path);
    if (err == ENOENT && !options.create) {
      return Status::NotFound("no such database file (only strata up and baseline create one)")
          .WithFile(path);
    }
    if (err != 0 && err != ENOENT) return PathErrorFromErrno("open the SQLite database", path, err);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      return Status::InvalidInput("is a directory, not a SQLite database file").WithFile(path);
    }
  }
  if (rc != SQLITE_OK) {
    return Status::Database("cannot open SQLite database '" + path +
                            "': " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db.get(), static_cast<int>(options.lock_wait.count()));
  sqlite3_extended_result_codes(db.get(), 1);
  auto conn = std::make_unique<SqliteConnection>("sqlite:" + path, std::move(db));
  // Foreign keys are off by default in SQLite; migrations expect them enforced.
  STRATA_RETURN_IF_ERROR(conn->Execute("PRAGMA foreign_keys = ON"));
  return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace strata::driver::sqlite
