// strata up: apply pending migrations, each in a transaction with its history row,
// or statement by statement with recorded progress when it cannot run in one.
// A phased migration applies the phases the run asks for, each recorded apart.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

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

// An interrupted run whose next statement is a backfill can go on without a
// repair: each batch commits with its progress, so nothing is redone or skipped.
// Only where the run lock is exclusive, so that no live runner is still at it.
bool ResumesWithoutRepair(const MigrationStatus& s, bool exclusive_lock, Dialect dialect) {
  if (s.state != State::kInterrupted || !exclusive_lock || !s.migration || !s.row) return false;
  const source::Script* script = &s.migration->up;
  if (!s.row->phase.empty()) {
    const std::optional<source::Phase> p = source::ParsePhase(s.row->phase);
    const source::PhaseScripts* ps = p ? s.migration->FindPhase(*p) : nullptr;
    if (ps == nullptr) return false;
    script = &ps->up;
  }
  Result<std::vector<sql::Statement>> split = sql::Split(script->sql, dialect);
  const auto next = static_cast<size_t>(s.row->statements_done);
  if (!split.ok() || next >= split->size()) return false;
  const size_t previous_end =
      next == 0 ? 0 : (*split)[next - 1].offset + (*split)[next - 1].text.size();
  return script->BackfillBefore((*split)[next].offset, previous_end) != nullptr;
}

