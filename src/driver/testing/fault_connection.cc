#include "driver/testing/fault_connection.h"

#include <utility>

namespace strata::driver::testing {

FaultConnection::FaultConnection(Connection& target) : target_(target) {}

void FaultConnection::FailNth(CallKind kind, int64_t n, Status status, std::string sql_contains) {
  failures_.push_back(Failure{Trigger{kind, std::move(sql_contains), n}, std::move(status)});
}

void FaultConnection::DieAt(CallKind kind, int64_t n, When when, std::string sql_contains) {
  death_ = Death{Trigger{kind, std::move(sql_contains), n}, when};
}

Status FaultConnection::ConnectionLost() {
  return Status::Database("server closed the connection unexpectedly (injected fault)")
      .WithSqlState("08006");
}

Status FaultConnection::LockNotGranted() {
  return Status::DatabaseError(ErrorClass::kLockNotGranted,
                               "the database is locked by another writer: database is locked "
                               "(injected fault)")
      .WithSqlState("SQLITE 5");
}

bool FaultConnection::Fires(Trigger& t, CallKind kind, std::string_view sql) {
  if (t.kind != CallKind::kAny && t.kind != kind) return false;
  if (!t.sql_contains.empty() && sql.find(t.sql_contains) == std::string_view::npos) return false;
  if (t.remaining == 0) return true;
  --t.remaining;
  return false;
}

FaultConnection::Gate FaultConnection::Enter(CallKind kind, std::string_view sql) {
  ++counts_[Index(kind)];
  ++counts_[Index(CallKind::kAny)];
  if (dead_) return Gate{ConnectionLost()};
  // Every trigger sees every call, so that each counts from when it was set.
  const bool dies = death_ && Fires(death_->trigger, kind, sql);
  std::optional<Status> failure;
  for (auto f = failures_.begin(); f != failures_.end(); ++f) {
    if (Fires(f->trigger, kind, sql)) {
      failure = std::move(f->status);
      failures_.erase(f);
      break;
    }
  }
  if (dies && (death_->when == When::kBefore || failure)) {
    Die();
    return Gate{ConnectionLost()};
  }
  if (failure) return Gate{std::move(*failure)};
  return Gate{Status::Ok(), dies};
}

void FaultConnection::Die() {
  dead_ = true;
  death_.reset();
  // The server notices its client is gone and ends the open transaction.
  (void)target_.Rollback();
}

template <typename R, typename F>
R FaultConnection::Forward(CallKind kind, std::string_view sql, F&& call) {
  Gate gate = Enter(kind, sql);
  if (!gate.status.ok()) return R(std::move(gate.status));
  R result = call();
  if (gate.die_after) {
    Die();
    return R(ConnectionLost());
  }
  return result;
}

Status FaultConnection::Execute(std::string_view sql) {
  return Forward<Status>(CallKind::kExecute, sql, [&] { return target_.Execute(sql); });
}

Result<Rows> FaultConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  return Forward<Result<Rows>>(CallKind::kQuery, sql, [&] { return target_.Query(sql, params); });
}

void FaultConnection::Prefetch(std::string sql, std::vector<Value> params) {
  if (!dead_) target_.Prefetch(std::move(sql), std::move(params));
}

Status FaultConnection::Begin() {
  return Forward<Status>(CallKind::kBegin, "", [&] { return target_.Begin(); });
}

Status FaultConnection::Commit() {
  return Forward<Status>(CallKind::kCommit, "", [&] { return target_.Commit(); });
}

Status FaultConnection::Rollback() {
  if (dead_) {
    ++counts_[Index(CallKind::kRollback)];
    ++counts_[Index(CallKind::kAny)];
    (void)target_.Rollback();  // already done by Die(); harmless, and what the server does
    return ConnectionLost();
  }
  return Forward<Status>(CallKind::kRollback, "", [&] { return target_.Rollback(); });
}

Status FaultConnection::ExecuteAndCommit(std::string_view sql, const std::vector<Value>& params) {
  return Forward<Status>(CallKind::kExecuteAndCommit, sql,
                         [&] { return target_.ExecuteAndCommit(sql, params); });
}

Result<std::unique_ptr<RunLock>> FaultConnection::AcquireRunLock(int64_t key,
                                                                 std::chrono::milliseconds timeout,
                                                                 const LockWaitNotice& on_wait) {
  return Forward<Result<std::unique_ptr<RunLock>>>(
      CallKind::kOther, "", [&] { return target_.AcquireRunLock(key, timeout, on_wait); });
}

Result<bool> FaultConnection::RunLockHeld(int64_t key) {
  return Forward<Result<bool>>(CallKind::kOther, "", [&] { return target_.RunLockHeld(key); });
}

Status FaultConnection::SetLockTimeout(std::chrono::milliseconds timeout) {
  return Forward<Status>(CallKind::kOther, "", [&] { return target_.SetLockTimeout(timeout); });
}

Status FaultConnection::SetStatementTimeout(std::chrono::milliseconds timeout) {
  return Forward<Status>(CallKind::kOther, "",
                         [&] { return target_.SetStatementTimeout(timeout); });
}

Result<std::string> FaultConnection::SessionUser() {
  return Forward<Result<std::string>>(CallKind::kOther, "", [&] { return target_.SessionUser(); });
}

Result<bool> FaultConnection::TableExists(std::string_view schema, std::string_view table) {
  return Forward<Result<bool>>(CallKind::kOther, "",
                               [&] { return target_.TableExists(schema, table); });
}

Result<std::vector<TableSize>> FaultConnection::TableSizes() {
  return Forward<Result<std::vector<TableSize>>>(CallKind::kOther, "",
                                                 [&] { return target_.TableSizes(); });
}

Result<std::vector<ColumnType>> FaultConnection::ColumnTypes() {
  return Forward<Result<std::vector<ColumnType>>>(CallKind::kOther, "",
                                                  [&] { return target_.ColumnTypes(); });
}

Result<bool> FaultConnection::DropIndexIfInvalid(std::string_view schema, std::string_view name) {
  return Forward<Result<bool>>(CallKind::kOther, "",
                               [&] { return target_.DropIndexIfInvalid(schema, name); });
}

Result<IndexState> FaultConnection::FindIndex(std::string_view schema, std::string_view name) {
  return Forward<Result<IndexState>>(CallKind::kOther, "",
                                     [&] { return target_.FindIndex(schema, name); });
}

Result<catalog::Catalog> FaultConnection::Inspect(const InspectOptions& options) {
  return Forward<Result<catalog::Catalog>>(CallKind::kOther, "",
                                           [&] { return target_.Inspect(options); });
}

Result<std::string> FaultConnection::BackupTo(const std::string& path) {
  return Forward<Result<std::string>>(CallKind::kOther, "", [&] { return target_.BackupTo(path); });
}

}  // namespace strata::driver::testing
