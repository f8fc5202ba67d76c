// How a script runs with respect to transactions (sql/transaction_mode.h), on
// the statements the splitter cuts from any text: a refusal names a statement
// that exists; otherwise every statement is in exactly one unit, in order, a
// block starts at a BEGIN and ends at a COMMIT, and a wrapped script is one
// BEGIN ... COMMIT around everything. Each request (infer, none, one
// transaction) and a backfill on every third statement are tried.
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "sql/statement.h"
#include "sql/transaction_mode.h"

namespace {

using namespace strata;
using sql::TransactionMode;
using sql::TransactionUnit;

void CheckPlan(const std::vector<sql::Statement>& statements, Dialect dialect,
               const sql::TransactionClassification& c) {
  if (c.refusal) {
    fuzz::Expect(c.refusal->statement < statements.size(), "a refusal names a statement");
    fuzz::Expect(!c.refusal->message.empty(), "a refusal says why");
    return;
  }
  const sql::TransactionPlan& plan = c.plan;
  if (plan.mode == TransactionMode::kWrapped) {
    fuzz::Expect(statements.size() >= 2, "a wrapper has a BEGIN and a COMMIT");
    fuzz::Expect(sql::IsTransactionControl(statements.front().text, dialect) &&
                     sql::IsTransactionControl(statements.back().text, dialect),
                 "a wrapped script starts and ends with transaction control");
  }
  if (sql::RunsInOneTransaction(plan.mode)) {
    fuzz::Expect(plan.units.empty(), "one transaction has no units");
    return;
  }
  size_t next = 0;
  for (const TransactionUnit& u : plan.units) {
    fuzz::Expect(u.begin == next && u.end > u.begin, "units cover the statements in order");
    if (u.kind == TransactionUnit::Kind::kBlock) {
      fuzz::Expect(u.end - u.begin >= 2, "a block holds its BEGIN and COMMIT");
      fuzz::Expect(sql::IsTransactionControl(statements[u.begin].text, dialect) &&
                       sql::IsTransactionControl(statements[u.end - 1].text, dialect),
                   "a block starts and ends with transaction control");
    } else {
      fuzz::Expect(u.end == u.begin + 1, "a unit outside a block is one statement");
      fuzz::Expect(!sql::IsTransactionControl(statements[u.begin].text, dialect),
                   "no transaction control outside a block");
    }
    next = u.end;
  }
  fuzz::Expect(next == statements.size(), "every statement is in a unit");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(fuzz::AsText(data, size));
  for (Dialect dialect : {Dialect::kPostgres, Dialect::kSqlite}) {
    Result<std::vector<sql::Statement>> statements = sql::Split(text, dialect);
    if (!statements.ok()) continue;
    std::vector<bool> backfills(statements->size());
    for (size_t i = 0; i < backfills.size(); ++i) backfills[i] = i % 3 == 2;
    for (sql::TransactionRequest request :
         {sql::TransactionRequest::kInfer, sql::TransactionRequest::kNoTransaction,
          sql::TransactionRequest::kTransaction}) {
      CheckPlan(*statements, dialect, sql::ClassifyTransactions(*statements, dialect, request, {}));
      CheckPlan(*statements, dialect,
                sql::ClassifyTransactions(*statements, dialect, request, backfills));
    }
  }
  return 0;
}
