// strata up: apply pending migrations, each in a transaction with its history row,
// or statement by statement with recorded progress when it cannot run in one.
// A phased migration applies the phases the run asks for, each recorded apart.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "base/interrupt.h"
#include "base/strings.h"
#include "engine/engine.h"
#include "engine/retry.h"

namespace strata::engine {
namespace {

int64_t MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

std::string Where(const MigrationStatus& s) {
  return s.migration ? s.migration->up.path : (s.row ? s.row->script : s.id());
}

std::string PhaseOf(const std::optional<source::Phase>& phase) {
  return phase ? source::PhaseName(*phase) : "";
}

// A run that stopped midway (killed, its connection or server lost) resumes
// without a repair: each statement committed with its progress, so nothing is
// redone or skipped. Only where the run lock is exclusive: holding it, we know
// no live runner is still at it.
bool ResumesWithoutRepair(const MigrationStatus& s, bool exclusive_lock) {
  return s.state == State::kInterrupted && exclusive_lock && s.migration && s.row;
}

// What stops `up` before it starts: failed work, a rollback stopped midway,
// history rows that match no file, and applied files that changed.
Status CheckBlockers(const Overview& ov, bool allow_out_of_order, Logger& log,
                     const std::function<bool(const MigrationStatus&)>& resumable) {
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kRollingBack) {
      return Status::Conflict("the rollback of migration " + s.id() +
                              (s.row->phase.empty() ? "" : " (" + s.row->phase + " phase)") +
                              " stopped after " + std::to_string(s.row->statements_done) +
                              " statement(s); run strata down again to finish it")
          .WithFile(Where(s));
    }
    if (s.tampered) {
      return Status::Conflict("the history row of migration " + s.id() +
                              " was edited outside strata (it no longer matches its seal); "
                              "strata validate shows it, strata repair seals it again once "
                              "the edit is understood")
          .WithFile(Where(s));
    }
    if (s.state == State::kMissingFile) {
      return Status::Conflict("the history says migration " + s.id() + " (" + s.row->script +
                              ") was applied, but no file in the migrations directory has that "
                              "version: restore the file, or check that this is the right "
                              "directory and database")
          .WithFile(s.row->script);
    }
    if ((s.state == State::kFailed || s.state == State::kInterrupted) && !resumable(s)) {
      return Status::Conflict("migration " + s.id() +
                              (s.row->phase.empty() ? "" : " (" + s.row->phase + " phase)") + " " +
                              (s.state == State::kFailed ? "failed" : "was interrupted") +
                              " after " + std::to_string(s.row->statements_done) + " statement(s)" +
                              (s.row->error.empty() ? "" : " (" + s.row->error + ")") +
                              "; fix the cause, then run strata repair")
          .WithFile(Where(s));
    }
    if (s.migration && s.row && s.state != State::kRepeatableChanged) {
      if (s.semantic_changed) {
        return Status::Conflict("migration " + s.id() +
                                " changed since it was applied; strata validate shows the "
                                "problems, strata repair accepts an approved edit")
            .WithFile(Where(s));
      }
      if (s.content_changed) {
        log.Warn(Where(s) +
                 ": formatting-only edit since it was applied (comments or blank "
                 "space); strata repair records the new checksum");
      }
    }
    if (s.state == State::kPending && s.out_of_order && !allow_out_of_order) {
      return Status::Conflict("migration " + s.id() +
                              " is pending but older than the newest applied version " +
                              ov.current_version + "; pass --allow-out-of-order to apply it")
          .WithFile(Where(s));
    }
  }
  return Status::Ok();
}

// Whether `up --phase choice` runs `phase` (nullopt: a migration without phases,
// which runs with expand, as its change is additive until proven otherwise).
bool ChoiceIncludes(PhaseChoice choice, std::optional<source::Phase> phase) {
  switch (choice) {
    case PhaseChoice::kAll:
      return true;
    case PhaseChoice::kExpand:
      return !phase || *phase == source::Phase::kExpand;
    case PhaseChoice::kMigrate:
      return phase == source::Phase::kMigrate;
    case PhaseChoice::kContract:
      return phase == source::Phase::kContract;
  }
  return false;
}

