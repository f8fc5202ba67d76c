// Migrations and rollbacks that do not run in one transaction, statement by
// statement, so that each statement takes effect exactly once whatever stops the
// run (kill -9, a server crash, a lost connection or lock):
//
// - A statement that can run in a transaction runs in one together with the
//   history row's progress, which it first moves on from the count it expects
//   (History::AdvanceProgress). Both commit, or neither: a rerun resumes after
//   the last statement committed, never repeating or skipping one.
// - A statement the database refuses in a transaction (CREATE INDEX
//   CONCURRENTLY, VACUUM, ...) runs bare, and its progress is recorded after
//   it. When a run resumes at such a statement, whether it took effect is
//   unknown, so the database is asked (TookEffect): an index that exists and is
//   valid was built, one that is gone was dropped. An INVALID index a failed or
//   killed build left behind is dropped before the statement runs again.
// - A batched backfill records its own progress batch by batch (backfill.cc).
// - A file that manages its own transactions runs each of its BEGIN ... COMMIT
//   blocks as one unit: the block's statements and the progress past its COMMIT
//   commit together (sql/transaction_mode.h says how a file is cut in units).
#include <algorithm>

#include "base/interrupt.h"
#include "base/strings.h"
#include "engine/engine.h"
#include "engine/retry.h"

