// Status and Result<T>: how every seam in strata reports failure.
//
// A failed migration is an expected outcome, so errors are values that carry
// enough context (file, line, column, SQLSTATE, statement excerpt) to render a
// useful report. No exception crosses a folder boundary.
//
// Thread-safety: plain values; copy freely.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace strata {

// The small set of error kinds the CLI maps onto exit codes (see cli/exit_codes.h).
enum class ErrorCode {
  kOk = 0,
  kInvalidInput,  // bad file, bad name, bad flag value: the user must fix input (exit 2)
  kNotFound,      // something named by the user does not exist (exit 2)
  kDatabase,      // the database refused or the connection failed (exit 1)
  kLockTimeout,   // a lock was not granted in time: the migration lock, or one a statement
                  // waited for (is_lock_not_granted()) (exit 1)
  kConflict,      // history and files disagree in a way that blocks the run (exit 1)
  kIo,            // the file system failed (exit 1)
  kCheckFailed,   // a critical validation check of a migration did not hold (exit 3)
  kInternal,      // a bug in strata (exit 1)
  kInterrupted,   // Ctrl-C or SIGTERM stopped the command (exit 128 + the signal)
};

// What kind of refusal a database error is, as far as the engine asks: the
// driver that builds the error classifies its native code (which stays in
// ErrorContext::sqlstate, for messages), and callers ask Status's predicates,
// never the code itself.
enum class ErrorClass {
  kNone = 0,              // any other error, or not a database's
  kLockNotGranted,        // a lock not granted within the lock timeout
  kDeadlock,              // the transaction was a deadlock's victim
  kSerializationFailure,  // a concurrent transaction made this one impossible to serialize
};

// Where an error happened, as far as the failing layer knows it.
struct ErrorContext {
  std::string file;       // migration file path; empty when not about a file
  int line = 0;           // 1-based; 0 when unknown
  int column = 0;         // 1-based; 0 when unknown
  std::string sqlstate;   // five-character SQLSTATE, or the native code as text
  std::string statement;  // an excerpt of the failing statement
  // The driver's reading of `sqlstate`, which Status's is_...() predicates ask.
  ErrorClass error_class = ErrorClass::kNone;
};

class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) {
    return Status(ErrorCode::kInvalidInput, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(ErrorCode::kNotFound, std::move(msg)); }
  static Status Database(std::string msg) { return Status(ErrorCode::kDatabase, std::move(msg)); }
  // What a driver returns for a refusal of its database, with the class it read
  // from the native code. Class and code agree: a lock not granted is
  // kLockTimeout in every driver (as the migration lock's timeout is), anything
  // else kDatabase.
  //   Status::DatabaseError(ClassifySqlState("40P01"), msg).WithSqlState("40P01")
  static Status DatabaseError(ErrorClass error_class, std::string msg) {
    Status st(
        error_class == ErrorClass::kLockNotGranted ? ErrorCode::kLockTimeout : ErrorCode::kDatabase,
        std::move(msg));
    st.context_.error_class = error_class;
    return st;
  }
  static Status LockTimeout(std::string msg) {
    return Status(ErrorCode::kLockTimeout, std::move(msg));
  }
  static Status Conflict(std::string msg) { return Status(ErrorCode::kConflict, std::move(msg)); }
  static Status Io(std::string msg) { return Status(ErrorCode::kIo, std::move(msg)); }
  static Status CheckFailed(std::string msg) {
    return Status(ErrorCode::kCheckFailed, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(ErrorCode::kInternal, std::move(msg)); }
  static Status Interrupted(std::string msg) {
    return Status(ErrorCode::kInterrupted, std::move(msg));
  }

  bool ok() const { return code_ == ErrorCode::kOk; }
  bool is_invalid_input() const { return code_ == ErrorCode::kInvalidInput; }
  bool is_not_found() const { return code_ == ErrorCode::kNotFound; }
  bool is_database() const { return code_ == ErrorCode::kDatabase; }
  bool is_lock_timeout() const { return code_ == ErrorCode::kLockTimeout; }
  bool is_conflict() const { return code_ == ErrorCode::kConflict; }
  bool is_check_failed() const { return code_ == ErrorCode::kCheckFailed; }
  bool is_interrupted() const { return code_ == ErrorCode::kInterrupted; }
  // The driver's class of a database error. They ask the context alone, so an
  // error that an interrupt turned into kInterrupted still answers them.
  bool is_lock_not_granted() const { return context_.error_class == ErrorClass::kLockNotGranted; }
  bool is_deadlock() const { return context_.error_class == ErrorClass::kDeadlock; }
  bool is_serialization_failure() const {
    return context_.error_class == ErrorClass::kSerializationFailure;
  }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const ErrorContext& context() const { return context_; }
  ErrorContext& mutable_context() { return context_; }

  // Builders that add context while the error travels up; they return *this.
  Status& WithFile(std::string file) & {
    context_.file = std::move(file);
    return *this;
  }
  // The rvalue builders return by value, so `st = std::move(st).WithX()` is safe.
  Status WithFile(std::string file) && { return std::move(WithFile(std::move(file))); }
  Status WithLocation(int line, int column) && {
    context_.line = line;
    context_.column = column;
    return std::move(*this);
  }
  Status WithSqlState(std::string sqlstate) && {
    context_.sqlstate = std::move(sqlstate);
    return std::move(*this);
  }
  Status WithStatement(std::string statement) && {
    context_.statement = std::move(statement);
    return std::move(*this);
  }
  // Prefixes the message, e.g. "migration 003: " + "relation exists".
  Status Prefixed(const std::string& prefix) && {
    message_ = prefix + message_;
    return std::move(*this);
  }

  // "file:line:column: message [SQLSTATE x]" as far as the context is known.
  std::string ToString() const;

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  ErrorContext context_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT: must not be Ok

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  Status take_status() { return ok() ? Status::Ok() : std::move(std::get<Status>(data_)); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace strata

// Returns early from the enclosing function when `expr` (a Status) failed.
#define STRATA_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::strata::Status strata_status_ = (expr);        \
    if (!strata_status_.ok()) return strata_status_; \
  } while (0)

#define STRATA_CONCAT_INNER_(a, b) a##b
#define STRATA_CONCAT_(a, b) STRATA_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result, or returns its Status from the enclosing function.
#define STRATA_ASSIGN_OR_RETURN(lhs, expr) \
  STRATA_ASSIGN_OR_RETURN_IMPL_(STRATA_CONCAT_(strata_result_, __LINE__), lhs, expr)
#define STRATA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.take_status();            \
  lhs = std::move(tmp).value()
