// Maps libpq failures to Status, in one place. Private to the postgres folder.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "base/status.h"

namespace strata::driver::postgres {

// The Status for a failed result of running `sql` (or for the connection, when
// `result` is null): message, detail and hint, SQLSTATE, and the error position
// turned into a line and column within `sql`. `secret` is masked out of the text.
// `prefix_chars` is the length of text sent before `sql` in the same query string
// (a deferred "BEGIN;"), which the server's position counts.
Status ErrorFromResult(PGconn* conn, const PGresult* result, std::string_view sql,
                       std::string_view secret, size_t prefix_chars);

}  // namespace strata::driver::postgres
