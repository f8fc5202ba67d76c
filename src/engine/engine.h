// The migration protocol: lock, history, plan pending work, apply, roll back,
// validate, repair, baseline. One Engine per command run.
//
// The engine borrows the Connection, the MigrationSet and the Logger; all three
// must outlive it. Not thread-safe.
//
// Locking order for every command that writes: the run lock (driver), then the
// history table's creation or upgrade, then one transaction per migration that
// holds the migration's statements and its history row together. Where the run
// lock is not exclusive (SQLite), each transaction takes the database write lock
// and re-reads the history before it applies anything.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"
#include "engine/adopt.h"
#include "engine/history.h"
#include "engine/logger.h"
#include "engine/options.h"
#include "engine/reconcile.h"
#include "source/migration.h"
#include "sql/statement.h"
#include "sql/transaction_mode.h"

namespace strata::engine {

// One migration that a run applied, rolled back, or would (dry run).
struct StepReport {
  std::string id;
  std::string description;
  std::string script;         // file path
  std::string phase;          // expand | migrate | contract; empty without phases
  bool transactional = true;  // the whole script in one transaction with its history row
  // How the script runs (sql/transaction_mode.h) and why, for display: "" for a
  // plain single transaction, else e.g. "'CREATE INDEX CONCURRENTLY ...' (line 4)
  // cannot run in a transaction".
  sql::TransactionPlan transaction;
  std::string transaction_reason;
  // What runs (for a dry run, what would); a wrapped file's BEGIN and COMMIT are left out.
  std::vector<sql::Statement> statements;
  int64_t execution_ms = 0;
  bool skipped = false;               // another runner had already applied it
  int lock_retries = 0;               // attempts repeated after a lock was not granted
  int64_t lock_wait_ms = 0;           // time spent in those attempts and their backoff
  int64_t backfill_rows = 0;          // rows updated by its backfills in this run
  std::vector<std::string> warnings;  // its non-critical checks that did not hold
};

// How a step runs, in words for plan and dry runs: "" for a plain single
// transaction, else e.g. "one transaction (the file's BEGIN ... COMMIT ...)",
// "no transaction: -- strata:no-transaction".
std::string TransactionNote(sql::TransactionMode mode, const std::string& reason);

struct RunReport {
  std::vector<StepReport> steps;
  bool dry_run = false;
  bool tested = false;  // up --test: applied in one transaction, then rolled back
};

enum class Severity { kWarning, kError };

struct Problem {
  Severity severity = Severity::kError;
  std::string id;    // migration version or name
  std::string file;  // the file concerned, when there is one
  std::string message;
};

struct RepairReport {
  std::vector<std::string> actions;  // one line per change made to the history
};

class Engine {
 public:
  Engine(driver::Connection& conn, const source::MigrationSet& set, EngineOptions options,
         Logger& log);

  // Read-only: where each migration stands. Does not create the history table.
  // `status` passes kStatus: its rows then carry only what it shows.
  Result<Overview> ReadOverview(History::Columns columns = History::Columns::kAll);
  Result<std::vector<HistoryRow>> LoadHistory();

  Result<RunReport> Up(const UpOptions& options);
  // up --test: applies what Up would, every migration in one transaction with its
  // checks and history row, then rolls it all back: proof that the pending
  // migrations apply to the target's real data, leaving nothing behind. Refuses
  // migrations that cannot run in a transaction, before running anything.
  Result<RunReport> TrialRun(const UpOptions& options);
  Result<RunReport> Down(const DownOptions& options);
  // Checksum mismatches, applied migrations whose file is gone, pending migrations
  // older than the newest applied one, failed or interrupted migrations.
  Result<std::vector<Problem>> Validate();
  // Accepts current checksums and clears failed entries (a failed
  // non-transactional migration with progress becomes resumable).
  Result<RepairReport> Repair();
  // Adopts an existing database: records `version` as applied without running
  // anything; migrations up to it are never applied here. Refuses a non-empty history.
  Status Baseline(const std::string& version, const std::string& description);
  // Records what another tool applied (its history table, peer_history.h) as
  // applied here, in one transaction, so that Up applies only the rest. Records
  // nothing when any record cannot be matched to its file as it is (the report's
  // problems) or for a dry run. Refuses a non-empty history (adopt.cc).
  Result<AdoptReport> Adopt(const AdoptOptions& options);

