// SQLite's SQL dialect (driver/sql_dialect.h): what the engine renders for
// SQLite without a connection. Its Connection returns the same object.
#pragma once

#include "driver/sql_dialect.h"

namespace strata::driver::sqlite {

// The one SQLite SqlDialect, alive for the whole process.
const SqlDialect& GetSqlDialect();

}  // namespace strata::driver::sqlite
