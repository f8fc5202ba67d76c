// Timestamps as strata writes them: ISO-8601 in UTC, to the second
// ("2026-11-21T06:55:00Z"), in the history table and in reports.
#pragma once

#include <cstdint>
#include <string>

namespace strata {

// `seconds` since 1970-01-01T00:00:00Z, for years 0 to 9999.
std::string IsoUtc(int64_t seconds);

// The current time.
std::string UtcNow();

}  // namespace strata
