// The one choice between the engine's two ways of running a script: the
// transactional path (the whole script and its history row in one transaction,
// Engine::ApplyTransactional) and the per-statement path (a `running` row
// committed first, then each statement with its progress, engine/progress.cc),
// which is what a `-- strata:no-transaction` script gets.
//
// The script's statements decide first (sql::ClassifyTransactions); this says
// when a script they would let run in one transaction must still go statement
// by statement. Pure; no connection.
#pragma once

#include <string_view>

#include "driver/driver.h"
#include "sql/transaction_mode.h"

namespace strata::engine {

// Why a script runs statement by statement although its statements would run
// in one transaction.
enum class ByStatement {
  kNo,  // it runs as classified
  // A run that stopped midway (resumed, or rolled back midway) goes on as it
  // started: one transaction cannot hold statements some of which took effect.
  kStoppedMidway,
  // The database's DDL does not roll back with its transaction
  // (Capabilities::transactional_ddl false: MySQL commits before and after each
  // DDL statement). One transaction would promise an undo it cannot give; with
  // progress after each statement, a failure or a kill resumes after the last
  // statement that took effect.
  kDdlNotTransactional,
};

// `classified`: how the script's statements would run (ClassifyTransactions'
// mode); `stopped_midway`: the run resumes or rolls back one that stopped
// midway. A script that already runs unit by unit (kOwnBlocks, kNone) stays so.
ByStatement ChooseByStatement(sql::TransactionMode classified, bool stopped_midway,
                              const driver::Capabilities& capabilities);

// The reason shown by plan and dry runs (after "no transaction: "); "" for kNo.
std::string_view ByStatementReason(ByStatement why);

}  // namespace strata::engine
