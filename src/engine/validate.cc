// strata validate, repair and baseline: keeping the history and the files honest.
#include "engine/engine.h"

namespace strata::engine {

Result<std::vector<Problem>> Engine::Validate() {
  STRATA_RETURN_IF_ERROR(history_.CheckFormat());
  STRATA_ASSIGN_OR_RETURN(Overview ov, ReadOverview());
  std::vector<Problem> problems;
  for (const MigrationStatus& s : ov.items) {
    const std::string file = s.migration ? s.migration->up.path : (s.row ? s.row->script : "");
    auto add = [&](Severity sev, std::string message) {
      problems.push_back(Problem{sev, s.id(), file, std::move(message)});
    };
    switch (s.state) {
      case State::kFailed:
        add(Severity::kError, "failed after " + std::to_string(s.row->statements_done) +
                                  " statement(s): " + s.row->error +
                                  "; fix the cause, then strata repair");
        break;
      case State::kInterrupted:
        add(Severity::kError, "stopped after " + std::to_string(s.row->statements_done) +
                                  " statement(s) (its run was killed or lost its connection, or "
                                  "is still running); strata up resumes it");
        break;
      case State::kResumable:
        add(Severity::kError, "repaired after a failure at statement " +
                                  std::to_string(s.row->statements_done + 1) +
                                  "; strata up resumes it there");
        break;
      case State::kRollingBack:
        add(Severity::kError, "its rollback stopped after " +
                                  std::to_string(s.row->statements_done) +
                                  " statement(s); strata down resumes it");
        break;
      case State::kRunningNow:
        add(Severity::kWarning, "another strata run is applying it now (statement " +
                                    std::to_string(s.row->statements_done + 1) + ")");
        break;
      case State::kMissingFile:
        add(Severity::kError, "applied, but its file is gone (no file has its version)");
        break;
      case State::kPending:
        if (s.out_of_order) {
          add(Severity::kError,
              "pending, but older than the newest applied version " + ov.current_version);
        }
        break;
      default:
        break;
    }
    if (s.tampered) {
      // The stored checksums cannot be trusted, so neither can what they say
      // about the file.
      add(Severity::kError,
          "its history row was edited outside strata: the row no longer matches its seal; "
          "restore the row, or strata repair records the file's checksums again");
    } else if (s.migration && s.row && !s.migration->is_repeatable()) {
      if (s.semantic_changed) {
        add(Severity::kError, "checksum mismatch: the file changed since it was applied");
      } else if (s.content_changed) {
        add(Severity::kWarning,
            "formatting-only edit since it was applied (comments or blank space)");
      }
    }
  }
  return problems;
}

Result<RepairReport> Engine::Repair() {
  STRATA_RETURN_IF_ERROR(Prepare());
  STRATA_ASSIGN_OR_RETURN(Overview ov, ReadOverview());
  RepairReport report;
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  auto run = [&]() -> Status {
    for (const MigrationStatus& s : ov.items) {
      if (!s.row) continue;
      if (s.tampered) {
        STRATA_RETURN_IF_ERROR(Reseal(ov, s));
        report.actions.push_back(s.id() + ": sealed its history again" +
                                 (s.migration && !s.migration->is_repeatable()
                                      ? " with the checksums of " + s.migration->up.path
                                      : " as it stands"));
        continue;
      }
      if (s.state == State::kFailed || s.state == State::kInterrupted) {
        // Never discards progress, a backfill's included: the statements done
        // stay done, and the next up goes on from the first one not done.
        if (!s.row->transactional) {
          STRATA_RETURN_IF_ERROR(
              history_.Finish(s.row->rank, kStateResume, false, s.row->execution_ms, s.row->error));
          report.actions.push_back(s.id() +
                                   ": marked resumable; the next up resumes at statement " +
                                   std::to_string(s.row->statements_done + 1));
        } else {
          STRATA_RETURN_IF_ERROR(history_.Delete(s.row->rank));
          report.actions.push_back(s.id() +
                                   ": removed the failed entry; the next up runs it again");
          continue;
        }
      }
      if (s.migration && !s.migration->is_repeatable() &&
          (s.content_changed || s.semantic_changed)) {
        HistoryRow accepted = *s.row;
        accepted.checksum_content = s.migration->checksums.content();
        accepted.checksum_semantic = s.migration->checksums.semantic();
        accepted.script = s.migration->up.path;
        STRATA_RETURN_IF_ERROR(history_.UpdateChecksums(accepted));
        report.actions.push_back(s.id() + ": accepted the current checksum of " +
                                 s.migration->up.path);
      }
    }
    return Status::Ok();
  };
  Status st = run();
  if (st.ok()) st = conn_.Commit();
  if (!st.ok()) {
    (void)conn_.Rollback();
    return st;
  }
  return report;
}

Status Engine::Reseal(const Overview& ov, const MigrationStatus& s) {
  const bool has_file = s.migration && !s.migration->is_repeatable();
  for (const HistoryRow& row : ov.history) {
    const bool same = row.kind == s.row->kind && row.version == s.row->version &&
                      (row.version || row.description == s.row->description);
    if (!same || !Tampered(row)) continue;
    HistoryRow sealed = row;
    if (has_file) {
      sealed.checksum_content = s.migration->checksums.content();
      sealed.checksum_semantic = s.migration->checksums.semantic();
      sealed.script = s.migration->up.path;
    }
    STRATA_RETURN_IF_ERROR(history_.UpdateChecksums(sealed));
  }
  return Status::Ok();
}

Status Engine::Baseline(const std::string& version, const std::string& description) {
  if (!source::Version::Parse(version)) {
    return Status::InvalidInput("--version '" + version + "' is not a version");
  }
  STRATA_RETURN_IF_ERROR(Prepare());
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  Result<std::vector<HistoryRow>> rows = history_.Load();
  Status st = rows.take_status();
  if (st.ok() && !rows->empty()) {
    st = Status::Conflict("the history of stream '" + options_.stream +
                          "' is not empty; baseline adopts a database that strata has not "
                          "migrated yet");
  }
  if (st.ok()) {
    HistoryRow row;
    row.stream = options_.stream;
    row.version = version;
    row.description = description;
    row.kind = kKindBaseline;
    row.applied_by = applied_by_;
    row.applied_at = UtcNow();
    row.success = true;
    row.state = kStateApplied;
    row.tool_version = options_.tool_version;
    st = history_.Insert(row);
  }
  if (st.ok()) st = conn_.Commit();
  if (!st.ok()) (void)conn_.Rollback();
  return st;
}

}  // namespace strata::engine
