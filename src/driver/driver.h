// The driver seam: what strata needs from a database, and nothing more.
//
// Drivers are dumb, the engine is smart. A driver connects, executes, queries,
// introspects, takes the run lock and renders the few dialect-specific bits of
// SQL (its SqlDialect); the locking order, the history bookkeeping and the failed-state protocol
// live in engine/. Rendering a whole schema (and, next, a diff's changes) needs
// no connection and lives behind the Planner seam (plan.h).
//
// The seam is three interfaces: the SQL dialect (sql_dialect.h: rendering, no
// connection), introspection (introspection.h: catalog reads) and the session
// (Connection below: statements, transactions, the run lock), which implements
// introspection and hands out its dialect.
//
// How to implement a driver for a new database:
//  1. Add a folder src/driver/<name>/ with the same file names as the others:
//     driver.h/.cc (the connection), errors.h/.cc (native errors as Status),
//     sql_dialect.h/.cc (the SqlDialect), inspect.h/.cc (the database read into
//     a catalog::Catalog), plan.h/.cc (the Planner, plan.h). Only driver.cc and
//     errors.cc include the C client library's header, never a header of ours;
//     sql_dialect.cc, inspect.cc and plan.cc work through Connection, the
//     dialect and catalog values alone.
//  2. Implement SqlDialect (sql_dialect.h, its own how-to): types, quoting,
//     placeholders, the history table's upsert and ranked insert; pure, with
//     its unit test (sql_dialect_test.cc).
//  3. Implement Connection below; map every native error to a Status in one place,
//     keeping the native code in context().sqlstate and the statement-local line
//     and column of the error in context().line/column when the server gives one.
//     Classify the code there too, in a small pure function with its unit test:
//     Status::DatabaseError(ErrorClass, message) for a lock not granted, a
//     deadlock, a serialization failure (base/status.h); the engine asks
//     is_lock_not_granted() and its kind, never the raw code. Say truly what
//     it can do in Capabilities: the engine reads them (transactional_ddl
//     false makes every migration run statement by statement).
//  4. Implement Introspection (introspection.h), Inspect in inspect.cc: every
//     user object into the catalog model, with set-based queries (never one
//     per table), in canonical order.
//  5. Never put the password in a Status, a log line or DisplayTarget().
//  6. Implement ScratchDatabases below (scratch.cc), the empty databases where
//     migrations are replayed.
//  7. Register the URL schemes it accepts, its SQL dialect, its planner and its
//     scratch databases in cli/connect.cc (explicitly, no static initialisers),
//     and run the conformance suite (tests/driver_conformance_test.cc) against it.
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
#include "driver/introspection.h"
#include "driver/sql_dialect.h"

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

struct Capabilities {
  // DDL rolls back with its transaction. When false (MySQL), the engine runs
  // every script statement by statement, recording its progress after each
  // (engine/transaction_choice.h), so that a failure resumes after the last
  // statement that took effect.
  bool transactional_ddl = true;
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

// The session: one connection to one database, through which strata runs
// statements and transactions and takes its run lock. It reads the catalog as
// an Introspection (introspection.h), and renders its SQL with its dialect,
// sql(), which needs no connection (sql_dialect.h). The session stays in this
// header rather than a session.h of its own: every caller that has a
// Connection needs all three, and one include gives them.
class Connection : public Introspection {
 public:
  ~Connection() override = default;

  // The SQL dialect of this database: the same object the CLI's driver table
  // gives without a connection (cli/connect.h, SqlDialectFor).
  virtual const SqlDialect& sql() const = 0;
  Dialect dialect() const { return sql().dialect(); }
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
  // Runs one statement with parameters (placeholders as sql().Placeholder(n)
  // writes them) and returns its rows.
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Sends a query the caller is about to run, outside any transaction, without
  // waiting for its answer: the server works on it while the caller does other
  // work. The next Query() with the same text and parameters takes that answer;
  // any other statement first discards it. Where there is no server to wait for
  // (SQLite), nothing is sent and Query() runs the query as usual.
  // NOLINTNEXTLINE(performance-unnecessary-value-param): by value, as the drivers keep them
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

  // The database user (PostgreSQL) or operating-system user (SQLite) applying changes.
  virtual Result<std::string> SessionUser() = 0;

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
