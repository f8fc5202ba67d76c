// The SQL dialects strata can split and analyse. This names a language, not a
// driver: a driver says which language it speaks and the sql layer does the rest.
// It lives in base because drivers, sql and the engine all name it.
#pragma once

#include <string_view>

#include "base/status.h"

namespace strata {

enum class Dialect {
  kPostgres,  // PostgreSQL: dollar quoting, E'' strings, nested block comments
  kSqlite,    // SQLite: `backtick` and [bracket] identifiers, CREATE TRIGGER ... BEGIN ... END
};

std::string_view DialectName(Dialect d);
// The dialect DialectName gives `name`; an InvalidInput error naming the known
// ones and the nearest spelling otherwise ("postgress" -> did you mean postgres?).
Result<Dialect> ParseDialect(std::string_view name);

}  // namespace strata
