#include "sql/analyze.h"

#include "sql/pg/pg_parse.h"
#include "sql/sqlite_reader.h"

namespace strata::sql {

std::vector<ParsedStatement> Analyze(std::string_view script, Dialect dialect) {
  if (dialect == Dialect::kPostgres) return pg::ParseScript(script);
  return ReadSqliteScript(script);
}

}  // namespace strata::sql
