// Reading `-- strata:backfill` directives (migration.h, struct Backfill) out of a
// script: table=<t> key=<column> batch=<n> [pause=<ms>] [max_rate=<rows/s>].
#pragma once

#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

// Fills script.backfills. A malformed directive is an error naming file:line.
Status ReadBackfills(Script& script);

}  // namespace strata::source
