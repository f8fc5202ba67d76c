// Liquibase formatted SQL read in place: files that open with
// "--liquibase formatted sql", each holding changesets ("--changeset author:id"),
// their rollbacks ("--rollback") and attributes (runInTransaction:false).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/directory.h"
#include "source/migration.h"

namespace strata::source {

// Whether `text` (a whole file) opens with the "--liquibase formatted sql" line.
bool IsLiquibaseChangelog(std::string_view text);

// Loads the changelogs `names` (the *.sql files of options.dir, sorted by name,
// as Liquibase's includeAll orders them).
Result<MigrationSet> LoadLiquibaseChangelogs(const LoadOptions& options,
                                             const std::vector<std::string>& names);

}  // namespace strata::source
