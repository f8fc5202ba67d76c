// sqitch projects read in place: sqitch.plan lists the changes in order, each
// with deploy/<change>.sql, revert/<change>.sql (its rollback) and
// verify/<change>.sql (run as a post check).
#pragma once

#include "base/status.h"
#include "source/directory.h"
#include "source/migration.h"

namespace strata::source {

inline constexpr const char* kSqitchPlanName = "sqitch.plan";

// Loads the project whose sqitch.plan is in options.dir.
Result<MigrationSet> LoadSqitchProject(const LoadOptions& options);

}  // namespace strata::source
