// The driver seam: what strata needs from a database, and nothing more.
//
// Drivers are dumb, the engine is smart. A driver connects, executes, queries,
// introspects, takes the run lock and renders the few dialect-specific bits of
// SQL; the locking order, the history bookkeeping and the failed-state protocol
// live in engine/. Rendering a whole schema (and, next, a diff's changes) needs
// no connection and lives behind the Planner seam (plan.h).
//
// How to implement a driver for a new database:
//  1. Add a folder src/driver/<name>/ with the same file names as the others:
//     driver.h/.cc (the connection), errors.h/.cc (native errors as Status),
//     inspect.h/.cc (the database read into a catalog::Catalog), plan.h/.cc
//     (the Planner, plan.h). Only driver.cc and errors.cc include the C client
//     library's header, never a header of ours; inspect.cc and plan.cc work
//     through Connection and catalog values alone.
//  2. Implement Connection below; map every native error to a Status in one place,
//     keeping the native code in context().sqlstate and the statement-local line
//     and column of the error in context().line/column when the server gives one.
//     Classify the code there too, in a small pure function with its unit test:
//     Status::DatabaseError(ErrorClass, message) for a lock not granted, a
//     deadlock, a serialization failure (base/status.h); the engine asks
//     is_lock_not_granted() and its kind, never the raw code.
//  3. Implement Inspect (inspect.h): every user object into the catalog model,
//     with set-based queries (never one per table), in canonical order.
//  4. Never put the password in a Status, a log line or DisplayTarget().
//  5. Implement ScratchDatabases below (scratch.cc), the empty databases where
//     migrations are replayed.
//  6. Register the URL schemes it accepts, its planner and its scratch
//     databases in cli/connect.cc (explicitly, no static initialisers), and run
//     the conformance suite (tests/driver_conformance_test.cc) against it.
//
// Thread-safety: a Connection is used by one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "base/status.h"
#include "catalog/catalog.h"

namespace strata::driver {

// Parameters and results travel as text or NULL: every engine value (versions,
// checksums, timestamps, counts, booleans as "1"/"0") has a text form both
// PostgreSQL and SQLite convert on input.
using Value = std::optional<std::string>;
using Row = std::vector<Value>;

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected = -1;  // rows an INSERT, UPDATE or DELETE changed; -1 when not told
};

// Column types the engine needs for its own tables, rendered per dialect.
enum class LogicalType { kText, kBigInt, kBool, kTimestamp };

// A table's size on disk and estimated row count (PostgreSQL: pg_class).
struct TableSize {
  std::string schema;
  std::string table;
  int64_t bytes = -1;  // -1 when the database does not say
  int64_t rows = -1;   // an estimate; -1 when unknown
};

// One column of a user table, with its type as the catalog names it
// (PostgreSQL: udt_name such as int4, varchar, timestamptz).
struct ColumnType {
  std::string schema;
  std::string table;
  std::string column;
  std::string type;
};

// Told who holds the run lock a run waits for (Connection::AcquireRunLock).
using LockWaitNotice = std::function<void(const std::string& holder)>;

// Held while a run applies migrations; released by its destructor.
class RunLock {
 public:
  virtual ~RunLock() = default;
  // Ok while the lock is still held. The engine asks before each statement: a
  // lock can be lost while its holder runs (PostgreSQL: the lock's session was
  // terminated), and a runner that goes on would run beside the next holder.
  // Must not wait on the database: it is asked often.
  virtual Status Check() { return Status::Ok(); }
};

// Whether an index exists, and whether it is usable (PostgreSQL: pg_index.indisvalid;
// a CREATE INDEX CONCURRENTLY that failed or was killed leaves an INVALID one).
enum class IndexState { kAbsent, kValid, kInvalid };

// What Connection::Inspect leaves out. Default: strata's own tables, the
// history table and its companions (strata_schema_history_meta, ..._backfill).
struct InspectOptions {
  // Tables left out, by name in any schema, together with their columns,
  // constraints, indexes, triggers, policies and owned sequences: those named
  // in `excluded_tables` and those whose names start with one of
  // `excluded_prefixes`.
  std::vector<std::string> excluded_tables = {"strata_schema_history"};
  std::vector<std::string> excluded_prefixes = {"strata_schema_history_"};
};

struct Capabilities {
  bool transactional_ddl = true;  // DDL rolls back with its transaction
  // AcquireRunLock excludes other runners for the whole run. When false, the
  // engine relies on Begin() taking the database's write lock and re-reads the
  // history inside each migration's transaction.
  bool exclusive_run_lock = true;
  // BackupTo copies the database to a file while it stays open (SQLite). A
  // server database is backed up by its own tools (pg_dump) instead.
  bool file_backup = false;
  // The longest identifier the database keeps whole, in bytes; 0 for no limit.
  // PostgreSQL cuts longer ones short (63) with only a notice, so that two
  // names alike in their first 63 bytes would name one table.
  size_t max_identifier_bytes = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  virtual Capabilities capabilities() const = 0;
  // The target for display: the URL with any password removed.
  virtual std::string DisplayTarget() const = 0;
  // The passwords this connection was made with, wherever they came from
  // (PostgreSQL: the URL, PGPASSWORD, ~/.pgpass, a service file), so that the
  // caller can mask them in everything it prints or stores. Never shown.
  virtual std::vector<std::string> Secrets() const { return {}; }

