// strata down: roll back applied migrations, newest first, each with its history
// row removed in the same transaction. Refused when a migration that stays
// applied depends on one that goes; warns about rollbacks without a backup to
// fall back on and about old ones.
#include <algorithm>
#include <chrono>

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
  std::unique_ptr<driver::RunLock> lock;
  if (!options.dry_run) {
    STRATA_ASSIGN_OR_RETURN(lock, Prepare());
  }
  STRATA_ASSIGN_OR_RETURN(Overview ov, Inspect());

  // Applied versioned migrations, newest first.
  std::vector<const MigrationStatus*> applied;
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kFailed || s.state == State::kInterrupted) {
      return Status::Conflict("migration " + s.id() +
                              " is in a failed state; run strata repair before rolling back");
    }
    const bool versioned = s.row && s.row->kind == kKindVersioned;
    if (versioned && (s.state == State::kApplied || s.state == State::kMissingFile ||
                      s.state == State::kPartial)) {
      applied.push_back(&s);
    }
  }
  std::sort(applied.begin(), applied.end(),
            [](const MigrationStatus* a, const MigrationStatus* b) { return a->row->rank > b->row->rank; });
  std::vector<const MigrationStatus*> chosen;
  for (const MigrationStatus* s : applied) {
    if (only) {
      const auto v = source::Version::Parse(s->id());
      if (v && *v == *only) chosen.push_back(s);
    } else if (options.all) {
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
  };
  std::vector<Work> planned;
  for (const MigrationStatus* s : chosen) {
    const source::Migration& m = *s->migration;
    if (!m.is_phased()) {
      planned.push_back(Work{&m, &*m.down, ""});
      continue;
    }
    for (auto p = s->phases_applied.rbegin(); p != s->phases_applied.rend(); ++p) {
      if (options.phase && *p != *options.phase) continue;
      planned.push_back(Work{&m, &*m.FindPhase(*p)->down, source::PhaseName(*p)});
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
    step.transactional = !w.migration->meta.no_transaction && w.script->backfills.empty();
    STRATA_ASSIGN_OR_RETURN(step.statements, Statements(*w.script, step.transactional));
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
    return Status::Conflict(
               "--phase " + name + ": " +
               (std::find(s.phases_applied.begin(), s.phases_applied.end(), phase) ==
                        s.phases_applied.end()
                    ? "that phase of " + s.id() + " is not applied"
                    : "the newest applied phase of " + s.id() + " is " +
                          source::PhaseName(s.phases_applied.back()) + "; roll that back first"))
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
    STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPre, step));
    for (const sql::Statement& stmt : step.statements) {
      STRATA_RETURN_IF_ERROR(RunStatement(script, stmt));
    }
    STRATA_RETURN_IF_ERROR(RunChecks(script, source::Check::When::kPost, step));
    STRATA_RETURN_IF_ERROR(history_.ClearBackfill(m.id, phase));
    return row ? history_.Delete(row->rank) : Status::Ok();
  }
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  auto fail = [&](Status st) {
    (void)conn_.Rollback();
    return std::move(st).Prefixed("rollback of " + what + " failed and was undone: ");
  };
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

}  // namespace strata::engine
