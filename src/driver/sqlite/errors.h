// Maps SQLite's result codes to Status, in one place. Private to the sqlite folder.
#pragma once

#include <string_view>

#include "base/status.h"

// SQLite's opaque connection handle, as sqlite3.h declares it, so that this
// header does not include it.
struct sqlite3;

namespace strata::driver::sqlite {

// The Status for `rc`, the failed result of a call on `db` about `sql`: SQLite's
// message, the extended code kept as "SQLITE <code>" and its class, and the
// error offset turned into a line and column within `sql` when the statement
// that failed starts at `stmt_start` within `sql_start` (both null: unknown).
Status ErrorFrom(sqlite3* db, int rc, std::string_view sql, const char* sql_start,
                 const char* stmt_start);

// What the engine needs to know of a result code, primary or extended (its low
// byte is the primary code): SQLITE_BUSY and SQLITE_LOCKED, and their extended
// variants, are a lock not granted; any other code, kNone.
ErrorClass ClassifyResultCode(int code);

}  // namespace strata::driver::sqlite
