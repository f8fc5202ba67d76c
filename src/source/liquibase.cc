#include "source/liquibase.h"

namespace strata::source {

bool IsLiquibaseChangelog(std::string_view text) {
  return text.substr(0, 25) == "--liquibase formatted sql";
}

Result<MigrationSet> LoadLiquibaseChangelogs(const LoadOptions& options,
                                             const std::vector<std::string>&) {
  return Status::InvalidInput("Liquibase changelogs are not read yet").WithFile(options.dir);
}

}  // namespace strata::source
