#include "sql/analyze.h"

#include "sql/pg/pg_parse.h"
#include "sql/sqlite_reader.h"

namespace strata::sql {

std::vector<ParsedStatement> Analyze(std::string_view script, Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return pg::ParseScript(script);
    case Dialect::kSqlite:
      return ReadSqliteScript(script);
  }
  return {};
}

}  // namespace strata::sql
