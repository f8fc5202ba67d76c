// The SQL dialects strata can split and analyse. This names a language, not a
// driver: a driver says which language it speaks and the sql layer does the rest.
// It lives in base because drivers, sql and the engine all name it.
#pragma once

#include <string_view>

namespace strata {

enum class Dialect {
  kPostgres,  // PostgreSQL: dollar quoting, E'' strings, nested block comments
  kSqlite,    // SQLite: `backtick` and [bracket] identifiers, CREATE TRIGGER ... BEGIN ... END
};

std::string_view DialectName(Dialect d);

}  // namespace strata
