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

// sqitch's verify script (`path`, its text `sql`) as critical post checks on
// `up`: each statement but BEGIN, COMMIT and ROLLBACK becomes a check that
// expects `any`, so that it holds when the statement runs without an error.
// A statement that is not a query (nor, on PostgreSQL, a DO block) is an
// error naming path:line: it would run inside the migration's transaction and
// its changes would stay, where sqitch's verify usually rolls them back.
Status AddVerifyChecks(Script& up, const std::string& path, std::string_view sql, Dialect dialect);

// Whether `expect` is `any`: the query's running without an error is the check.
bool ExpectsAny(std::string_view expect);

// Whether `answer` is what `expect` asks for:
//   expect=any          the query ran, whatever it returned (a query that fails
//                       is a critical check that does not hold: engine/checks.cc);
//   expect=none         the query returned no row;
//   expect=null         the value is NULL;
//   expect=true|false   a boolean as either dialect spells it (t, true, 1 / f, false, 0);
//   a number            compared as a number ("1" matches "1.0");
//   anything else       compared as text, exactly.
bool ExpectationHolds(std::string_view expect, const CheckAnswer& answer);

// The answer as a person reads it: "no row", "NULL", or the value.
std::string DescribeAnswer(const CheckAnswer& answer);

// "critical post check (file:12)" / "pre check (file:3)"; without a path,
// "critical post check" (for a Status that carries the place itself). The
// check's own path, when it has one, is shown in place of `path`.
std::string DescribeCheck(const Check& check, const std::string& path);

}  // namespace strata::source
