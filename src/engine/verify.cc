// strata verify: up, down, up again for each migration, with a snapshot of the
// schema between the steps (verify.h says what must hold).
//
// The engine of each step sees the migrations up to the one verified and no
// further, so `up` applies exactly that one whatever the order of versions
// (dependencies may put a higher version first), a repeatable runs on its
// own, and `down --steps 1` undoes the newest.
#include "engine/verify.h"

#include "engine/engine.h"
#include "engine/history.h"
#include "engine/rollback_safety.h"

namespace strata::engine {

const char* VerifyStatusName(VerifyStatus status) {
  switch (status) {
    case VerifyStatus::kOk:
      return "ok";
    case VerifyStatus::kSkipped:
      return "skipped";
    case VerifyStatus::kNoRollback:
      return "no_rollback";
    case VerifyStatus::kRollbackIncomplete:
      return "rollback_incomplete";
    case VerifyStatus::kReapplyDiffers:
      return "reapply_differs";
    case VerifyStatus::kFailed:
      return "failed";
    case VerifyStatus::kNotVerified:
      return "not_verified";
  }
  return "failed";
}

bool IsFailure(VerifyStatus status) {
  return status == VerifyStatus::kNoRollback || status == VerifyStatus::kRollbackIncomplete ||
         status == VerifyStatus::kReapplyDiffers || status == VerifyStatus::kFailed;
}

const char* VerifyStageName(VerifyStage stage) {
  switch (stage) {
    case VerifyStage::kNone:
      return "";
    case VerifyStage::kUp:
      return "up";
    case VerifyStage::kDown:
      return "down";
    case VerifyStage::kUpAgain:
      return "up_again";
  }
  return "";
}

size_t VerifyReport::Count(VerifyStatus status) const {
  size_t n = 0;
  for (const MigrationVerdict& v : migrations) n += v.status == status ? 1 : 0;
  return n;
}

size_t VerifyReport::Failures() const {
  size_t n = 0;
  for (const MigrationVerdict& v : migrations) n += IsFailure(v.status) ? 1 : 0;
  return n;
}

namespace {

// Passes the engine's warnings (lock retries) and backfill progress on, but
// not its "applying ..." lines: verify says itself which migration it is at,
// and each would show three times.
class StepLogger final : public Logger {
 public:
  explicit StepLogger(Logger& log) : log_(log) {}
  void Info(std::string_view) override {}
  void Warn(std::string_view message) override { log_.Warn(message); }
  void Progress(const BackfillTick& tick) override { log_.Progress(tick); }

 private:
  Logger& log_;
};

MigrationVerdict VerdictFor(const source::Migration& m) {
  MigrationVerdict v;
  v.id = m.id;
  v.description = m.description;
  v.file = m.up.path;
  if (m.down) v.rollback = m.down->path;
  if (m.is_phased()) v.rollback = m.up.path;  // its :down sections
  return v;
}

// One verification run: the scratch database, the migrations applied in it so
// far, and the schema they give.
class Run {
 public:
  Run(const source::MigrationSet& set, const EngineOptions& options, const diff::Rules& rules,
      const FreshDatabase& fresh, Logger& log)
      : set_(set),
        options_(options),
        rules_(rules),
        fresh_(fresh),
        log_(log),
        step_log_(log),
        inspect_(WithoutHistoryTables(options)) {
    applied_.dir = set.dir;
    applied_.layout = set.layout;
  }

  Result<VerifyReport> Go() {
    STRATA_ASSIGN_OR_RETURN(conn_, fresh_());
    STRATA_ASSIGN_OR_RETURN(schema_, conn_->Inspect(inspect_));
    VerifyReport report;
    for (const source::Migration& m : set_.migrations) {
      MigrationVerdict v = VerdictFor(m);
      if (!report.stopped.empty()) {
        v.status = VerifyStatus::kNotVerified;
      } else {
        log_.Info("verifying " + m.id + (m.description.empty() ? "" : " " + m.description));
        STRATA_ASSIGN_OR_RETURN(const bool rebuild, Check(m, v, report.stopped));
        if (rebuild) STRATA_RETURN_IF_ERROR(Rebuild(m, report.stopped));
      }
      report.migrations.push_back(std::move(v));
    }
    return report;
  }

 private:
  // Applies what is pending: all of it, or one phase of the phased migration.
  Status Up(Engine& engine, std::optional<source::Phase> phase = std::nullopt) {
    UpOptions up;
    // Dependencies may order an older version after a newer one.
    up.allow_out_of_order = true;
    if (phase) up.phase = ChoiceOf(*phase);
    return engine.Up(up).status();
  }

  static PhaseChoice ChoiceOf(source::Phase phase) {
    switch (phase) {
      case source::Phase::kExpand:
        return PhaseChoice::kExpand;
      case source::Phase::kMigrate:
        return PhaseChoice::kMigrate;
      case source::Phase::kContract:
        return PhaseChoice::kContract;
    }
    return PhaseChoice::kAll;
  }

  Result<catalog::Catalog> Snapshot() { return conn_->Inspect(inspect_); }

