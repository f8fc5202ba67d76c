// strata down: roll back applied migrations, newest first, each with its history
// row removed in the same transaction. Refused when a migration that stays
// applied depends on one that goes; warns about rollbacks without a backup to
// fall back on and about old ones.
#include <algorithm>
#include <chrono>

#include "base/interrupt.h"
#include "base/strings.h"
#include "engine/engine.h"
#include "engine/rollback_safety.h"

namespace strata::engine {

Result<RunReport> Engine::Down(const DownOptions& options) {
  std::optional<source::Version> target;
  if (!options.target.empty()) {
    target = source::Version::Parse(options.target);
    if (!target) return Status::InvalidInput("--to '" + options.target + "' is not a version");
  }
  std::optional<source::Version> only;
  if (!options.version.empty()) {
    only = source::Version::Parse(options.version);
    if (!only) return Status::InvalidInput("--version '" + options.version + "' is not a version");
  }
  if (!options.all && !target && !only && options.steps < 1) {
    return Status::InvalidInput("--steps must be at least 1");
  }
  if (!options.dry_run) STRATA_RETURN_IF_ERROR(Prepare());
  STRATA_ASSIGN_OR_RETURN(Overview ov, ReadOverview());
  // A target no file or history row has is a typo, not "nothing newer".
  if (target && std::none_of(ov.items.begin(), ov.items.end(), [&](const MigrationStatus& s) {
        const auto v = source::Version::Parse(s.id());
        return v && *v == *target;
      })) {
    return Status::NotFound("--to " + options.target + ": no migration has that version");
  }

  // Applied versioned migrations, newest first; a rollback that stopped midway
  // counts as applied, and must be among those chosen, to be finished first.
  std::vector<const MigrationStatus*> applied;
  std::vector<const MigrationStatus*> stopped_rollbacks;
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kFailed || s.state == State::kResumable) {
      return Status::Conflict("migration " + s.id() +
                              " is in a failed state; run strata repair before rolling back");
    }
    if (s.state == State::kInterrupted) {
      return Status::Conflict("migration " + s.id() +
                              " was stopped midway; run strata up to finish it before rolling "
                              "back");
    }
    const bool versioned = s.row && s.row->kind == kKindVersioned;
    if (versioned && (s.state == State::kApplied || s.state == State::kMissingFile ||
                      s.state == State::kPartial || s.state == State::kRollingBack)) {
      applied.push_back(&s);
    }
    if (s.state == State::kRollingBack) stopped_rollbacks.push_back(&s);
  }
  std::sort(applied.begin(), applied.end(), [](const MigrationStatus* a, const MigrationStatus* b) {
    return a->row->rank > b->row->rank;
  });
  std::vector<const MigrationStatus*> chosen;
  for (const MigrationStatus* s : applied) {
    if (only) {
      const auto v = source::Version::Parse(s->id());
      if (v && *v == *only) chosen.push_back(s);
    } else if (options.all) {  // NOLINT(bugprone-branch-clone): options in order of precedence
      chosen.push_back(s);
    } else if (target) {
      const auto v = source::Version::Parse(s->id());
      if (v && *target < *v) chosen.push_back(s);
    } else if (chosen.size() < static_cast<size_t>(options.steps)) {
      chosen.push_back(s);
    }
  }
  if (only && chosen.empty()) {
    return Status::NotFound("--version " + options.version +
                            ": no applied migration has that version");
  }
  for (const MigrationStatus* s : stopped_rollbacks) {
    if (std::find(chosen.begin(), chosen.end(), s) != chosen.end()) continue;
    return Status::Conflict("the rollback of " + s->id() + " stopped after " +
                            std::to_string(s->row->statements_done) +
                            " statement(s); finish it first: strata down --version " + s->id())
        .WithFile(s->row->script);
  }
  // Refuse before touching anything when one of them cannot be rolled back.
  for (const MigrationStatus* s : chosen) {
    if (!s->migration) {
      return Status::Conflict("cannot roll back " + s->id() + ": its file " + s->row->script +
                              " is gone");
    }
    if (options.phase) {
      STRATA_RETURN_IF_ERROR(CheckNewestPhase(*s, *options.phase));
    }
    Status missing = MissingRollback(
        *s->migration, set_.layout,
        options.phase ? std::vector<source::Phase>{*options.phase} : s->phases_applied);
    if (!missing.ok()) return std::move(missing).Prefixed("cannot roll back " + s->id() + ": ");
  }
  STRATA_RETURN_IF_ERROR(CheckDependents(applied, chosen));
  WarnAboutRisks(chosen, options.max_age_days);
  // Each rollback script to run: a phased migration undoes its applied phases,
  // newest first, each with its own history row.
  struct Work {
    const source::Migration* migration;
    const source::Script* script;
    std::string phase;
    bool stopped_midway = false;  // its rollback resumes where it stopped
  };
  std::vector<Work> planned;
  for (const MigrationStatus* s : chosen) {
    const source::Migration& m = *s->migration;
    const bool stopped = s->state == State::kRollingBack;
    if (!m.is_phased()) {
      planned.push_back(Work{&m, &*m.down, "", stopped});
      continue;
    }
    std::vector<source::Phase> phases = s->phases_applied;
    if (s->state == State::kRollingBack) {
      // The phase being rolled back is no longer counted as applied.
      if (const std::optional<source::Phase> p = source::ParsePhase(s->row->phase)) {
        phases.push_back(*p);
      }
    }
    for (auto p = phases.rbegin(); p != phases.rend(); ++p) {
      if (options.phase && *p != *options.phase) continue;
      planned.push_back(Work{&m, &*m.FindPhase(*p)->down, source::PhaseName(*p),
                             stopped && source::PhaseName(*p) == s->row->phase});
    }
  }
  RunReport report;
  report.dry_run = options.dry_run;
  for (const Work& w : planned) {
    StepReport step;
    step.id = w.migration->id;
    step.description = w.migration->description;
    step.phase = w.phase;
    step.script = w.script->path;
    // A rollback that stopped midway goes on statement by statement, even if its
    // file has been made transactional since.
    STRATA_RETURN_IF_ERROR(PlanScript(*w.script, w.stopped_midway, step));
    report.steps.push_back(std::move(step));
  }
  if (options.dry_run) return report;
  for (size_t i = 0; i < planned.size(); ++i) {
    const Work& w = planned[i];
    log_.Info("rolling back " + w.migration->id + " " + w.migration->description +
              (w.phase.empty() ? "" : " (" + w.phase + " phase)"));
    STRATA_RETURN_IF_ERROR(RollBack(*w.migration, *w.script, w.phase, report.steps[i]));
  }
  return report;
}

