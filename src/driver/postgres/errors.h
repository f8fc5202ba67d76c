// Maps libpq failures to Status, in one place. Private to the postgres folder.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

// libpq's opaque handles, as libpq-fe.h declares them (PGconn, PGresult), so
// that this header does not include it.
struct pg_conn;
struct pg_result;

namespace strata::driver::postgres {

// The Status for a failed result of running `sql` (or for the connection, when
// `result` is null): message, detail and hint, SQLSTATE and its class, and the
// error position turned into a line and column within `sql`. `secret` is
// masked out of the text. `prefix_chars` is the length of text sent before
// `sql` in the same query string (a deferred "BEGIN;"), which the server's
// position counts.
Status ErrorFromResult(pg_conn* conn, const pg_result* result, std::string_view sql,
                       std::string_view secret, size_t prefix_chars);

// What the engine needs to know of a SQLSTATE: 55P03 (lock_not_available) is a
// lock not granted, 40P01 a deadlock, 40001 a serialization failure; any other
// code, kNone.
ErrorClass ClassifySqlState(std::string_view sqlstate);

}  // namespace strata::driver::postgres
