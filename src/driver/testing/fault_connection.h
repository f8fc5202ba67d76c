// A Connection for tests that forwards every call to a real one and injects the
// faults a test asks for: LevelDB's EnvWrapper idea (env.h, and the fault
// injection test built on it) applied to the driver seam.
//
// Two kinds of fault:
//  - A failing call: the Nth call of a kind (optionally only among calls whose
//    SQL contains a given text) returns a chosen Status without reaching the
//    database; later calls go through. What a server that rejects a statement,
//    or a lock not granted in time, looks like to the engine.
//  - A death: at the Nth call of a kind, the process "dies". kBefore: the call
//    does not reach the database. kAfter: it does, and then the caller sees a
//    lost connection (after Commit or ExecuteAndCommit: the commit happened but
//    the caller cannot know). From then on every call fails with ConnectionLost()
//    and reaches nothing, like the writes of a killed process that never arrive,
//    and the open transaction is rolled back at once, as the server does when
//    its client goes away.
// calls() counts the calls made so far, by kind, so that a test can first count
// the calls of a clean run, then kill a fresh run at every index 0..N-1 of it.
//
// Which calls count: every method that talks to the database (Execute, Query,
// Begin, Commit, Rollback, ExecuteAndCommit, and the rest as kOther). Methods
// that answer locally (sql(), capabilities(), ...) and Prefetch (a hint
// with no answer of its own) are forwarded and not counted.
//
// Example:
//   FaultConnection conn(*real);
//   conn.DieAt(CallKind::kAny, 17, FaultConnection::When::kAfter);
//   engine::Engine(conn, set, options, log).Up({});   // fails at call 17
//
// Thread-safety: like every Connection, one thread at a time.
// Ownership: borrows `target`, which must outlive this object. The run lock that
// AcquireRunLock returns is the target's own: it is released when the caller
// drops it (a test ends the "killed process" by destroying its Engine).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "driver/driver.h"

namespace strata::driver::testing {

enum class CallKind {
  kExecute,
  kQuery,
  kBegin,
  kCommit,
  kRollback,
  kExecuteAndCommit,
  kOther,  // AcquireRunLock, SetLockTimeout, SessionUser, TableExists, Inspect, ...
  kAny,    // every counted call, whatever its kind
};

class FaultConnection final : public Connection {
 public:
  enum class When {
    kBefore,  // the call does not reach the database
    kAfter,   // the call takes effect; the caller is told the connection was lost
  };

  explicit FaultConnection(Connection& target);
  FaultConnection(const FaultConnection&) = delete;
  FaultConnection& operator=(const FaultConnection&) = delete;

  // The `n`th call (0-based, counted from now) of `kind` whose SQL contains
  // `sql_contains` (empty: any; Begin, Commit and Rollback have no SQL) returns
  // `status` without reaching the database. Several faults may be pending.
  void FailNth(CallKind kind, int64_t n, Status status, std::string sql_contains = "");
  // The process dies at the `n`th call (0-based, counted from now) of `kind`
  // whose SQL contains `sql_contains`. One death at a time: a second replaces the first.
  void DieAt(CallKind kind, int64_t n, When when, std::string sql_contains = "");

  bool dead() const { return dead_; }
  // Calls of `kind` since construction, including the one that died and those refused after.
  int64_t calls(CallKind kind = CallKind::kAny) const { return counts_[Index(kind)]; }
  // Faults set with FailNth that have not fired yet.
  size_t pending_failures() const { return failures_.size(); }

  // What every call returns once the process is dead (SQLSTATE 08006).
  static Status ConnectionLost();
  // A lock not granted within the lock timeout, as the SQLite driver reports
  // SQLITE_BUSY: its code and its class (the engine retries it, engine/retry.h).
  static Status LockNotGranted();

  // From now on capabilities() answers `capabilities` instead of the target's:
  // the engine on a real database as it runs on one that can do less
  // (transactional_ddl false, as MySQL's DDL commits by itself).
  void OverrideCapabilities(Capabilities capabilities) { capabilities_ = capabilities; }

  const SqlDialect& sql() const override { return target_.sql(); }
  Capabilities capabilities() const override {
    return capabilities_ ? *capabilities_ : target_.capabilities();
  }
  std::string DisplayTarget() const override { return target_.DisplayTarget(); }

  Status Execute(std::string_view sql) override;
  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override;
  void Prefetch(std::string sql, std::vector<Value> params) override;
  Status Begin() override;
  Status Commit() override;
  // On a dead connection: rolls the real transaction back (the server would have)
  // and returns ConnectionLost().
  Status Rollback() override;
  Status ExecuteAndCommit(std::string_view sql, const std::vector<Value>& params) override;
  Result<std::unique_ptr<RunLock>> AcquireRunLock(int64_t key, std::chrono::milliseconds timeout,
                                                  const LockWaitNotice& on_wait = {}) override;
  Result<bool> RunLockHeld(int64_t key) override;
  Status SetLockTimeout(std::chrono::milliseconds timeout) override;
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override;
  Result<std::string> SessionUser() override;
  Result<bool> TableExists(std::string_view schema, std::string_view table) override;
  Result<std::vector<TableSize>> TableSizes() override;
  Result<std::vector<ColumnType>> ColumnTypes() override;
  Result<bool> DropIndexIfInvalid(std::string_view schema, std::string_view name) override;
  Result<IndexState> FindIndex(std::string_view schema, std::string_view name) override;
  Result<catalog::Catalog> Inspect(const InspectOptions& options) override;
  std::string DatabaseFile() const override { return target_.DatabaseFile(); }
  Result<std::string> BackupTo(const std::string& path) override;

 private:
  // A fault waiting for its call: the `at`th call of `kind` (counted in
  // counts_[kind] for an empty filter, else among calls matching the filter).
  struct Trigger {
    CallKind kind = CallKind::kAny;
    std::string sql_contains;
    int64_t remaining = 0;  // matching calls to let through before it fires
  };
  struct Failure {
    Trigger trigger;
    Status status;
  };
  struct Death {
    Trigger trigger;
    When when = When::kBefore;
  };
  // What a call may do: go through (dying after it when die_after), or stop with `status`.
  struct Gate {
    Status status;
    bool die_after = false;
  };

  static size_t Index(CallKind kind) { return static_cast<size_t>(kind); }
  // Counts the call and decides its fate; moves every pending trigger on.
  Gate Enter(CallKind kind, std::string_view sql);
  // Whether `t` fires on this call (of `kind` with `sql`); counts it down otherwise.
  static bool Fires(Trigger& t, CallKind kind, std::string_view sql);
  void Die();
  // Runs `call` (returning Status or Result<T>) through the gate.
  template <typename R, typename F>
  R Forward(CallKind kind, std::string_view sql, F&& call);

  Connection& target_;
  bool dead_ = false;
  std::array<int64_t, static_cast<size_t>(CallKind::kAny) + 1> counts_{};
  std::vector<Failure> failures_;
  std::optional<Death> death_;
  std::optional<Capabilities> capabilities_;
};

}  // namespace strata::driver::testing
