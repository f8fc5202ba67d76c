// Parsing a PostgreSQL script into our statement model (sql/model.h), through
// libpg_query's parser. Private to the sql target; callers use sql/analyze.h.
#pragma once

#include <string_view>
#include <vector>

#include "sql/model.h"

namespace strata::sql::pg {

// Every statement of `script`, located in it. A script that does not parse as a
// whole is split with the scanner and each statement parsed alone; those that
// still fail come back with parsed = false and the parser's message.
std::vector<ParsedStatement> ParseScript(std::string_view script);

}  // namespace strata::sql::pg
