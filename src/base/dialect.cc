#include "base/dialect.h"

namespace strata {

std::string_view DialectName(Dialect d) {
  switch (d) {
    case Dialect::kPostgres:
      return "postgres";
    case Dialect::kSqlite:
      return "sqlite";
  }
  return "unknown";
}

}  // namespace strata
