// strata up --test: the pending migrations applied in one transaction against
// the real target, with their checks and history rows, then rolled back.
#include <chrono>

#include "engine/engine.h"

namespace strata::engine {

Result<RunReport> Engine::TrialRun(const UpOptions& options) {
  // The run lock without Prepare: the history table is created (or upgraded)
  // inside the transaction that is rolled back, so not even it stays.
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::RunLock> lock, TakeRunLock());
  STRATA_ASSIGN_OR_RETURN(UpPlan plan, PlanUp(options));
  RunReport& report = plan.report;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const StepReport& step = report.steps[i];
    if (plan.steps[i].resume_from) {
      return Status::Conflict("migration " + step.id +
                              " was interrupted and resumes where it "
                              "stopped; finish it with strata up first (one transaction cannot "
                              "resume it)")
          .WithFile(step.script);
    }
    if (!step.transactional) {
      return Status::InvalidInput(
                 "up --test runs the pending migrations in one transaction and rolls it back, "
                 "but " +
                 step.id + " cannot run in one transaction (" + step.transaction_reason +
                 "); test the ones before it with --to, and this one on a copy of the database")
          .WithFile(step.script);
    }
  }
  for (const StepReport& step : report.steps) {
    if (step.transaction.set_transaction.empty()) continue;
    // One transaction holds every migration of the trial: a file's own
    // isolation level cannot be set after the first of them has run.
    log_.Warn(step.script + ": '" + step.transaction.set_transaction +
              "' is not applied by up --test, which runs every migration in one transaction at "
              "the session's isolation level");
  }
  if (plan.steps.empty()) return std::move(report);
  STRATA_ASSIGN_OR_RETURN(applied_by_, conn_.SessionUser());
  if (options_.ddl_lock_timeout.count() > 0) {
    STRATA_RETURN_IF_ERROR(conn_.SetLockTimeout(options_.ddl_lock_timeout));
  }
  StepReport whole;  // lock retries of the whole test
  Status tested = WithLockRetries("up --test", whole, [&]() -> Status {
    STRATA_RETURN_IF_ERROR(conn_.Begin());
    Status st = history_.Ensure();
    for (size_t i = 0; st.ok() && i < plan.steps.size(); ++i) {
      const PlannedStep& w = plan.steps[i];
      StepReport& step = report.steps[i];
      log_.Info("testing " + w.migration->id + " " + w.migration->description +
                (w.phase ? " (" + step.phase + " phase)" : ""));
      st = RunStepInTransaction(*w.migration, *w.script, step.phase,
                                std::chrono::steady_clock::now(), History::Then::kStayOpen, step);
      if (!st.ok()) st = std::move(st).Prefixed("migration " + w.migration->id + ": ");
    }
    Status undone = conn_.Rollback();
    return st.ok() ? undone : st;
  });
  if (!tested.ok()) {
    return std::move(tested).Prefixed("up --test failed and was rolled back; nothing was kept: ");
  }
  report.tested = true;
  return std::move(report);
}

}  // namespace strata::engine
