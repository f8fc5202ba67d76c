// Parsing a script into our statement model, for any dialect: PostgreSQL through
// libpg_query (sql/pg/), SQLite through a token-based reader that fills the subset
// of the model its rules need.
#pragma once

#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "sql/model.h"

namespace strata::sql {

std::vector<ParsedStatement> Analyze(std::string_view script, Dialect dialect);

}  // namespace strata::sql