// The phases of a phased migration that this run applies, in order. Contract
// waits for migrate, migrate for expand: a phase runs only when the phases before
// it are applied (by this run or an earlier one).
Result<std::vector<source::Phase>> PhasesToRun(const MigrationStatus& s, PhaseChoice choice) {
  std::vector<source::Phase> out;
  bool earlier_done = true;  // every phase before the current one is applied
  for (const source::PhaseScripts& p : s.migration->phases) {
    const bool applied = s.PhaseApplied(p.phase);
    const bool wanted = ChoiceIncludes(choice, p.phase);
    if (wanted && !applied) {
      if (choice == PhaseChoice::kAll) {
        out.push_back(p.phase);
        continue;
      }
      if (!earlier_done) {
        // Nothing of it has run yet: not this run's business. Started but not far
        // enough: contract before migrate is the mistake this refuses.
        if (s.phases_applied.empty()) return out;
        return Status::Conflict("the " + std::string(source::PhaseName(p.phase)) + " phase of " +
                                s.id() + " cannot run before its earlier phases complete " +
                                "(applied so far: " + source::PhaseList(s.phases_applied, ", ") +
                                "); run strata up --phase " + source::PhaseName(*s.NextPhase()) +
                                " first")
            .WithFile(s.migration->up.path);
      }
      out.push_back(p.phase);
    }
    earlier_done = earlier_done && (applied || !out.empty());
  }
  return out;
}

}  // namespace

Result<Engine::UpPlan> Engine::PlanUp(const UpOptions& options) {
  std::optional<source::Version> target;
  if (!options.target.empty()) {
    target = source::Version::Parse(options.target);
    if (!target) return Status::InvalidInput("--to '" + options.target + "' is not a version");
    if (!set_.FindVersion(*target)) {
      return Status::NotFound("--to " + options.target + ": no migration has that version");
    }
  }
  STRATA_ASSIGN_OR_RETURN(Overview ov, ReadOverview());
  if (ov.history.empty() && !options.ignore_peer_history) {
    STRATA_RETURN_IF_ERROR(NoPeerHistory(true));
  }
  // Decided once: it splits the interrupted script to look at its next statement.
  std::set<const MigrationStatus*> resumable_now;
  for (const MigrationStatus& s : ov.items) {
    if (ResumesWithoutRepair(s, conn_.capabilities().exclusive_run_lock)) {
      resumable_now.insert(&s);
    }
  }
  auto resumes = [&](const MigrationStatus& s) { return resumable_now.count(&s) > 0; };
  STRATA_RETURN_IF_ERROR(CheckBlockers(ov, options.allow_out_of_order, log_, resumes));

  // What this run does, in order: resumable work first (it was started before
  // anything pending), then phases of started phased migrations and pending ones.
  UpPlan plan;
  plan.report.dry_run = options.dry_run;
  auto add = [&](const MigrationStatus& s, std::optional<source::Phase> phase, bool resume) {
    PlannedStep w;
    w.migration = s.migration;
    w.phase = phase;
    if (resume) w.resume_from = *s.row;
    plan.steps.push_back(std::move(w));
  };
  for (const MigrationStatus& s : ov.items) {
    if (s.state != State::kResumable && !resumes(s)) continue;
    const std::optional<source::Phase> phase = source::ParsePhase(s.row->phase);
    if (ChoiceIncludes(options.phase, phase)) add(s, phase, true);
  }
  for (const MigrationStatus& s : ov.items) {
    const bool open =
        s.state == State::kPending || s.state == State::kRepeatableChanged ||
        s.state == State::kPartial ||
        (s.migration && s.migration->is_phased() && (s.state == State::kResumable || resumes(s)));
    if (!open || !s.migration) continue;
    const source::Migration& m = *s.migration;
    if (target && (m.is_repeatable() || *target < m.version)) continue;
    if (!m.is_phased()) {
      if (ChoiceIncludes(options.phase, std::nullopt)) add(s, std::nullopt, false);
      continue;
    }
    MigrationStatus after_resume = s;  // a phase being resumed counts as applied from here
    if (s.state == State::kResumable || resumes(s)) {
      if (options.phase != PhaseChoice::kAll) continue;
      after_resume.phases_applied.push_back(*source::ParsePhase(s.row->phase));
    }
    STRATA_ASSIGN_OR_RETURN(std::vector<source::Phase> phases,
                            PhasesToRun(after_resume, options.phase));
    for (source::Phase p : phases) add(s, p, false);
  }

  // Split every script before applying anything: bad input changes nothing.
  for (PlannedStep& w : plan.steps) {
    const source::Migration& m = *w.migration;
    w.script = w.phase ? &m.FindPhase(*w.phase)->up : &m.up;
    StepReport step;
    step.id = m.id;
    step.description = m.description;
    step.phase = PhaseOf(w.phase);
    step.script = w.script->path;
    STRATA_RETURN_IF_ERROR(PlanScript(*w.script, false, step));
    plan.report.steps.push_back(std::move(step));
  }
  return plan;
}

