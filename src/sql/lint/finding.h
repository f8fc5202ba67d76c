// What a lint rule reports.
#pragma once

#include <cstddef>
#include <string>

namespace strata::sql::lint {

enum class Severity { kOff, kInfo, kWarning, kError };

const char* SeverityName(Severity s);
// "off", "info", "warning", "error"; false for anything else.
bool ParseSeverity(const std::string& text, Severity* out);

// What a lock does to other sessions, whatever the database calls it: plans
// compare levels, and show the database's own name for the mode (Lock::mode).
enum class LockImpact {
  kNone,           // no lock worth naming
  kRowWrites,      // rows written: others go on reading and writing
  kSchemaChanges,  // others read and write; other schema changes and maintenance wait
  kBlocksWrites,   // others read; their writes wait
  kBlocksAll,      // others' reads and writes wait
};
// "none", "row-writes", "schema-changes", "blocks-writes", "blocks-all".
const char* LockImpactName(LockImpact impact);

// The lock a statement takes, e.g. {"ACCESS EXCLUSIVE", "users", kBlocksAll}.
struct Lock {
  std::string mode;   // empty when the statement takes no table lock worth naming
  std::string table;  // the table it works on (SQLite's lock is on the whole database)
  LockImpact impact = LockImpact::kNone;
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
