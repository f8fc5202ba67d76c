// Reading `-- strata:check` directives (migration.h, struct Check) out of a
// script, and deciding whether a check's answer is the one it expects.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/dialect.h"
#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

// Fills script.checks and blanks their queries out of script.sql. A malformed
// directive, or one without a query of its own after it, is an error naming
// file:line.
Status ReadChecks(Script& script, Dialect dialect);

// What a check query returned: the first column of its first row.
struct CheckAnswer {
  bool has_row = false;
  std::optional<std::string> value;  // nullopt: SQL NULL
};

// Whether `answer` is what `expect` asks for:
//   expect=none         the query returned no row;
//   expect=null         the value is NULL;
//   expect=true|false   a boolean as either dialect spells it (t, true, 1 / f, false, 0);
//   a number            compared as a number ("1" matches "1.0");
//   anything else       compared as text, exactly.
bool ExpectationHolds(std::string_view expect, const CheckAnswer& answer);

// The answer as a person reads it: "no row", "NULL", or the value.
std::string DescribeAnswer(const CheckAnswer& answer);

// "critical post check (file:12)" / "pre check (file:3)"; without a path,
// "critical post check" (for a Status that carries the place itself).
std::string DescribeCheck(const Check& check, const std::string& path);

}  // namespace strata::source
