// strata verify: does every migration's rollback undo exactly what it did?
//
// On empty scratch databases, for each migration in order: snapshot S0, up,
// S1, down, S2, up again, S3. S2 must equal S0 (the rollback undoes all of
// the migration and nothing more) and S3 must equal S1 (after its rollback the
// migration applies again as it did the first time). The real up and down
// paths of the Engine run, so non-transactional and phased migrations are
// verified as `strata up` and `strata down` would run them.
//
// A phased migration is verified phase by phase, as `up --phase` and `down
// --phase` run them: expand up, down, up again, then migrate, then contract,
// each phase's rollback against the schema from before that phase. The verdict
// names the first phase that fails.
//
// Thread-safety: a function of its arguments; the connections it opens are
// its own.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/change.h"
#include "diff/diff.h"
#include "driver/driver.h"
#include "engine/logger.h"
#include "engine/options.h"
#include "engine/scratch.h"
#include "source/migration.h"

namespace strata::engine {

enum class VerifyStatus {
  kOk,
  kSkipped,             // a repeatable: no rollback by design, so only applied
  kNoRollback,          // nothing undoes it; verify goes on from S1
  kRollbackIncomplete,  // S2 != S0
  kReapplyDiffers,      // S3 != S1
  kFailed,              // up, down or up again failed (see stage and error)
  kNotVerified,         // left out after a failure that stopped the run
};
// "ok", "skipped", "no_rollback", "rollback_incomplete", "reapply_differs",
// "failed", "not_verified".
const char* VerifyStatusName(VerifyStatus status);
// Whether `status` is a finding: no rollback, rollback incomplete, re-apply
// differs, failed (not ok, skipped, nor not verified).
bool IsFailure(VerifyStatus status);

// Which step of the protocol failed.
enum class VerifyStage { kNone, kUp, kDown, kUpAgain };
const char* VerifyStageName(VerifyStage stage);  // "", "up", "down", "up_again"

// What verify found for one migration.
struct MigrationVerdict {
  std::string id;
  std::string description;
  std::string file;      // the migration's file
  std::string rollback;  // the file of its rollback; empty when it has none
  std::string phase;     // a phased migration's phase that failed; empty otherwise
  VerifyStatus status = VerifyStatus::kOk;
  // diff(S0, S2): created, what the rollback left behind; dropped, what it
  // removed though it was there before the migration; altered, what it did not
  // restore. Empty unless the status is kRollbackIncomplete.
  catalog::Changes after_rollback;
  // diff(S1, S3): how the schema after applying it again differs from the
  // schema after applying it the first time.
  catalog::Changes after_reapply;
  // The step that failed (kNone when none did) and its error, with the file
  // and line the engine gives. A migration without a rollback has the error
  // that says where to add one and no stage; an incomplete rollback may also
  // carry the error of applying the migration again after it.
  VerifyStage stage = VerifyStage::kNone;
  Status error;
};

struct VerifyReport {
  std::vector<MigrationVerdict> migrations;  // every migration of the set, in order
  // Why the migrations marked kNotVerified were not; empty when none were.
  std::string stopped;

  size_t Count(VerifyStatus status) const;
  size_t Failures() const;  // verdicts whose status IsFailure
  bool passed() const { return Failures() == 0 && stopped.empty(); }
};

// Verifies the migrations of `set` in order. `fresh` gives a new empty scratch
// database (scratch.h): one to begin with, and another whenever a failed step
// leaves the current one in a state that later migrations cannot start from.
// `rules` compares snapshots (the dialect's driver::Planner::DiffRules());
// snapshots leave out the history tables of `options`. The log gets one line
// per migration and the engine's warnings. Failed steps become verdicts; a
// Status is returned only when a scratch database cannot be opened or read at all.
Result<VerifyReport> Verify(const source::MigrationSet& set, const EngineOptions& options,
                            const diff::Rules& rules, const FreshDatabase& fresh, Logger& log);

}  // namespace strata::engine
