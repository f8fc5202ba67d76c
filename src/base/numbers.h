// Whole numbers read from outside strata (history rows, server answers, file
// names, type modifiers) parsed as values: a bad number is an InvalidInput
// error naming the text, never an exception and never a silent zero.
//
// Example:
//   STRATA_ASSIGN_OR_RETURN(int64_t ms, ParseInt64(cell));  // "12" -> 12, "x" -> error
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"

namespace strata {

// A whole decimal number: an optional '-' and digits, nothing else (no '+', no
// spaces, no fraction, no trailing text). Empty text, junk and values outside
// int64_t are InvalidInput errors whose message quotes the text; callers prefix
// it with where the text came from (`std::move(st).Prefixed("history row 3: ")`).
Result<int64_t> ParseInt64(std::string_view text);
// The same within the range of int.
Result<int> ParseInt(std::string_view text);

}  // namespace strata