Status Engine::CheckNewestPhase(const MigrationStatus& s, source::Phase phase) {
  const std::string name = source::PhaseName(phase);
  if (!s.migration->is_phased()) {
    return Status::InvalidInput("--phase " + name + ": migration " + s.id() +
                                " has no phases; roll it back without --phase")
        .WithFile(s.migration->up.path);
  }
  if (s.phases_applied.empty() || s.phases_applied.back() != phase) {
    return Status::Conflict("--phase " + name + ": " +
                            (std::find(s.phases_applied.begin(), s.phases_applied.end(), phase) ==
                                     s.phases_applied.end()
                                 ? "that phase of " + s.id() + " is not applied"
                                 : "the newest applied phase of " + s.id() + " is " +
                                       source::PhaseName(s.phases_applied.back()) +
                                       "; roll that back first"))
        .WithFile(s.migration->up.path);
  }
  return Status::Ok();
}

Status Engine::CheckDependents(const std::vector<const MigrationStatus*>& applied,
                               const std::vector<const MigrationStatus*>& chosen) {
  std::vector<const source::Migration*> leaving;
  std::vector<const source::Migration*> staying;  // oldest first, as the message lists them
  for (auto s = applied.rbegin(); s != applied.rend(); ++s) {
    if (!(*s)->migration) continue;  // a file that is gone declares nothing
    const bool goes = std::find(chosen.begin(), chosen.end(), *s) != chosen.end();
    (goes ? leaving : staying).push_back((*s)->migration);
  }
  const std::vector<StayingDependents> blocked = FindStayingDependents(set_, leaving, staying);
  if (blocked.empty()) return Status::Ok();
  const StayingDependents& first = blocked.front();
  return Status::Conflict("cannot roll back " + first.migration->id + ": " +
                          Join(first.dependents, ", ") +
                          (first.dependents.size() == 1 ? " depends" : " depend") +
                          " on it (-- Depends:, directly or through other migrations) and "
                          "would stay applied; roll back " +
                          (first.dependents.size() == 1 ? "it" : "them") + " first")
      .WithFile(first.migration->up.path);
}

