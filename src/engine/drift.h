// strata drift: does the target's schema still match what its applied
// migrations give? The applied ones (ChooseReplay, a pure function of the
// target's history) are replayed in a scratch database (replay.h), and the
// schema they give is compared with the target's (schema_diff.h).
//
// Thread-safety: functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"
#include "driver/plan.h"
#include "engine/logger.h"
#include "engine/options.h"
#include "engine/reconcile.h"
#include "engine/schema_diff.h"
#include "engine/scratch.h"
#include "source/migration.h"

namespace strata::engine {

// What to replay to get the schema the target should have.
struct DriftReplay {
  // The migrations of the set whose effects are in the target, in the set's
  // order: applied, the file of the baseline's own version (`baseline --version
  // V` says the database holds everything up to and including V), and
  // repeatables run before their latest edit. Not: those below the baseline,
  // pending ones, and phased ones applied only in part.
  source::MigrationSet migrations;
  // Why the replay will not give all of the target: phased migrations applied
  // only in part, applied migrations without a file. One sentence each.
  std::vector<std::string> warnings;
};

// `overview`: the target's history reconciled with `set` (Engine::ReadOverview).
DriftReplay ChooseReplay(const Overview& overview, const source::MigrationSet& set);

struct DriftOptions {
  EngineOptions engine;  // the target's history tables: read, and left out of both schemas
  // Name patterns left out of both schemas (diff::DiffOptions); default none.
  std::vector<std::string> exclude;
};

struct DriftReport {
  size_t replayed = 0;  // migrations replayed (DriftReplay::migrations)
  // From the replayed schema to the target's: what the target has (created),
  // lacks (dropped) or holds differently (altered). Empty: no drift.
  SchemaDiff diff;
};

// Reads the history of `target` (whose migrations directory is `set`), replays
// the applied migrations in a database from `fresh`, and compares the schema
// they give with the target's, with `planner`, the target's dialect's. The
// replay's warnings go to `log` before it starts; nothing is written to the target.
Result<DriftReport> Drift(driver::Connection& target, const source::MigrationSet& set,
                          const DriftOptions& options, const driver::Planner& planner,
                          const FreshDatabase& fresh, Logger& log);

}  // namespace strata::engine
