// The PostgreSQL side of the sql layer, on libpg_query. This folder is the only
// code that includes pg_query.h; its tree never leaves these files.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/statement.h"

namespace strata::sql::pg {

// Splits with libpg_query's parser, falling back to its scanner for a script that
// does not parse (the server will then report the error with its position).
Result<std::vector<Statement>> Split(std::string_view script);

// Reads a CREATE statement's tree: CREATE INDEX [CONCURRENTLY] and its name.
StatementInfo DescribeCreate(std::string_view statement);

}  // namespace strata::sql::pg