  // Runs one statement (or, for setup, a script) without parameters. On failure the
  // Status carries the SQLSTATE (or native code) and, when the database says where,
  // the line/column of the error within `sql`.
  virtual Status Execute(std::string_view sql) = 0;
  // Runs one statement with $1..$n parameters and returns its rows.
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Sends a query the caller is about to run, outside any transaction, without
  // waiting for its answer: the server works on it while the caller does other
  // work. The next Query() with the same text and parameters takes that answer;
  // any other statement first discards it. Where there is no server to wait for
  // (SQLite), nothing is sent and Query() runs the query as usual.
  virtual void Prefetch(std::string /*sql*/, std::vector<Value> /*params*/) {}

  // A transaction. Begin() takes the write lock where the dialect has one
  // (SQLite: BEGIN IMMEDIATE), waiting up to the connection's lock timeout. A
  // driver may defer sending BEGIN until the next statement, to save a round trip.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Runs one statement with parameters, then commits the open transaction, in one
  // round trip where the database allows (the history row and the COMMIT of a
  // migration). On failure nothing is committed and the caller rolls back.
  virtual Status ExecuteAndCommit(std::string_view sql, const std::vector<Value>& params) = 0;

  // Excludes other strata runs on the same database, waiting up to `timeout`; a
  // LockTimeout status when it could not. The lock must not live in any
  // transaction of this connection (PostgreSQL: a session advisory lock on a
  // connection of its own) and must vanish when the process dies. While waiting
  // the caller holds no transaction or snapshot (poll, see run_lock_wait.h), so
  // that the holder's CREATE INDEX CONCURRENTLY never waits for a waiter.
  // When the lock is taken already, `on_wait` (if set) is told once who holds it
  // and since when, as far as the driver can tell ("" when it cannot), so that
  // the user sees why the run waits.
  virtual Result<std::unique_ptr<RunLock>> AcquireRunLock(int64_t key,
                                                          std::chrono::milliseconds timeout,
                                                          const LockWaitNotice& on_wait = {}) = 0;

  // Whether some run holds the run lock `key` now, without taking or waiting for
  // it: tells a migration left "running" by a live run from one whose run died.
  virtual Result<bool> RunLockHeld(int64_t key) = 0;

  // Bounds how long each later statement of this session waits for a lock
  // (PostgreSQL: SET lock_timeout). A driver whose locks are not per table may
  // keep its own wait (SQLite: the busy timeout) and return Ok.
  virtual Status SetLockTimeout(std::chrono::milliseconds timeout) = 0;
  // Bounds how long each later statement of this session may run (PostgreSQL:
  // SET statement_timeout; 0 restores the session default). Ok where unsupported.
  virtual Status SetStatementTimeout(std::chrono::milliseconds timeout) = 0;

  virtual std::string TypeName(LogicalType type) const = 0;
  virtual std::string QuoteIdentifier(std::string_view name) const = 0;
  // An expression that reads timestamp column `column` as whole seconds since
  // 1970-01-01 UTC, an integer (NULL stays NULL). The caller formats them: on
  // PostgreSQL, to_char on 500 history rows cost `status` 0.4 ms of server time.
  virtual std::string EpochSeconds(std::string_view column) const = 0;
  // The database user (PostgreSQL) or operating-system user (SQLite) applying changes.
  virtual Result<std::string> SessionUser() = 0;
  virtual Result<bool> TableExists(std::string_view schema, std::string_view table) = 0;
  // Every user table with its size, in one round trip.
  virtual Result<std::vector<TableSize>> TableSizes() = 0;
  // Every column of every user table, in one round trip.
  virtual Result<std::vector<ColumnType>> ColumnTypes() = 0;
  // When `name` (in `schema`, or the search path when empty) is an index left
  // INVALID by a failed CREATE INDEX CONCURRENTLY, drops it and returns true.
  virtual Result<bool> DropIndexIfInvalid(std::string_view schema, std::string_view name) = 0;
  // Whether index `name` (in `schema`, or the search path when empty) exists and
  // is valid: how the engine tells whether a statement that ran outside a
  // transaction took effect before a crash.
  virtual Result<IndexState> FindIndex(std::string_view schema, std::string_view name) = 0;

  // Every user object of the database, read into the catalog model in
  // canonical order (catalog::SortCanonically), from one consistent view of the
  // schema. Left out: system schemas and objects, objects that belong to an
  // extension, and the tables `options` excludes. The caller must not be
  // inside a transaction of its own on this connection; the driver opens and
  // ends a read transaction.
  virtual Result<catalog::Catalog> Inspect(const InspectOptions& options) = 0;

