// How a migration file runs with respect to transactions, inferred from the
// transaction control it holds (BEGIN, COMMIT, ...) and from statements the
// database refuses inside a transaction block, as a team's earlier tool ran it:
// golang-migrate, sqitch and psql open no transaction for a file, so files
// written for them carry their own BEGIN ... COMMIT.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "sql/statement.h"

namespace strata::sql {

enum class TransactionMode {
  kSingle,     // no transaction control: one transaction, with the history row
  kWrapped,    // one BEGIN ... COMMIT around the whole file: the same, the wrapper absorbed
  kOwnBlocks,  // the file's own transactions as written, progress after each unit
  kNone,       // no transaction: statement by statement, progress after each
};
// The word stored in the history and shown by plan: "single", "wrapped", "blocks", "none".
const char* TransactionModeName(TransactionMode mode);
std::optional<TransactionMode> ParseTransactionMode(std::string_view name);
// Whether the whole script runs in one transaction with its history row.
inline bool RunsInOneTransaction(TransactionMode mode) {
  return mode == TransactionMode::kSingle || mode == TransactionMode::kWrapped;
}

// What the file's directives ask for.
enum class TransactionRequest {
  kInfer,          // nothing said
  kNoTransaction,  // -- strata:no-transaction (or dbmate's transaction:false)
  kTransaction,    // -- strata:transaction
};

// Statements that commit together, outside any transaction strata opens for
// the whole script: [begin, end) indexes the script's statements.
struct TransactionUnit {
  enum class Kind {
    kStatement,  // one statement, in a transaction with its progress
    kBare,       // one statement the database refuses in a transaction block
    kBlock,      // the file's BEGIN (at begin) ... COMMIT (at end - 1)
  };
  Kind kind = Kind::kStatement;
  size_t begin = 0;
  size_t end = 0;
  // kBlock: "SET TRANSACTION <modes>" for a PostgreSQL BEGIN that sets modes
  // (ISOLATION LEVEL ...), run first in the unit's transaction; else empty.
  std::string set_transaction;
};

struct TransactionPlan {
  TransactionMode mode = TransactionMode::kSingle;
  bool inferred = true;  // false when a directive (or a backfill) decided
  // The statement that decided an inferred kNone: the first the database
  // refuses in a transaction block.
  std::optional<size_t> cause;
  // kWrapped: the wrapper's "SET TRANSACTION <modes>", as for a unit.
  std::string set_transaction;
  // kOwnBlocks and kNone: every statement in exactly one unit, in order.
  std::vector<TransactionUnit> units;
};

// `count` units of one statement each, for a script run statement by statement
// whatever it says (one resumed or rolled back midway). The engine tells a
// statement that must run bare by asking the database (Describe) as it runs it.
std::vector<TransactionUnit> OneUnitPerStatement(size_t count);

// A script strata will not run as written: `statement` indexes the statement at fault.
struct TransactionRefusal {
  size_t statement = 0;
  std::string message;  // says what is wrong and the fix
};

struct TransactionClassification {
  TransactionPlan plan;
  std::optional<TransactionRefusal> refusal;
};

// `backfill_at(i)`: statement i carries a -- strata:backfill directive (its
// batches commit one by one, so the script cannot be one transaction).
// `where(i)` names statement i in messages ("line 12"); default "statement i+1".
// Examples (PostgreSQL):
//   "create table t (a int); insert into t values (1)"       -> kSingle
//   "begin; create table t (a int); commit"                   -> kWrapped
//   "begin; create table t (a int); commit; create index concurrently i on t (a)"
//                                                             -> kOwnBlocks, 2 units
//   "create index concurrently i on t (a)"                    -> kNone (inferred)
//   "begin; create index concurrently i on t (a); commit"     -> refused at statement 1
TransactionClassification ClassifyTransactions(
    const std::vector<Statement>& statements, Dialect dialect, TransactionRequest request,
    const std::vector<bool>& backfill_at, const std::function<std::string(size_t)>& where = {});

}  // namespace strata::sql
