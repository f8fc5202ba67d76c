#include "driver/sqlite/errors.h"

#include <sqlite3.h>

#include <string>

#include "base/strings.h"

namespace strata::driver::sqlite {

ErrorClass ClassifyResultCode(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:    // another connection writes (after the busy timeout)
    case SQLITE_LOCKED:  // a conflict within this connection or its shared cache
      return ErrorClass::kLockNotGranted;
    default:
      return ErrorClass::kNone;
  }
}

Status ErrorFrom(sqlite3* db, int rc, std::string_view sql, const char* sql_start,
                 const char* stmt_start) {
  const int extended = sqlite3_extended_errcode(db);
  std::string message = sqlite3_errmsg(db);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    message = "the database is locked by another writer: " + message;
  }
  Status st = Status::DatabaseError(ClassifyResultCode(extended), std::move(message))
                  .WithSqlState("SQLITE " + std::to_string(extended));
  const int offset = sqlite3_error_offset(db);
  if (offset >= 0 && sql_start != nullptr) {
    const size_t at = static_cast<size_t>(stmt_start - sql_start) + static_cast<size_t>(offset);
    const LineColumn lc = LocateOffset(sql, at);
    st = std::move(st).WithLocation(lc.line, lc.column);
  }
  return st;
}

}  // namespace strata::driver::sqlite
