// Validation checks (`-- strata:check`, source/check.h) as a run meets them:
// queried, compared, and what follows when one does not hold.
#include "engine/engine.h"
#include "source/check.h"

namespace strata::engine {

Status Engine::UndoAfterFailedCheck(const source::Migration& m, const std::string& phase,
                                    int64_t rank, int64_t execution_ms, Status failure) {
  const std::string what =
      "migration " + m.id + (phase.empty() ? "" : " (" + phase + " phase)") + " (no transaction)";
  const source::Script* down = nullptr;
  if (phase.empty()) {
    if (m.down) down = &*m.down;
  } else if (const source::PhaseScripts* p = m.FindPhase(*source::ParsePhase(phase));
             p != nullptr && p->down) {
    down = &*p->down;
  }
  // Seed 003: a failed validation runs the rollback steps. A transaction would
  // have undone the statements by itself; here only the rollback script can.
  if (failure.is_check_failed() && down != nullptr) {
    log_.Warn(failure.ToString() + "; running the rollback script " + down->path);
    StepReport undo;
    undo.id = m.id;
    Status rolled = PlanScript(*down, false, undo);
    if (rolled.ok()) rolled = RollBack(m, *down, phase, undo);
    if (rolled.ok()) {
      return std::move(failure).Prefixed(what + " was undone by its rollback script " + down->path +
                                         " after a failed check: ");
    }
    failure =
        std::move(failure).Prefixed("its rollback script failed too (" + rolled.ToString() + "); ");
  }
  (void)history_.Finish(rank, kStateFailed, false, execution_ms, failure.ToString());
  return std::move(failure).Prefixed(what +
                                     " failed after its statements, which stay applied; "
                                     "fix the cause, run strata repair, then strata up runs "
                                     "its post checks again: ");
}

Status Engine::RunChecks(const source::Script& script, source::Check::When when, StepReport& step) {
  for (const source::Check& check : script.checks) {
    if (check.when != when) continue;
    const std::string& file = check.File(script.path);  // a sqitch verify script's own
    Result<driver::Rows> rows = conn_.Query(check.query, {});
    if (!rows.ok()) {
      // expect=any (sqitch's verify): the query failing is the check not holding.
      if (source::ExpectsAny(check.expect) && check.critical && options_.enforce_checks) {
        return Status::CheckFailed(source::DescribeCheck(check, "") +
                                   " did not hold: its query failed: " + rows.status().message())
            .WithFile(file)
            .WithLocation(check.query_line, 1);
      }
      return rows.take_status()
          .Prefixed(source::DescribeCheck(check, "") + ": its query failed: ")
          .WithFile(file)
          .WithLocation(check.query_line, 1);
    }
    source::CheckAnswer answer;
    answer.has_row = !rows->rows.empty();
    if (answer.has_row && !rows->rows[0].empty()) answer.value = rows->rows[0][0];
    if (source::ExpectationHolds(check.expect, answer)) continue;
    const std::string held =
        " did not hold: expected " + check.expect + ", got " + source::DescribeAnswer(answer);
    if (!options_.enforce_checks) {
      log_.Info(source::DescribeCheck(check, script.path) + held + " (not enforced here)");
    } else if (check.critical) {
      return Status::CheckFailed(source::DescribeCheck(check, "") + held)
          .WithFile(file)
          .WithLocation(check.line, 1);
    } else {
      step.warnings.push_back(source::DescribeCheck(check, script.path) + held);
      log_.Warn(step.warnings.back());
    }
  }
  return Status::Ok();
}

}  // namespace strata::engine