Result<RunReport> Engine::Up(const UpOptions& options) {
  // Before Prepare, which makes the history table: a refused run changes nothing.
  if (!options.ignore_peer_history) STRATA_RETURN_IF_ERROR(NoPeerHistory(false));
  if (!options.dry_run) STRATA_RETURN_IF_ERROR(Prepare());
  STRATA_ASSIGN_OR_RETURN(UpPlan plan, PlanUp(options));
  RunReport& report = plan.report;
  if (options.dry_run) return std::move(report);
  if (options.before_apply && !plan.steps.empty()) {
    std::vector<std::string> pending;  // each id once, though phases are steps of their own
    for (const StepReport& step : report.steps) {
      if (std::find(pending.begin(), pending.end(), step.id) == pending.end()) {
        pending.push_back(step.id);
      }
    }
    Result<std::string> backup = options.before_apply(pending);
    if (!backup.ok()) {
      return backup.take_status().Prefixed(
          "the backup before applying failed; nothing was applied: ");
    }
    backup_ = std::move(*backup);
  }
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlannedStep& w = plan.steps[i];
    const source::Migration& m = *w.migration;
    StepReport& step = report.steps[i];
    log_.Info("applying " + m.id + " " + m.description +
              (w.phase ? " (" + step.phase + " phase)" : ""));
    if (w.resume_from || !step.transactional) {
      STRATA_RETURN_IF_ERROR(ApplyNonTransactional(m, *w.script, step.phase, w.resume_from, step));
    } else {
      STRATA_RETURN_IF_ERROR(ApplyTransactional(m, *w.script, step.phase, step));
    }
  }
  return std::move(report);
}

Status Engine::WithLockRetries(const std::string& what, StepReport& step,
                               const std::function<Status()>& attempt) {
  for (int retry = 0;; ++retry) {
    const auto start = std::chrono::steady_clock::now();
    Status st = StoppedByInterrupt(attempt());
    // A deadlock or serialization failure is a concurrent transaction's doing
    // too (two runs at one statement, one of them left without its lock).
    if (st.ok() || !IsTransientConflict(st) || retry >= options_.lock_retries) {
      if (!st.ok() && IsTransientConflict(st) && retry > 0) {
        return std::move(st).Prefixed("gave up after " + std::to_string(retry) + " retries and " +
                                      std::to_string(step.lock_wait_ms) +
                                      " ms waiting for locks: ");
      }
      return st;
    }
    const std::chrono::milliseconds pause = Backoff(options_.retry_backoff, retry + 1);
    if (Interrupted()) return StoppedByInterrupt(std::move(st));  // no pause, no retry
    log_.Warn(what + ": " +
              (st.is_lock_not_granted()
                   ? "lock not granted within the lock timeout"
                   : "a concurrent transaction conflicted (" + st.message() + ")") +
              " (attempt " + std::to_string(retry + 1) + " of " +
              std::to_string(options_.lock_retries + 1) + "); retrying in " +
              std::to_string(pause.count()) + " ms");
    std::this_thread::sleep_for(pause);
    ++step.lock_retries;
    step.lock_wait_ms += MsSince(start);
  }
}

Status Engine::ApplyTransactional(const source::Migration& m, const source::Script& script,
                                  const std::string& phase, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  // A lock not granted aborts the transaction: the whole migration is retried, and
  // between attempts it holds no lock at all, so it never blocks others while waiting.
  return WithLockRetries("migration " + m.id, step, [&]() -> Status {
    STRATA_RETURN_IF_ERROR(conn_.Begin());
    auto fail = [&](Status st) {
      (void)conn_.Rollback();
      return std::move(st).Prefixed("migration " + m.id + " failed and was rolled back: ");
    };
    if (Status modes = SetTransactionModes(step.transaction.set_transaction); !modes.ok()) {
      return fail(std::move(modes));
    }
    if (!conn_.capabilities().exclusive_run_lock && !m.is_repeatable()) {
      // We hold the write lock now: if another runner applied it meanwhile, skip.
      Result<std::optional<HistoryRow>> found = history_.Find(m.id, phase);
      if (!found.ok()) return fail(found.take_status());
      if (found->has_value()) {
        (void)conn_.Rollback();
        step.skipped = true;
        log_.Info(m.id + " was applied by another run meanwhile");
        return Status::Ok();
      }
    }
    // The history row's INSERT carries the COMMIT: one round trip fewer per migration.
    Status st = RunStepInTransaction(m, script, phase, start, History::Then::kCommit, step);
    if (!st.ok()) return fail(std::move(st));
    return Status::Ok();
  });
}

