// strata up: apply pending migrations, each in a transaction with its history row,
// or statement by statement with recorded progress when it cannot run in one.
#include <chrono>

#include "base/strings.h"
#include "engine/engine.h"

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

// What stops `up` before it starts: failed work, and applied files that changed.
Status CheckBlockers(const Overview& ov, bool allow_out_of_order, Logger& log) {
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kFailed || s.state == State::kInterrupted) {
      return Status::Conflict("migration " + s.id() + " " +
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

}  // namespace

Result<RunReport> Engine::Up(const UpOptions& options) {
  std::optional<source::Version> target;
  if (!options.target.empty()) {
    target = source::Version::Parse(options.target);
    if (!target) return Status::InvalidInput("--to '" + options.target + "' is not a version");
    if (!set_.FindVersion(*target)) {
      return Status::NotFound("--to " + options.target + ": no migration has that version");
    }
  }
  std::unique_ptr<driver::RunLock> lock;
  if (!options.dry_run) {
    STRATA_ASSIGN_OR_RETURN(lock, Prepare());
  }
  STRATA_ASSIGN_OR_RETURN(Overview ov, Inspect());
  STRATA_RETURN_IF_ERROR(CheckBlockers(ov, options.allow_out_of_order, log_));

  RunReport report;
  report.dry_run = options.dry_run;
  // Resumable work first (it was started before anything pending), then pending.
  std::vector<const MigrationStatus*> todo;
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kResumable) todo.push_back(&s);
  }
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kPending || s.state == State::kRepeatableChanged) todo.push_back(&s);
  }
  // Split every script before applying anything: bad input changes nothing.
  std::vector<const MigrationStatus*> chosen;
  for (const MigrationStatus* s : todo) {
    const source::Migration& m = *s->migration;
    if (target && (m.is_repeatable() || *target < m.version)) continue;
    StepReport step;
    step.id = m.id;
    step.description = m.description;
    step.script = m.up.path;
    step.transactional = !m.meta.no_transaction;
    STRATA_ASSIGN_OR_RETURN(step.statements, Statements(m.up, step.transactional));
    report.steps.push_back(std::move(step));
    chosen.push_back(s);
  }
  if (options.dry_run) return report;
  for (size_t i = 0; i < chosen.size(); ++i) {
    const MigrationStatus& s = *chosen[i];
    const source::Migration& m = *s.migration;
    StepReport& step = report.steps[i];
    log_.Info("applying " + m.id + " " + m.description);
    if (s.state == State::kResumable) {
      STRATA_RETURN_IF_ERROR(ApplyNonTransactional(m, s.row, step));
    } else if (!step.transactional) {
      STRATA_RETURN_IF_ERROR(ApplyNonTransactional(m, std::nullopt, step));
    } else {
      STRATA_RETURN_IF_ERROR(ApplyTransactional(m, step));
    }
  }
  return report;
}

Status Engine::ApplyTransactional(const source::Migration& m, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  auto fail = [&](Status st) {
    (void)conn_.Rollback();
    return std::move(st).Prefixed("migration " + m.id + " failed and was rolled back: ");
  };
  if (!conn_.capabilities().exclusive_run_lock && !m.is_repeatable()) {
    // We hold the write lock now: if another runner applied it meanwhile, skip.
    Result<std::optional<HistoryRow>> found = history_.Find(m.id);
    if (!found.ok()) return fail(found.take_status());
    if (found->has_value()) {
      (void)conn_.Rollback();
      step.skipped = true;
      log_.Info(m.id + " was applied by another run meanwhile");
      return Status::Ok();
    }
  }
  for (const sql::Statement& stmt : step.statements) {
    Status st = RunStatement(m.up, stmt);
    if (!st.ok()) return fail(std::move(st));
  }
  HistoryRow row = NewRow(m, kStateApplied, true);
  row.statements_done = static_cast<int64_t>(step.statements.size());
  row.execution_ms = MsSince(start);
  Status st = history_.Insert(row, History::Then::kCommit);
  if (!st.ok()) return fail(std::move(st));
  step.execution_ms = row.execution_ms;
  return Status::Ok();
}

Status Engine::ApplyNonTransactional(const source::Migration& m,
                                     const std::optional<HistoryRow>& resume, StepReport& step) {
  const auto start = std::chrono::steady_clock::now();
  int64_t rank = 0;
  size_t first = 0;
  if (resume) {
    rank = resume->rank;
    first = static_cast<size_t>(resume->statements_done);
    log_.Info("resuming " + m.id + " at statement " + std::to_string(first + 1) + " of " +
              std::to_string(step.statements.size()));
    STRATA_RETURN_IF_ERROR(history_.Finish(rank, kStateRunning, false, 0, ""));
  } else {
    // Claim the migration first, so that a crash leaves a row saying how far it got.
    STRATA_RETURN_IF_ERROR(conn_.Begin());
    Status st = Status::Ok();
    if (!conn_.capabilities().exclusive_run_lock && !m.is_repeatable()) {
      Result<std::optional<HistoryRow>> found = history_.Find(m.id);
      if (!found.ok()) st = found.take_status();
      else if (found->has_value()) {
        (void)conn_.Rollback();
        step.skipped = true;
        return Status::Ok();
      }
    }
    if (st.ok()) st = history_.Insert(NewRow(m, kStateRunning, false));
    Result<int64_t> last = st.ok() ? history_.LastRank() : Result<int64_t>(st);
    if (last.ok()) st = conn_.Commit();
    if (!last.ok() || !st.ok()) {
      (void)conn_.Rollback();
      return last.ok() ? st : last.take_status();
    }
    rank = *last;
  }
  for (size_t i = first; i < step.statements.size(); ++i) {
    const sql::Statement& stmt = step.statements[i];
    if (resume && i == first) {
      const sql::StatementInfo info = sql::Describe(stmt.text, conn_.dialect());
      if (info.kind == sql::DescribedKind::kCreateIndex && info.concurrently &&
          !info.index_name.empty()) {
        STRATA_ASSIGN_OR_RETURN(bool dropped, conn_.DropIndexIfInvalid(info.index_schema, info.index_name));
        if (dropped) {
          log_.Warn("index " + info.index_name +
                    " was left INVALID by the failed run; dropped it and building it again");
        }
      }
    }
    Status st = RunStatement(m.up, stmt);
    if (!st.ok()) {
      (void)history_.Finish(rank, kStateFailed, false, MsSince(start), st.ToString());
      return std::move(st).Prefixed("migration " + m.id + " (no transaction) failed at statement " +
                                    std::to_string(i + 1) + "; the statements before it stay "
                                    "applied; fix the cause, run strata repair, then strata up "
                                    "resumes here: ");
    }
    STRATA_RETURN_IF_ERROR(history_.UpdateProgress(rank, static_cast<int64_t>(i + 1)));
  }
  step.execution_ms = MsSince(start);
  return history_.Finish(rank, kStateApplied, true, step.execution_ms, "");
}

}  // namespace strata::engine
