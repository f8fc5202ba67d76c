#include "engine/engine.h"

#include <algorithm>
#include <functional>

#include "base/strings.h"
#include "engine/backfill.h"
#include "engine/transaction_choice.h"
#include "sql/lint/linter.h"

namespace strata::engine {

Engine::Engine(driver::Connection& conn, const source::MigrationSet& set, EngineOptions options,
               Logger& log)
    : conn_(conn), set_(set), options_(std::move(options)), log_(log), history_(conn_, options_) {}

Result<std::vector<HistoryRow>> Engine::LoadHistory() { return history_.Load(); }

Result<Overview> Engine::ReadOverview(History::Columns columns) {
  STRATA_ASSIGN_OR_RETURN(std::vector<HistoryRow> rows, history_.Load(columns));
  Overview ov = Reconcile(set_, std::move(rows));
  // A migration left "running" is being applied now if another run holds the
  // lock (this engine holds none: it would be this run's own); else its run died.
  if (run_lock_ == nullptr &&
      std::any_of(ov.items.begin(), ov.items.end(),
                  [](const MigrationStatus& s) { return s.state == State::kInterrupted; })) {
    STRATA_ASSIGN_OR_RETURN(bool held, conn_.RunLockHeld(LockKey()));
    for (MigrationStatus& s : ov.items) {
      if (held && s.state == State::kInterrupted) s.state = State::kRunningNow;
    }
  }
  // kStatus leaves out the semantic checksums, which only tell a formatting edit
  // from a real change: when a file's bytes changed, read every column after all.
  if (columns != History::Columns::kAll &&
      std::any_of(ov.items.begin(), ov.items.end(),
                  [](const MigrationStatus& s) { return s.content_changed; })) {
    return ReadOverview(History::Columns::kAll);
  }
  return ov;
}

int64_t Engine::LockKey() const {
  // One lock per history table: runs on different streams of one table serialize,
  // which keeps the rank computation simple. FNV-1a, stable across builds.
  uint64_t h = 1469598103934665603ULL;
  for (char c : "strata:" + options_.history_schema + "." + options_.history_table) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return static_cast<int64_t>(h >> 1);
}

Result<std::unique_ptr<driver::RunLock>> Engine::TakeRunLock() {
  auto on_wait = [this](const std::string& holder) {
    log_.Info("waiting for the migration lock on " + conn_.DisplayTarget() + ", held by " +
              (holder.empty() ? std::string("another strata run") : holder) + "; giving up after " +
              std::to_string(
                  std::chrono::duration_cast<std::chrono::seconds>(options_.lock_timeout).count()) +
              " s (lock_timeout)");
  };
  return conn_.AcquireRunLock(LockKey(), options_.lock_timeout, on_wait);
}

Status Engine::Prepare() {
  if (run_lock_ == nullptr) {
    STRATA_ASSIGN_OR_RETURN(run_lock_, TakeRunLock());
  }
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  Status st = history_.Ensure();
  if (st.ok()) st = conn_.Commit();
  if (!st.ok()) {
    (void)conn_.Rollback();
    return std::move(st).Prefixed("cannot prepare the history table: ");
  }
  STRATA_ASSIGN_OR_RETURN(applied_by_, conn_.SessionUser());
  if (options_.ddl_lock_timeout.count() > 0) {
    STRATA_RETURN_IF_ERROR(conn_.SetLockTimeout(options_.ddl_lock_timeout));
  }
  return Status::Ok();
}

namespace {

// Where statement `s` of `script` starts, for messages.
source::Script::Place StatementAt(const source::Script& script, const sql::Statement& s) {
  return script.Locate(s.offset);
}

sql::TransactionRequest RequestOf(const source::Script& script) {
  if (script.no_transaction) return sql::TransactionRequest::kNoTransaction;
  if (script.force_transaction) return sql::TransactionRequest::kTransaction;
  return sql::TransactionRequest::kInfer;
}

// Why the script runs as it does, for plan and up --dry-run; empty for the
// common case (one transaction, nothing said).
std::string ReasonFor(const source::Script& script, const std::vector<sql::Statement>& statements,
                      const sql::TransactionPlan& plan) {
  size_t blocks = 0;
  for (const sql::TransactionUnit& u : plan.units) {
    if (u.kind == sql::TransactionUnit::Kind::kBlock) ++blocks;
  }
  switch (plan.mode) {
    case sql::TransactionMode::kSingle:
      return plan.inferred ? "" : "-- strata:transaction";
    case sql::TransactionMode::kWrapped:
      return "the file's BEGIN ... COMMIT around it, run as strata's own transaction";
    case sql::TransactionMode::kOwnBlocks:
      return std::string(plan.inferred ? "" : "-- strata:no-transaction: ") +
             "the file's own transactions as written: " + std::to_string(blocks) +
             " BEGIN ... COMMIT block(s) and " + std::to_string(plan.units.size() - blocks) +
             " statement(s) outside them, progress recorded after each";
    case sql::TransactionMode::kNone:
      if (!plan.inferred) {
        return script.no_transaction ? "-- strata:no-transaction"
                                     : "a backfill, whose batches commit one by one";
      }
      if (plan.cause) {
        const sql::Statement& s = statements[*plan.cause];
        return "'" + Excerpt(s.text, 40) + "' (line " +
               std::to_string(StatementAt(script, s).line) +
               ") cannot run in a transaction block; each statement commits with its progress";
      }
      return "";
  }
  return "";
}

}  // namespace

Status Engine::PlanScript(const source::Script& script, bool by_statement, StepReport& step) {
  Result<std::vector<sql::Statement>> split = sql::Split(script.sql, conn_.dialect());
  if (!split.ok()) return split.take_status().WithFile(script.path);
  std::vector<sql::Statement>& statements = *split;
  STRATA_RETURN_IF_ERROR(CheckBackfills(script, statements, conn_.dialect()));
  // A misspelled rule id in a lint-ignore silences nothing; refused whether or
  // not this run lints, as a misspelled directive is.
  const std::vector<sql::lint::UnknownSuppression> unknown =
      sql::lint::UnknownSuppressions(script.sql, conn_.dialect());
  if (!unknown.empty()) {
    const source::Script::Place at = script.Locate(unknown.front().offset);
    return Status::InvalidInput("-- strata:lint-ignore: " + unknown.front().message)
        .WithFile(std::string(at.path))
        .WithLocation(at.line, at.column);
  }
  std::vector<bool> backfill_at(statements.size(), false);
  for (size_t i = 0; i < statements.size(); ++i) {
    const size_t previous_end =
        i == 0 ? 0 : statements[i - 1].offset + statements[i - 1].text.size();
    backfill_at[i] = script.BackfillBefore(statements[i].offset, previous_end) != nullptr;
  }
  sql::TransactionClassification c = sql::ClassifyTransactions(
      statements, conn_.dialect(), RequestOf(script), backfill_at,
      [&](size_t i) { return "line " + std::to_string(StatementAt(script, statements[i]).line); });
  if (c.refusal) {
    const source::Script::Place at = StatementAt(script, statements[c.refusal->statement]);
    return Status::InvalidInput(c.refusal->message)
        .WithFile(std::string(at.path))
        .WithLocation(at.line, at.column);
  }
  step.transaction = std::move(c.plan);
  sql::TransactionPlan& plan = step.transaction;
  step.transaction_reason = ReasonFor(script, statements, plan);
  if (plan.mode == sql::TransactionMode::kWrapped) {
    // The wrapper is strata's own transaction: its BEGIN and COMMIT do not run.
    statements.pop_back();
    statements.erase(statements.begin());
  }
  if (const ByStatement why = ChooseByStatement(plan.mode, by_statement, conn_.capabilities());
      why != ByStatement::kNo) {
    plan.mode = sql::TransactionMode::kNone;
    step.transaction_reason = std::string(ByStatementReason(why));
    plan.units = sql::OneUnitPerStatement(statements.size());
  }
  step.transactional = sql::RunsInOneTransaction(plan.mode);
  step.statements = std::move(statements);
  if (!step.transactional) STRATA_RETURN_IF_ERROR(CheckResumable(script, step.statements));
  return Status::Ok();
}

std::string TransactionNote(sql::TransactionMode mode, const std::string& reason) {
  switch (mode) {
    case sql::TransactionMode::kSingle:
    case sql::TransactionMode::kWrapped:
      return reason.empty() ? "" : "one transaction (" + reason + ")";
    case sql::TransactionMode::kOwnBlocks:
      return reason;
    case sql::TransactionMode::kNone:
      return "no transaction" + (reason.empty() ? "" : ": " + reason);
  }
  return reason;
}

Status Engine::SetTransactionModes(const std::string& set_transaction) {
  if (set_transaction.empty()) return Status::Ok();
  return conn_.Execute(set_transaction);
}

Status Engine::RunStatement(const source::Script& script, const sql::Statement& stmt) {
  Status st = conn_.Execute(stmt.text);
  if (st.ok()) return st;
  // Map the statement-local position (if the database gave one) into the file.
  const LineColumn start = LocateOffset(script.sql, stmt.offset);
  const ErrorContext& ctx = st.context();
  int line = start.line;  // of script.sql
  int column = start.column;
  if (ctx.line > 0) {
    line += ctx.line - 1;
    column = ctx.line == 1 ? start.column + ctx.column - 1 : ctx.column;
  }
  const source::Script::Place at = script.LocateLine(line);  // a file included with \i, maybe
  return std::move(st.WithFile(std::string(at.path)))
      .WithLocation(at.line, column)
      .WithStatement(Excerpt(stmt.text));
}

HistoryRow Engine::NewRow(const source::Migration& m, const std::string& state,
                          sql::TransactionMode mode) {
  HistoryRow row;
  row.stream = options_.stream;
  if (!m.is_repeatable()) row.version = m.id;
  row.description = m.description;
  row.kind = m.is_repeatable() ? kKindRepeatable : kKindVersioned;
  row.category = m.category;
  row.script = m.up.path;
  row.checksum_content = m.checksums.content();
  row.checksum_semantic = m.checksums.semantic();
  row.schema_version = m.meta.schema_version;
  row.applied_by = applied_by_;
  row.applied_at = UtcNow();
  row.success = state == kStateApplied;
  row.state = state;
  row.transactional = sql::RunsInOneTransaction(mode);
  row.transaction_mode = sql::TransactionModeName(mode);
  row.tool_version = options_.tool_version;
  row.backup = backup_;
  row.header_id = m.meta.template_id;
  row.header_database = m.meta.database;
  row.header_created = m.meta.created;
  row.header_depends = Join(m.meta.depends, ", ");
  return row;
}

}  // namespace strata::engine