void Engine::WarnAboutRisks(const std::vector<const MigrationStatus*>& chosen, int max_age_days) {
  const auto now = std::chrono::system_clock::now();
  for (const MigrationStatus* s : chosen) {
    if (s->row->backup.empty()) {
      log_.Warn("no backup was recorded before " + s->id() +
                " was applied; rolling it back may lose data that nothing can restore");
    }
    const std::optional<int64_t> days = DaysSince(s->row->applied_at, now);
    if (max_age_days > 0 && days && *days > max_age_days) {
      log_.Warn(s->id() + " was applied " + std::to_string(*days) + " days ago (more than " +
                std::to_string(max_age_days) +
                "); data written since may depend on it: consider restoring from a backup "
                "instead");
    }
  }
}

Status Engine::RollBack(const source::Migration& m, const source::Script& script,
                        const std::string& phase, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  const std::string what = m.id + (phase.empty() ? "" : " (" + phase + " phase)");
  if (!step.transactional) {
    STRATA_ASSIGN_OR_RETURN(std::optional<HistoryRow> row, history_.Find(m.id, phase));
    return RollBackWithProgress(m, script, phase, row, step);
  }
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  auto fail = [&](Status st) {
    (void)conn_.Rollback();
    return std::move(st).Prefixed("rollback of " + what + " failed and was undone: ");
  };
  if (Status modes = SetTransactionModes(step.transaction.set_transaction); !modes.ok()) {
    return fail(std::move(modes));
  }
  // Read inside the transaction: where the run lock is not exclusive (SQLite) we
  // hold the write lock now, and a row another runner removed meanwhile is skipped.
  Result<std::optional<HistoryRow>> found = history_.Find(m.id, phase);
  if (!found.ok()) return fail(found.take_status());
  if (!found->has_value()) {
    (void)conn_.Rollback();
    step.skipped = true;
    return Status::Ok();
  }
  Status st = RunChecks(script, source::Check::When::kPre, step);
  for (size_t i = 0; st.ok() && i < step.statements.size(); ++i) {
    st = RunStatement(script, step.statements[i]);
  }
  if (st.ok()) st = RunChecks(script, source::Check::When::kPost, step);
  if (st.ok()) st = history_.ClearBackfill(m.id, phase);
  if (st.ok()) st = history_.Delete((*found)->rank, History::Then::kCommit);
  if (!st.ok()) return fail(std::move(st));
  step.execution_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  return Status::Ok();
}

Status Engine::RollBackWithProgress(const source::Migration& m, const source::Script& script,
                                    const std::string& phase,
                                    const std::optional<HistoryRow>& found, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  const std::string what = m.id + (phase.empty() ? "" : " (" + phase + " phase)");
  if (!found) {
    step.skipped = true;  // another run rolled it back meanwhile
    return Status::Ok();
  }
  ProgressRow row{found->rank, kStateReverting, 0};
  const bool resumed = found->state == kStateReverting;
  if (resumed) {
    row.statements_done = found->statements_done;
    log_.Info("resuming the rollback of " + what + " at statement " +
              std::to_string(row.statements_done + 1) + " of " +
              std::to_string(step.statements.size()));
  } else {
    STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPre, step));
    STRATA_RETURN_IF_ERROR(history_.StartRevert(row.rank));
  }
  Status st = RunWithProgress(m, script, phase, row, resumed, step);
  if (st.ok()) st = RunChecks(script, source::Check::When::kPost, step);
  st = StoppedByInterrupt(std::move(st));
  if (!st.ok()) {
    if (st.is_conflict()) return std::move(st).Prefixed("rollback of " + what + " stopped: ");
    if (st.is_interrupted()) {
      return std::move(st).Prefixed("rollback of " + what + " stopped; strata down resumes it: ");
    }
    (void)history_.Finish(row.rank, kStateReverting, false,
                          std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count(),
                          st.ToString());
    return std::move(st).Prefixed("rollback of " + what +
                                  " (no transaction) failed; the statements before the failed "
                                  "one stay undone; fix the cause, then strata down resumes "
                                  "there: ");
  }
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  st = history_.ClearBackfill(m.id, phase);
  if (st.ok()) st = history_.Delete(row.rank, History::Then::kCommit);
  if (!st.ok()) (void)conn_.Rollback();
  step.execution_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  return st;
}

}  // namespace strata::engine
