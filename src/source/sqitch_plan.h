// sqitch's plan file (sqitch.plan), parsed into the changes it deploys, in
// order. A pure parser: text in, values out, no file access (sqitch.cc reads
// the files and builds the migrations).
//
// The format (sqitch 1.x, syntax version 1.0.0):
//   %syntax-version=1.0.0          pragmas first, then a blank line
//   %project=flipr
//   %uri=https://example.com/flipr/
//
//   # a comment line
//   users [appschema] 2024-01-02T03:04:05Z Ann Planner <ann@example.com> # a note
//   @v1.0 2024-01-03T00:00:00Z Ann Planner <ann@example.com> # tags the change above
//   users [users@v1.0] 2024-02-01T00:00:00Z Ann Planner <ann@example.com> # reworked
//
// A dependency is `change`, `change@tag`, `@tag`, `!change` (a conflict) or
// `project:change`. What strata does not read (a cross-project dependency, a
// dependency by change ID, a `-change` revert entry, a conflict with a change
// the plan deploys before) is an InvalidInput naming the line, as is anything
// sqitch itself refuses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace strata::source {

struct SqitchChange {
  std::string name;  // "users", or "schema/users" (a change in a subdirectory)
  int line = 0;      // its line in the plan
  std::string note;  // after '#', trimmed; may be empty
  // The tags declared right after it (without '@'), in plan order.
  std::vector<std::string> tags;
  // Indexes into SqitchPlan::changes of the changes it requires, in the order
  // written: each is earlier in the plan.
  std::vector<size_t> requires_changes;
  // Empty unless the change is reworked later in the plan. Then its scripts
  // are named after one of these tags (`deploy/users@v1.0.sql`): the first
  // whose deploy script exists, else the first (sqitch's rule). The tags are
  // those between this change and its rework, the latest first, then its own.
  std::vector<std::string> rework_tags;
};

struct SqitchPlan {
  std::string syntax_version;         // "1.0.0"
  std::string project;                // %project, required
  std::string uri;                    // %uri; empty when absent
  std::vector<SqitchChange> changes;  // in plan order, reworks included
};

// Parses normalized plan text (\n line endings); `path` is named in errors.
Result<SqitchPlan> ParseSqitchPlan(std::string_view text, const std::string& path);

}  // namespace strata::source