// What stops `up` before it starts: failed work, and applied files that changed.
Status CheckBlockers(const Overview& ov, bool allow_out_of_order, Logger& log,
                     const std::function<bool(const MigrationStatus&)>& resumable) {
  for (const MigrationStatus& s : ov.items) {
    if ((s.state == State::kFailed || s.state == State::kInterrupted) && !resumable(s)) {
      return Status::Conflict("migration " + s.id() +
                              (s.row->phase.empty() ? "" : " (" + s.row->phase + " phase)") + " " +
                              (s.state == State::kFailed ? "failed" : "was interrupted") +
                              " after " + std::to_string(s.row->statements_done) +
                              " statement(s)" +
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
        log.Warn(Where(s) + ": formatting-only edit since it was applied (comments or blank "
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
  STRATA_ASSIGN_OR_RETURN(Overview ov, Inspect());
  // Decided once: it splits the interrupted script to look at its next statement.
  std::set<const MigrationStatus*> resumable_now;
  for (const MigrationStatus& s : ov.items) {
    if (ResumesWithoutRepair(s, conn_.capabilities().exclusive_run_lock, conn_.dialect())) {
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
    const bool open = s.state == State::kPending || s.state == State::kRepeatableChanged ||
                      s.state == State::kPartial || (s.migration && s.migration->is_phased() &&
                                                     (s.state == State::kResumable || resumes(s)));
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
    // Backfill batches commit one by one, so their script cannot be one transaction.
    step.transactional = !m.meta.no_transaction && w.script->backfills.empty();
    STRATA_ASSIGN_OR_RETURN(step.statements, Statements(*w.script, step.transactional));
    plan.report.steps.push_back(std::move(step));
  }
  return plan;
}

Result<RunReport> Engine::Up(const UpOptions& options) {
  std::unique_ptr<driver::RunLock> lock;
  if (!options.dry_run) {
    STRATA_ASSIGN_OR_RETURN(lock, Prepare());
  }
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
      return backup.take_status().Prefixed("the backup before applying failed; nothing was applied: ");
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
    Status st = attempt();
    if (st.ok() || !IsLockNotGranted(st) || retry >= options_.lock_retries) {
      if (!st.ok() && IsLockNotGranted(st) && retry > 0) {
        return std::move(st).Prefixed("gave up after " + std::to_string(retry) +
                                      " retries and " + std::to_string(step.lock_wait_ms) +
                                      " ms waiting for locks: ");
      }
      return st;
    }
    const std::chrono::milliseconds pause = Backoff(options_.retry_backoff, retry + 1);
    log_.Warn(what + ": lock not granted within the lock timeout (attempt " +
              std::to_string(retry + 1) + " of " + std::to_string(options_.lock_retries + 1) +
              "); retrying in " + std::to_string(pause.count()) + " ms");
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
                                    std::chrono::steady_clock::time_point start,
                                    History::Then then, StepReport& step) {
  step.warnings.clear();  // an attempt repeated after a lock timeout starts over
  STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPre, step));
  for (const sql::Statement& stmt : step.statements) {
    STRATA_RETURN_IF_ERROR(RunStatement(script, stmt));
  }
  STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPost, step));
  HistoryRow row = NewRow(m, kStateApplied, true);
  row.phase = phase;
  row.script = script.path;
  row.statements_done = static_cast<int64_t>(step.statements.size());
  row.warnings = Join(step.warnings, "\n");
  row.execution_ms = MsSince(start);
  STRATA_RETURN_IF_ERROR(history_.Insert(row, then));
  step.execution_ms = row.execution_ms;
  return Status::Ok();
}

Status Engine::DropIndexLeftInvalid(const sql::Statement& stmt) {
  const sql::StatementInfo info = sql::Describe(stmt.text, conn_.dialect());
  if (info.kind != sql::DescribedKind::kCreateIndex || !info.concurrently ||
      info.index_name.empty()) {
    return Status::Ok();
  }
  STRATA_ASSIGN_OR_RETURN(bool dropped, conn_.DropIndexIfInvalid(info.index_schema, info.index_name));
  if (dropped) {
    log_.Warn("index " + info.index_name +
              " was left INVALID by a failed attempt; dropped it and building it again");
  }
  return Status::Ok();
}

Status Engine::ApplyNonTransactional(const source::Migration& m, const source::Script& script,
                                     const std::string& phase,
                                     const std::optional<HistoryRow>& resume, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  int64_t rank = 0;
  size_t first = 0;
  if (resume) {
    rank = resume->rank;
    first = static_cast<size_t>(resume->statements_done);
    log_.Info("resuming " + m.id + (phase.empty() ? "" : " (" + phase + " phase)") +
              " at statement " + std::to_string(first + 1) + " of " +
              std::to_string(step.statements.size()));
    STRATA_RETURN_IF_ERROR(history_.Finish(rank, kStateRunning, false, 0, ""));
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
      if (!found.ok()) st = found.take_status();
      else if (found->has_value()) {
        (void)conn_.Rollback();
        step.skipped = true;
        return Status::Ok();
      }
    }
    HistoryRow row = NewRow(m, kStateRunning, false);
    row.phase = phase;
    row.script = script.path;
    row.warnings = Join(step.warnings, "\n");
    // A backfill that starts afresh starts from the first key.
    if (st.ok()) st = history_.ClearBackfill(m.id, phase);
    if (st.ok()) st = history_.Insert(row);
    Result<int64_t> last = st.ok() ? history_.LastRank() : Result<int64_t>(st);
    if (last.ok()) st = conn_.Commit();
    if (!last.ok() || !st.ok()) {
      (void)conn_.Rollback();
      return last.ok() ? st : last.take_status();
    }
    rank = *last;
  }
  size_t previous_end = first == 0 ? 0
                                   : step.statements[first - 1].offset +
                                         step.statements[first - 1].text.size();
  for (size_t i = first; i < step.statements.size(); ++i) {
    const sql::Statement& stmt = step.statements[i];
    const source::Backfill* backfill = script.BackfillBefore(stmt.offset, previous_end);
    previous_end = stmt.offset + stmt.text.size();
    // A failed earlier attempt (a resumed run, or a retry after a lock timeout)
    // may have left an INVALID index behind.
    bool after_failure = resume && i == first;
    Status st = backfill != nullptr
                    ? RunBackfill(m, script, phase, i, stmt, *backfill, step)
                    : WithLockRetries("migration " + m.id + " statement " + std::to_string(i + 1),
                                      step, [&]() -> Status {
                                        if (after_failure) STRATA_RETURN_IF_ERROR(DropIndexLeftInvalid(stmt));
                                        after_failure = true;
                                        return RunStatement(script, stmt);
                                      });
    if (!st.ok()) {
      (void)history_.Finish(rank, kStateFailed, false, MsSince(start), st.ToString());
      return std::move(st).Prefixed("migration " + m.id +
                                    (phase.empty() ? "" : " (" + phase + " phase)") +
                                    " (no transaction) failed at statement " +
                                    std::to_string(i + 1) + "; the statements before it stay "
                                    "applied; fix the cause, run strata repair, then strata up "
                                    "resumes here: ");
    }
    STRATA_RETURN_IF_ERROR(history_.UpdateProgress(rank, static_cast<int64_t>(i + 1)));
  }
  const size_t warnings_before = step.warnings.size();
  Status post = RunChecks(script, source::Check::When::kPost, step);
  if (!post.ok()) return UndoAfterFailedCheck(m, phase, rank, MsSince(start), std::move(post));
  if (step.warnings.size() > warnings_before) {
    STRATA_RETURN_IF_ERROR(history_.SetWarnings(rank, Join(step.warnings, "\n")));
  }
  step.execution_ms = MsSince(start);
  return history_.Finish(rank, kStateApplied, true, step.execution_ms, "");
}

}  // namespace strata::engine