 private:
  Result<AdoptReport> AdoptInTransaction(const AdoptOptions& options);
  // Up on a database without strata history: a Conflict when another tool's
  // history is there, whose migrations would otherwise be applied a second time.
  // `history_is_empty`: the rows were read and there are none; else the check
  // is made only when the history table does not exist.
  Status NoPeerHistory(bool history_is_empty);
  // The run lock, waiting up to lock_timeout; says who holds it when it must wait.
  Result<std::unique_ptr<driver::RunLock>> TakeRunLock();
  // Seals again every row of `s` that no longer matches its seal, with the
  // checksums of its file when it has one (repair).
  Status Reseal(const Overview& ov, const MigrationStatus& s);
  // One step of an up run: what it runs (phase: nullopt for a plain migration);
  // resume_from: the history row of an interrupted run it continues.
  struct PlannedStep {
    const source::Migration* migration = nullptr;
    std::optional<source::Phase> phase;
    const source::Script* script = nullptr;
    std::optional<HistoryRow> resume_from;
  };
  struct UpPlan {
    std::vector<PlannedStep> steps;
    RunReport report;  // one StepReport per step, statements split
  };
  // What Up would run, in order, every script split; failed work, changed
  // applied files and bad input are refused here, before anything runs.
  Result<UpPlan> PlanUp(const UpOptions& options);

