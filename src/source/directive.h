// `-- strata:<name> ...` comment lines inside a script: the directives that
// govern the statement after them (backfill.h, check.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

struct DirectiveLine {
  std::string_view args;  // what follows the name on its line, trimmed; views script.sql
  size_t offset = 0;      // byte offset of the line within script.sql
  size_t end = 0;         // byte offset just past the line
  int line = 0;           // the file line
  std::string_view path;  // the file: the script's, or one it includes (Script::origins)
};

// Every `-- <name>` line of `script` (the name matched without case, as a whole
// word: "strata:check" does not match "strata:checkpoint"), in order.
std::vector<DirectiveLine> FindDirectives(const Script& script, std::string_view name);

// The words of a directive's arguments, split at blanks; quotes group blank space
// into a word and are dropped: "pre expect='two words'" -> {"pre", "expect=two words"}.
// A quote left open is an error.
Result<std::vector<std::string>> DirectiveWords(std::string_view args);

}  // namespace strata::source