  // The file the database lives in (SQLite), as the library resolved it; empty
  // for an in-memory or temporary database and for a server database.
  virtual std::string DatabaseFile() const = 0;
  // Copies the whole database into the new file `path` while it stays open and
  // usable (SQLite: the online backup API), and returns `path`. The caller makes
  // sure `path` does not exist yet, that its directory does, and that no
  // transaction of its own is open. Where capabilities().file_backup is false: an
  // InvalidInput status, nothing written.
  virtual Result<std::string> BackupTo(const std::string& path) = 0;
};

// A connection on its way. Most of connecting to a server is waiting for it to
// start a backend; the caller does other work on the same thread meanwhile
// (reading the migrations directory) and calls Advance() now and then, which
// moves the connection on only as far as it can without waiting. Finish() waits
// for the rest. Not thread-safe.
class PendingConnection {
 public:
  virtual ~PendingConnection() = default;
  // True once Finish() has nothing left to wait for: the server is ready, or
  // connecting has failed.
  virtual bool Advance() = 0;
  virtual Result<std::unique_ptr<Connection>> Finish() = 0;
};

// A PendingConnection with nothing left to wait for (an embedded database opens at once).
class ReadyConnection final : public PendingConnection {
 public:
  explicit ReadyConnection(std::unique_ptr<Connection> conn) : conn_(std::move(conn)) {}
  bool Advance() override { return true; }
  Result<std::unique_ptr<Connection>> Finish() override { return std::move(conn_); }

 private:
  std::unique_ptr<Connection> conn_;
};

// How to reach a database; filled by the CLI from flags, environment and strata.toml.
struct ConnectOptions {
  std::string url;                              // as the user wrote it; may hold a password
  std::chrono::milliseconds lock_wait{10'000};  // SQLite busy timeout; default 10 s
  // PostgreSQL: give up on a server that does not complete the connection (and
  // its login) within this time; a connect_timeout in the URL wins. Default 10 s.
  std::chrono::seconds connect_timeout{10};
  std::string application_name = "strata";  // PostgreSQL application_name
  // PostgreSQL: connect to this database of the URL's server instead of the
  // URL's own (a shadow database beside the target). Empty: the URL's.
  std::string database;
  // PostgreSQL: a schema put first on the session's search_path, before what the
  // server, the role or PGOPTIONS set (Flyway's defaultSchema): unqualified
  // names in migrations land there. Empty: the search_path as it comes. SQLite,
  // which has no schemas, refuses a non-empty one.
  std::string default_schema;
  // SQLite: create the database file when it does not exist (strata up and
  // baseline). Default false: a missing file is NotFound ("no such database
  // file") and nothing is created, so that a mistyped path is never a new database.
  bool create = false;
};

// The name of every scratch database starts with this, so that those a killed
// run left behind can be found (ScratchDatabases::Leftovers).
inline constexpr std::string_view kScratchPrefix = "strata_shadow_";

// A new empty database made by ScratchDatabases::Create.
struct ScratchDatabase {
  std::string name;        // what Drop takes; on a server it starts with kScratchPrefix
  ConnectOptions options;  // how to reach it: the server's options, the database changed
};

// Scratch databases: empty databases where strata replays migrations or SQL to
// read the schema they give (diff, drift, generate, verify), never the target.
// Each dialect's OpenScratchDatabases(server options) makes one, beside its
// Connect; not a Connection method, because an embedded database needs no
// connection to make one and the server URL need not name a database that exists.
// engine::ScratchPool connects to them, and drops them when the command ends.
//
// How to implement:
//  1. Create: a database that holds nothing (no objects from a template),
//     named kScratchPrefix plus a part unique across processes and hosts, and
//     the options that reach it. An error says what the server said, keeping
//     its native code; the caller adds what the user can do about it.
//  2. Drop: removes the database `name` (made by Create, here or by a run that
//     died), also while connections to it are still open, and also after an
//     interrupt cancelled the command. Dropping one that is gone is Ok.
//  3. Leftovers: the names of the scratch databases on the server (those that
//     start with kScratchPrefix), whoever made them, sorted: a killed run's, and
//     those of runs still going, which the caller tells apart. Empty where a
//     scratch database cannot outlive its process (SQLite: in memory).
//  4. Secrets: the passwords its own connections learned (Connection::Secrets),
//     so that the caller masks them as it masks the target's.
//
// Thread-safety: used by one thread at a time.
class ScratchDatabases {
 public:
  virtual ~ScratchDatabases() = default;
  virtual Result<ScratchDatabase> Create() = 0;
  virtual Status Drop(std::string_view name) = 0;
  virtual Result<std::vector<std::string>> Leftovers() = 0;
  virtual std::vector<std::string> Secrets() const { return {}; }
};

}  // namespace strata::driver
