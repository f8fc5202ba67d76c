// The PostgreSQL side of the sql layer, on libpg_query. This folder is the only
// code that includes pg_query.h; its tree never leaves these files.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/statement.h"

namespace strata::sql::pg {

// Splits with libpg_query's parser; an InvalidInput when the script does not
// parse (sql::Split then falls back to our own tokenizer).
Result<std::vector<Statement>> Split(std::string_view script);

// The statement in script[loc, loc + len) without the blank space, comments and
// semicolon around it; nullopt when nothing is left.
std::optional<Statement> Trimmed(std::string_view script, size_t loc, size_t len);

// Reads one statement's tree: the index a CREATE or DROP INDEX names, and
// whether PostgreSQL refuses the statement inside a transaction block.
StatementInfo DescribeStatement(std::string_view statement);

}  // namespace strata::sql::pg