  Status ApplyTransactional(const source::Migration& m, const source::Script& script,
                            const std::string& phase, StepReport& step);
  Status ApplyNonTransactional(const source::Migration& m, const source::Script& script,
                               const std::string& phase, const std::optional<HistoryRow>& resume,
                               StepReport& step);
  // Inside an open transaction: pre checks, the statements, post checks, and the
  // history row (whose INSERT commits the transaction when `then` says so).
  Status RunStepInTransaction(const source::Migration& m, const source::Script& script,
                              const std::string& phase, std::chrono::steady_clock::time_point start,
                              History::Then then, StepReport& step);
  // The checks of `script` that run `when`. A critical one that does not hold is
  // a CheckFailed status; another is a warning, logged and added to step.warnings.
  Status RunChecks(const source::Script& script, source::Check::When when, StepReport& step);
  // After a migration without a transaction ran its statements and then
  // `failure` (a post check) stopped it: undoes it with its rollback script when
  // the failure is a check that did not hold and it has one; else marks its row
  // failed. Returns `failure`, saying which.
  Status UndoAfterFailedCheck(const source::Migration& m, const std::string& phase, int64_t rank,
                              int64_t execution_ms, Status failure);
  // Runs `attempt` again while it fails because a lock was not granted within the
  // lock timeout, or a deadlock or serialization failure (IsTransientConflict),
  // after a growing backoff, up to options_.lock_retries times.
  Status WithLockRetries(const std::string& what, StepReport& step,
                         const std::function<Status()>& attempt);
  // The history row a statement-by-statement run moves on (progress.cc):
  // running for up, reverting for down.
  struct ProgressRow {
    int64_t rank = 0;
    std::string state;
    int64_t statements_done = 0;
  };
  // Runs step.statements from row.statements_done on, each taking effect
  // exactly once with its progress (progress.cc says how). `resumed`: a run
  // stopped at the first of them, whose effect is then unknown.
  Status RunWithProgress(const source::Migration& m, const source::Script& script,
                         const std::string& phase, const ProgressRow& row, bool resumed,
                         StepReport& step);
  Status RunOneWithProgress(const source::Migration& m, const source::Script& script,
                            const std::string& phase, const ProgressRow& row, bool resumed_here,
                            size_t index, StepReport& step);
  // One of the file's BEGIN ... COMMIT blocks, with the progress past it, in one transaction.
  Status RunBlockWithProgress(const source::Migration& m, const source::Script& script,
                              const std::string& phase, const ProgressRow& row,
                              const sql::TransactionUnit& block, StepReport& step);
  // Moves row's progress from `from` to `to` statements done, or a Conflict
  // saying another run did (`what` names the migration, `path` its file).
  Status AdvanceOrConflict(const ProgressRow& row, size_t from, size_t to, const std::string& what,
                           const std::string& path);
  // Before (re)running a CREATE INDEX: drops the INVALID index an earlier failed
  // or killed attempt left, which would otherwise make it fail or stay unusable.
  Status DropIndexLeftInvalid(const sql::StatementInfo& info);
  // Whether a statement that ran outside a transaction took effect (an index
  // built, or gone); false where running it again gives the same result.
  Result<bool> TookEffect(const sql::StatementInfo& info);
  // Refuses a script without a transaction whose effect strata could not tell
  // after a crash: an unnamed CREATE INDEX CONCURRENTLY.
  Status CheckResumable(const source::Script& script,
                        const std::vector<sql::Statement>& statements);
  // Ok while this run still holds its run lock (driver::RunLock::Check).
  Status CheckLock();
  // Statement `index` of `script`, governed by `backfill`: batch by batch (backfill.cc).
  Status RunBackfill(const source::Migration& m, const source::Script& script,
                     const std::string& phase, size_t index, const sql::Statement& stmt,
                     const source::Backfill& backfill, StepReport& step);
  // down: a Conflict when a migration of `applied` that is not `chosen` depends
  // on one that is (down.cc).
  // down --phase: `phase` must be the newest applied phase of the phased migration `s`.
  Status CheckNewestPhase(const MigrationStatus& s, source::Phase phase);
  Status CheckDependents(const std::vector<const MigrationStatus*>& applied,
                         const std::vector<const MigrationStatus*>& chosen);
  // down: warns about each of `chosen` applied without a backup, or more than
  // `max_age_days` ago (0: no age warning).
  void WarnAboutRisks(const std::vector<const MigrationStatus*>& chosen, int max_age_days);
  // Runs `script` (the rollback of `m`, or of its `phase`) and removes the row.
  Status RollBack(const source::Migration& m, const source::Script& script,
                  const std::string& phase, StepReport& step);
  // RollBack of a script without a transaction, or one that stopped midway
  // (`found`, the row, in state reverting): statement by statement with its
  // progress in the row, so that a rerun of down resumes it (progress.cc).
  Status RollBackWithProgress(const source::Migration& m, const source::Script& script,
                              const std::string& phase, const std::optional<HistoryRow>& found,
                              StepReport& step);
  // Splits `script` into step.statements and decides how it runs (step.transaction,
  // step.transactional); refuses, naming file:line, what cannot run where it
  // stands. `by_statement`: one unit per statement whatever the file says (a
  // rollback resumed midway goes on as it started). Where the database's DDL does
  // not roll back (Capabilities::transactional_ddl), every script goes statement
  // by statement too (ChooseByStatement, transaction_choice.h).
  Status PlanScript(const source::Script& script, bool by_statement, StepReport& step);
  // Runs one statement; on failure the Status names file:line:column in `script`.
  Status RunStatement(const source::Script& script, const sql::Statement& stmt);
  HistoryRow NewRow(const source::Migration& m, const std::string& state,
                    sql::TransactionMode mode);
  // The first statement of a transaction that runs a wrapped script or a block
  // whose BEGIN set modes (ISOLATION LEVEL ...): "SET TRANSACTION ...".
  Status SetTransactionModes(const std::string& set_transaction);
  // Acquires the run lock (kept in run_lock_ for the engine's life; a second
  // call keeps the one held) and makes sure the history table exists.
  Status Prepare();
  int64_t LockKey() const;

  driver::Connection& conn_;
  const source::MigrationSet& set_;
  EngineOptions options_;
  Logger& log_;
  History history_;
  std::string applied_by_;
  std::string backup_;                         // what UpOptions::before_apply returned in this run
  std::unique_ptr<driver::RunLock> run_lock_;  // held from Prepare() on
};

}  // namespace strata::engine