namespace strata::engine {

Status Engine::CheckLock() {
  if (Interrupted()) {
    return StoppedByInterrupt(Status::Database("before the next statement"));
  }
  if (run_lock_ == nullptr) return Status::Ok();
  return run_lock_->Check();
}

Status Engine::DropIndexLeftInvalid(const sql::StatementInfo& info) {
  if (info.kind != sql::DescribedKind::kCreateIndex || info.index_name.empty()) {
    return Status::Ok();
  }
  STRATA_ASSIGN_OR_RETURN(bool dropped,
                          conn_.DropIndexIfInvalid(info.index_schema, info.index_name));
  if (dropped) {
    log_.Warn("index " + info.index_name +
              " was left INVALID by a failed or killed attempt; dropped it and building it again");
  }
  return Status::Ok();
}

Result<bool> Engine::TookEffect(const sql::StatementInfo& info) {
  if (info.index_name.empty()) return false;
  if (info.kind == sql::DescribedKind::kCreateIndex) {
    STRATA_ASSIGN_OR_RETURN(driver::IndexState state,
                            conn_.FindIndex(info.index_schema, info.index_name));
    return state == driver::IndexState::kValid;
  }
  if (info.kind == sql::DescribedKind::kDropIndex) {
    STRATA_ASSIGN_OR_RETURN(driver::IndexState state,
                            conn_.FindIndex(info.index_schema, info.index_name));
    return state == driver::IndexState::kAbsent;
  }
  // Every other statement that runs bare (VACUUM, REINDEX, CLUSTER, ALTER
  // SYSTEM, ...) gives the same result when run again.
  return false;
}

Status Engine::RunWithProgress(const source::Migration& m, const source::Script& script,
                               const std::string& phase, const ProgressRow& row, bool resumed,
                               StepReport& step) {
  // A script planned as one transaction but resumed goes statement by statement.
  const std::vector<sql::TransactionUnit> units =
      step.transaction.units.empty() ? sql::OneUnitPerStatement(step.statements.size())
                                     : step.transaction.units;
  const auto first = static_cast<size_t>(row.statements_done);
  auto unit = std::find_if(units.begin(), units.end(),
                           [&](const sql::TransactionUnit& u) { return u.begin >= first; });
  if (unit != units.end() && unit->begin != first) {
    // Progress is recorded only past a whole block, so this is a hand edit.
    return Status::Conflict("the history says " + std::to_string(first) + " statement(s) of " +
                            m.id +
                            " are done, which falls inside one of its BEGIN ... COMMIT "
                            "blocks; correct statements_done to where a block starts")
        .WithFile(script.path);
  }
  for (; unit != units.end(); ++unit) {
    Status st = unit->kind == sql::TransactionUnit::Kind::kBlock
                    ? RunBlockWithProgress(m, script, phase, row, *unit, step)
                    : RunOneWithProgress(m, script, phase, row, resumed && unit->begin == first,
                                         unit->begin, step);
    if (!st.ok()) {
      return std::move(st).Prefixed(
          "at statement " + std::to_string(unit->begin + 1) +
          (unit->end - unit->begin > 1 ? "-" + std::to_string(unit->end) : "") + " of " +
          std::to_string(step.statements.size()) + ": ");
    }
  }
  return Status::Ok();
}

Status Engine::AdvanceOrConflict(const ProgressRow& row, size_t from, size_t to,
                                 const std::string& what, const std::string& path) {
  STRATA_ASSIGN_OR_RETURN(bool moved,
                          history_.AdvanceProgress(row.rank, row.state, static_cast<int64_t>(from),
                                                   static_cast<int64_t>(to)));
  if (moved) return Status::Ok();
  return Status::Conflict("another run moved " + what + " past statement " +
                          std::to_string(from + 1) +
                          " meanwhile; stopped so as not to run it twice")
      .WithFile(path);
}

Status Engine::RunBlockWithProgress(const source::Migration& m, const source::Script& script,
                                    const std::string& phase, const ProgressRow& row,
                                    const sql::TransactionUnit& block, StepReport& step) {
  const std::string what = m.id + (phase.empty() ? "" : " (" + phase + " phase)");
  STRATA_RETURN_IF_ERROR(CheckLock());
  const std::string label = "migration " + what + " statements " + std::to_string(block.begin + 1) +
                            "-" + std::to_string(block.end);
  // The file's BEGIN and COMMIT are strata's own here: the block's statements
  // and the progress past it commit together, or none of them.
  return WithLockRetries(label, step, [&]() -> Status {
    STRATA_RETURN_IF_ERROR(conn_.Begin());
    Status st = SetTransactionModes(block.set_transaction);
    if (st.ok()) st = AdvanceOrConflict(row, block.begin, block.end, what, script.path);
    for (size_t i = block.begin + 1; st.ok() && i + 1 < block.end; ++i) {
      st = RunStatement(script, step.statements[i]);
    }
    if (st.ok()) st = conn_.Commit();
    if (!st.ok()) (void)conn_.Rollback();
    return st;
  });
}

Status Engine::RunOneWithProgress(const source::Migration& m, const source::Script& script,
                                  const std::string& phase, const ProgressRow& row,
                                  bool resumed_here, size_t i, StepReport& step) {
  const std::string what = m.id + (phase.empty() ? "" : " (" + phase + " phase)");
  const sql::Statement& stmt = step.statements[i];
  const size_t previous_end =
      i == 0 ? 0 : step.statements[i - 1].offset + step.statements[i - 1].text.size();
  const source::Backfill* backfill = script.BackfillBefore(stmt.offset, previous_end);
  STRATA_RETURN_IF_ERROR(CheckLock());
  // Moves the progress on, or says that another run did.
  auto advance = [&]() { return AdvanceOrConflict(row, i, i + 1, what, script.path); };
  const std::string label = "migration " + what + " statement " + std::to_string(i + 1);
  if (backfill != nullptr) {
    STRATA_RETURN_IF_ERROR(RunBackfill(m, script, phase, i, stmt, *backfill, step));
    return advance();
  }
  const sql::StatementInfo info = sql::Describe(stmt.text, conn_.dialect());
  if (!info.outside_transaction) {
    return WithLockRetries(label, step, [&]() -> Status {
      STRATA_RETURN_IF_ERROR(conn_.Begin());
      Status st = advance();
      if (st.ok()) st = RunStatement(script, stmt);
      if (st.ok()) st = conn_.Commit();
      if (!st.ok()) (void)conn_.Rollback();
      return st;
    });
  }
  // Bare. Its effect is unknown when a run stopped at it, or after an attempt of
  // this run failed (a lock timeout).
  bool uncertain = resumed_here;
  STRATA_RETURN_IF_ERROR(WithLockRetries(label, step, [&]() -> Status {
    STRATA_RETURN_IF_ERROR(DropIndexLeftInvalid(info));
    if (uncertain) {
      STRATA_ASSIGN_OR_RETURN(bool took_effect, TookEffect(info));
      if (took_effect) {
        log_.Info(label + " had taken effect before the run stopped; not running it again");
        return Status::Ok();
      }
    }
    uncertain = true;
    return RunStatement(script, stmt);
  }));
  return advance();
}

Status Engine::CheckResumable(const source::Script& script,
                              const std::vector<sql::Statement>& statements) {
  for (const sql::Statement& stmt : statements) {
    const sql::StatementInfo info = sql::Describe(stmt.text, conn_.dialect());
    if (info.kind != sql::DescribedKind::kCreateIndex || !info.outside_transaction ||
        !info.index_name.empty()) {
      continue;
    }
    const source::Script::Place at = script.Locate(stmt.offset);
    return Status::InvalidInput("'" + Excerpt(stmt.text, 40) +
                                "': name the index, so that after a crash strata can tell "
                                "whether it was built (an unnamed one would be built twice)")
        .WithFile(std::string(at.path))
        .WithLocation(at.line, at.column);
  }
  return Status::Ok();
}

}  // namespace strata::engine
