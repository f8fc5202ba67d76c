// sqitch projects read in place: sqitch.plan lists the changes in order, each
// with deploy/<change>.sql, revert/<change>.sql (its rollback) and
// verify/<change>.sql (run as a post check).
#pragma once

#include "base/status.h"
#include "source/directory.h"
#include "source/migration.h"

namespace strata::source {

inline constexpr const char* kSqitchPlanName = "sqitch.plan";
inline constexpr const char* kSqitchConfName = "sqitch.conf";

// Loads the project whose sqitch.plan (or sqitch.conf) is in options.dir: each
// change of the plan, in order, is a versioned migration whose version and id
// are its position in the plan ("1", "2", ...) and whose description is the
// change's name ("users@v1.0" for an instance reworked later). Its up script is
// deploy/<change>.sql, its rollback revert/<change>.sql (when present), and each
// statement of verify/<change>.sql a critical post check that holds when it runs
// without an error (check.h AddVerifyChecks). A requirement is a dependency
// (Metadata::depends). sqitch.conf's paths are read (sqitch_conf.h); a problem
// in the plan is an InvalidInput naming its line (sqitch_plan.h). The checksums
// are the deploy script's, as other layouts' are their migration file's.
Result<MigrationSet> LoadSqitchProject(const LoadOptions& options);

}  // namespace strata::source
