// SQL text helpers that more than one driver needs.
#pragma once

#include <string>
#include <string_view>

namespace strata::driver {

// "name" with embedded double quotes doubled: the SQL standard's quoted identifier,
// which PostgreSQL and SQLite both accept.
std::string QuoteWithDoubleQuotes(std::string_view name);

}  // namespace strata::driver
