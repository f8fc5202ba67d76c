// A token-based reader of SQLite scripts into our statement model. SQLite has no
// parser library we can call, so this fills the subset of the model that the
// SQLite lint rules use: statement kinds, table names, WHERE presence, DROP and
// RENAME targets, and CREATE TABLE columns.
#pragma once

#include <string_view>
#include <vector>

#include "sql/model.h"

namespace strata::sql {

std::vector<ParsedStatement> ReadSqliteScript(std::string_view script);

}  // namespace strata::sql