  // Verifies `m` (the next migration of the set) into `v`; sets `stopped` when
  // the migrations after it cannot be verified. `schema_` is S0 on entry, and
  // on return the schema of the migrations up to `m` applied, unless the
  // result says that the database is not in that state and must be rebuilt.
  Result<bool> Check(const source::Migration& m, MigrationVerdict& v, std::string& stopped) {
    applied_.migrations.push_back(m);
    Engine engine(*conn_, applied_, options_, step_log_);
    if (!m.is_phased() || !MissingRollback(m, set_.layout).ok()) {
      return CheckStep(engine, m, std::nullopt, v, stopped);
    }
    // Phase by phase: each rollback must undo its phase alone.
    for (const source::PhaseScripts& p : m.phases) {
      v.phase = source::PhaseName(p.phase);
      STRATA_ASSIGN_OR_RETURN(const bool rebuild, CheckStep(engine, m, p.phase, v, stopped));
      if (rebuild || v.status != VerifyStatus::kOk || !stopped.empty()) return rebuild;
    }
    v.phase.clear();
    return false;
  }

  // One round of the protocol for `m` (or its `phase`): up, down, up again.
  Result<bool> CheckStep(Engine& engine, const source::Migration& m,
                         std::optional<source::Phase> phase, MigrationVerdict& v,
                         std::string& stopped) {
    Status up = Up(engine, phase);
    if (!up.ok()) {
      v.status = VerifyStatus::kFailed;
      v.stage = VerifyStage::kUp;
      v.error = std::move(up);
      stopped = "verification stopped at " + m.id +
                ": it does not apply, and the migrations after it build on it";
      return false;
    }
    STRATA_ASSIGN_OR_RETURN(catalog::Catalog s1, Snapshot());
    if (m.is_repeatable()) {
      v.status = VerifyStatus::kSkipped;
      schema_ = std::move(s1);
      return false;
    }
    if (Status missing = MissingRollback(m, set_.layout); !missing.ok()) {
      v.status = VerifyStatus::kNoRollback;
      v.error = std::move(missing);
      schema_ = std::move(s1);
      return false;
    }
    DownOptions down;
    down.steps = 1;
    down.phase = phase;
    Status rolled_back = engine.Down(down).status();
    if (!rolled_back.ok()) {
      v.status = VerifyStatus::kFailed;
      v.stage = VerifyStage::kDown;
      v.error = std::move(rolled_back);
      return true;
    }
    STRATA_ASSIGN_OR_RETURN(catalog::Catalog s2, Snapshot());
    v.after_rollback = diff::Diff(schema_, s2, rules_);
    if (!v.after_rollback.empty()) v.status = VerifyStatus::kRollbackIncomplete;
    Status again = Up(engine, phase);
    if (!again.ok()) {
      // After an incomplete rollback this is usually its consequence (the
      // index it left behind exists already): the rollback stays the finding.
      if (v.after_rollback.empty()) v.status = VerifyStatus::kFailed;
      v.stage = VerifyStage::kUpAgain;
      v.error = std::move(again);
      return true;
    }
    STRATA_ASSIGN_OR_RETURN(catalog::Catalog s3, Snapshot());
    v.after_reapply = diff::Diff(s1, s3, rules_);
    if (!v.after_reapply.empty() && v.status == VerifyStatus::kOk) {
      v.status = VerifyStatus::kReapplyDiffers;
    }
    // Later migrations were written against the schema of the first apply.
    if (!v.after_reapply.empty()) return true;
    schema_ = std::move(s3);
    return false;
  }

  // After a failed step: a new scratch database with the migrations up to `m`
  // applied once, where the next migration can start from the schema it was
  // written against.
  Status Rebuild(const source::Migration& m, std::string& stopped) {
    auto stop = [&](const Status& why) {
      stopped =
          "verification stopped after " + m.id +
          ": applying the migrations up to it in a new scratch database failed: " + why.ToString();
      return Status::Ok();
    };
    // Closed first: a driver may not hand out a second one while it is open.
    conn_.reset();
    Result<std::unique_ptr<driver::Connection>> conn = fresh_();
    if (!conn.ok()) return stop(conn.status());
    conn_ = std::move(conn).value();
    Engine engine(*conn_, applied_, options_, step_log_);
    if (Status up = Up(engine); !up.ok()) return stop(up);
    STRATA_ASSIGN_OR_RETURN(schema_, Snapshot());
    return Status::Ok();
  }

  const source::MigrationSet& set_;
  const EngineOptions& options_;
  const diff::Rules& rules_;
  const FreshDatabase& fresh_;
  Logger& log_;
  StepLogger step_log_;
  const driver::InspectOptions inspect_;
  std::unique_ptr<driver::Connection> conn_;
  source::MigrationSet applied_;  // the migrations of set_ verified so far, and the current one
  catalog::Catalog schema_;       // the schema of applied_ in conn_
};

}  // namespace

Result<VerifyReport> Verify(const source::MigrationSet& set, const EngineOptions& options,
                            const diff::Rules& rules, const FreshDatabase& fresh, Logger& log) {
  // The scratch databases hold none of the target's rows: validation checks
  // run (a broken query fails the migration) but their answers do not decide.
  EngineOptions scratch = options;
  scratch.enforce_checks = false;
  return Run(set, scratch, rules, fresh, log).Go();
}

}  // namespace strata::engine
