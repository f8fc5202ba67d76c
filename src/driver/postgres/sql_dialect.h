// PostgreSQL's SQL dialect (driver/sql_dialect.h): what the engine renders for
// PostgreSQL without a connection. Its Connection returns the same object.
#pragma once

#include "driver/sql_dialect.h"

namespace strata::driver::postgres {

// The one PostgreSQL SqlDialect, alive for the whole process.
const SqlDialect& GetSqlDialect();

}  // namespace strata::driver::postgres
