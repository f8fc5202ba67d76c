// What a lint rule reports.
#pragma once

#include <cstddef>
#include <string>

namespace strata::sql::lint {

enum class Severity { kOff, kInfo, kWarning, kError };

const char* SeverityName(Severity s);
// "off", "info", "warning", "error"; false for anything else.
bool ParseSeverity(const std::string& text, Severity* out);

// The lock a statement takes, e.g. {"ACCESS EXCLUSIVE", "users"}.
struct Lock {
  std::string mode;  // empty when the statement takes no table lock worth naming
  std::string table;
  bool empty() const { return mode.empty(); }
};

struct Finding {
  std::string rule;  // stable id, e.g. "index-not-concurrent"
  Severity severity = Severity::kWarning;
  std::string message;  // what is wrong here, naming the objects
  size_t offset = 0;    // byte offset of the offending text in the script
  Lock lock;            // the lock the offending statement takes
};

}  // namespace strata::sql::lint
