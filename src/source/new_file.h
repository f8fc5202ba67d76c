// Planning the files of a new migration in a directory's own layout: the next
// version, the file names, and a template with its rollback.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

struct NewFile {
  std::string path;
  std::string content;
};

// `name` is free text ("add users email"); it becomes add_users_email.
// `category` (schema|data|security|perf) is used by the timestamped layout.
// `now` gives the version of timestamped layouts, in UTC.
Result<std::vector<NewFile>> PlanNewMigration(const MigrationSet& set, const std::string& name,
                                              const std::string& category, std::time_t now);

}  // namespace strata::source