Status Engine::RunStepInTransaction(const source::Migration& m, const source::Script& script,
                                    const std::string& phase,
                                    std::chrono::steady_clock::time_point start, History::Then then,
                                    StepReport& step) {
  step.warnings.clear();  // an attempt repeated after a lock timeout starts over
  STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPre, step));
  for (const sql::Statement& stmt : step.statements) {
    STRATA_RETURN_IF_ERROR(RunStatement(script, stmt));
  }
  STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPost, step));
  HistoryRow row = NewRow(m, kStateApplied, step.transaction.mode);
  row.phase = phase;
  row.script = script.path;
  row.statements_done = static_cast<int64_t>(step.statements.size());
  row.warnings = Join(step.warnings, "\n");
  row.execution_ms = MsSince(start);
  STRATA_RETURN_IF_ERROR(history_.Insert(row, then));
  step.execution_ms = row.execution_ms;
  return Status::Ok();
}

Status Engine::ApplyNonTransactional(const source::Migration& m, const source::Script& script,
                                     const std::string& phase,
                                     const std::optional<HistoryRow>& resume, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  ProgressRow row;
  row.state = kStateRunning;
  if (resume) {
    row.rank = resume->rank;
    row.statements_done = resume->statements_done;
    log_.Info("resuming " + m.id + (phase.empty() ? "" : " (" + phase + " phase)") +
              " at statement " + std::to_string(row.statements_done + 1) + " of " +
              std::to_string(step.statements.size()));
    if (resume->state != kStateRunning) {
      STRATA_RETURN_IF_ERROR(history_.Finish(row.rank, kStateRunning, false, 0, ""));
    }
    // Its pre checks ran before the first attempt; their warnings are in the row.
    step.warnings = SplitAndTrim(resume->warnings, '\n');
  } else {
    // Before anything runs: a critical pre check that fails leaves no trace.
    STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPre, step));
    // Claim the migration first, so that a crash leaves a row saying how far it got.
    STRATA_RETURN_IF_ERROR(conn_.Begin());
    Status st = Status::Ok();
    if (!conn_.capabilities().exclusive_run_lock && !m.is_repeatable()) {
      Result<std::optional<HistoryRow>> found = history_.Find(m.id, phase);
      if (!found.ok())
        st = found.take_status();
      else if (found->has_value()) {
        (void)conn_.Rollback();
        step.skipped = true;
        return Status::Ok();
      }
    }
    HistoryRow claim = NewRow(m, kStateRunning, step.transaction.mode);
    claim.phase = phase;
    claim.script = script.path;
    claim.warnings = Join(step.warnings, "\n");
    // A backfill that starts afresh starts from the first key.
    if (st.ok()) st = history_.ClearBackfill(m.id, phase);
    if (st.ok()) st = history_.Insert(claim);
    Result<int64_t> last = st.ok() ? history_.LastRank() : Result<int64_t>(st);
    if (last.ok()) st = conn_.Commit();
    if (!last.ok() || !st.ok()) {
      (void)conn_.Rollback();
      return last.ok() ? st : last.take_status();
    }
    row.rank = *last;
  }
  Status st = StoppedByInterrupt(RunWithProgress(m, script, phase, row, resume.has_value(), step));
  if (!st.ok()) {
    // A conflict means another run owns the row now (this one lost its lock):
    // it is not ours to mark. Where the connection is gone, the mark fails and
    // the row stays "running": the next run resumes it. An interrupt leaves it
    // "running" on purpose, as a crash would: the statement was cancelled.
    const std::string what =
        "migration " + m.id + (phase.empty() ? "" : " (" + phase + " phase)") + " (no transaction)";
    if (st.is_conflict()) return std::move(st).Prefixed(what + " stopped: ");
    if (st.is_interrupted()) {
      return std::move(st).Prefixed(what + " stopped; strata up resumes it: ");
    }
    (void)history_.Finish(row.rank, kStateFailed, false, MsSince(start), st.ToString());
    return std::move(st).Prefixed(what +
                                  " failed; the statements before the failed one stay applied; "
                                  "fix the cause, run strata repair, then strata up resumes "
                                  "there: ");
  }
  const size_t warnings_before = step.warnings.size();
  Status post = RunChecks(script, source::Check::When::kPost, step);
  if (!post.ok()) return UndoAfterFailedCheck(m, phase, row.rank, MsSince(start), std::move(post));
  if (step.warnings.size() > warnings_before) {
    STRATA_RETURN_IF_ERROR(history_.SetWarnings(row.rank, Join(step.warnings, "\n")));
  }
  step.execution_ms = MsSince(start);
  return history_.Finish(row.rank, kStateApplied, true, step.execution_ms, "");
}

}  // namespace strata::engine
