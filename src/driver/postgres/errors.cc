#include "driver/postgres/errors.h"

#include <libpq-fe.h>

#include "base/numbers.h"
#include "base/strings.h"
#include "driver/redact.h"

namespace strata::driver::postgres {

ErrorClass ClassifySqlState(std::string_view sqlstate) {
  if (sqlstate == "55P03") return ErrorClass::kLockNotGranted;
  if (sqlstate == "40P01") return ErrorClass::kDeadlock;
  if (sqlstate == "40001") return ErrorClass::kSerializationFailure;
  return ErrorClass::kNone;
}

Status ErrorFromResult(PGconn* conn, const PGresult* result, std::string_view sql,
                       std::string_view secret, size_t prefix_chars) {
  auto field = [&](int code) -> std::string {
    const char* v = result ? PQresultErrorField(result, code) : nullptr;
    return v ? v : "";
  };
  std::string message = field(PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = std::string(Trim(PQerrorMessage(conn)));
  if (message.empty()) message = "the server closed the connection";
  const std::string detail = field(PG_DIAG_MESSAGE_DETAIL);
  const std::string hint = field(PG_DIAG_MESSAGE_HINT);
  if (!detail.empty()) message += " (detail: " + detail + ")";
  if (!hint.empty()) message += " (hint: " + hint + ")";
  std::string sqlstate = field(PG_DIAG_SQLSTATE);
  // A lost connection has no server result; 08006 is connection_failure.
  if (sqlstate.empty() && PQstatus(conn) == CONNECTION_BAD) sqlstate = "08006";
  Status st = Status::DatabaseError(ClassifySqlState(sqlstate), MaskSecret(message, secret))
                  .WithSqlState(sqlstate);
  const std::string position = field(PG_DIAG_STATEMENT_POSITION);
  if (!position.empty()) {
    // The server counts characters from 1; we count lines and code points.
    const Result<int64_t> at_char = ParseInt64(position);
    const int64_t chars = at_char.ok() ? *at_char - static_cast<int64_t>(prefix_chars) : 0;
    if (chars > 0) {
      const LineColumn at =
          LocateOffset(sql, CodePointsToBytes(sql, static_cast<size_t>(chars - 1)));
      st = std::move(st).WithLocation(at.line, at.column);
    }
  }
  return st;
}

}  // namespace strata::driver::postgres
