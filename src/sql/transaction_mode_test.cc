#include "sql/transaction_mode.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

using Kind = TransactionUnit::Kind;

TransactionClassification Classify(std::string_view script, Dialect dialect = Dialect::kPostgres,
                                   TransactionRequest request = TransactionRequest::kInfer,
                                   const std::vector<bool>& backfill_at = {}) {
  Result<std::vector<Statement>> split = Split(script, dialect);
  EXPECT_TRUE(split.ok()) << split.status().ToString();
  return ClassifyTransactions(*split, dialect, request, backfill_at);
}

// "statement:kind" for each unit, e.g. "0-3:block 3-4:bare".
std::string Units(const TransactionPlan& plan) {
  std::string out;
  for (const TransactionUnit& u : plan.units) {
    if (!out.empty()) out += ' ';
    out += std::to_string(u.begin) + "-" + std::to_string(u.end) + ":" +
           (u.kind == Kind::kBlock  ? "block"
            : u.kind == Kind::kBare ? "bare"
                                    : "statement");
  }
  return out;
}

TEST(ClassifyTransactions, NoTransactionControlIsOneTransaction) {
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    const TransactionClassification c =
        Classify("create table t (a int); insert into t values (1);", d);
    ASSERT_FALSE(c.refusal);
    EXPECT_EQ(c.plan.mode, TransactionMode::kSingle);
    EXPECT_TRUE(c.plan.units.empty());
  }
}

TEST(ClassifyTransactions, AWrapperAroundTheWholeFileIsAbsorbed) {
  for (std::string_view script :
       {"BEGIN; create table t (a int); COMMIT;", "start transaction; create table t (a int); end;",
        "begin work;\ncreate table t (a int);\ncommit transaction;"}) {
    const TransactionClassification c = Classify(script);
    ASSERT_FALSE(c.refusal) << script;
    EXPECT_EQ(c.plan.mode, TransactionMode::kWrapped) << script;
    EXPECT_TRUE(c.plan.set_transaction.empty()) << script;
  }
  const TransactionClassification sqlite = Classify(
      "BEGIN IMMEDIATE TRANSACTION; create table t (a int); END TRANSACTION;", Dialect::kSqlite);
  ASSERT_FALSE(sqlite.refusal);
  EXPECT_EQ(sqlite.plan.mode, TransactionMode::kWrapped);
  EXPECT_TRUE(sqlite.plan.set_transaction.empty());
}

TEST(ClassifyTransactions, ABeginsModesBecomeSetTransaction) {
  const TransactionClassification c =
      Classify("BEGIN ISOLATION LEVEL SERIALIZABLE; update t set a = 1 where a = 0; COMMIT;");
  ASSERT_FALSE(c.refusal);
  EXPECT_EQ(c.plan.set_transaction, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
}

TEST(ClassifyTransactions, BlocksAndStatementsBetweenThemRunAsWritten) {
  const TransactionClassification c = Classify(
      "BEGIN; create table t (a int); COMMIT;\n"
      "create index concurrently idx_t_a on t (a);\n"
      "insert into t values (1);\n"
      "BEGIN; insert into t values (2); insert into t values (3); COMMIT;");
  ASSERT_FALSE(c.refusal);
  EXPECT_EQ(c.plan.mode, TransactionMode::kOwnBlocks);
  EXPECT_TRUE(c.plan.inferred);
  EXPECT_EQ(Units(c.plan), "0-3:block 3-4:bare 4-5:statement 5-9:block");
}

TEST(ClassifyTransactions, AStatementRefusedInABlockMakesTheFileRunWithoutOne) {
  const TransactionClassification c =
      Classify("alter table t add column b int;\ncreate index concurrently idx_t_b on t (b);");
  ASSERT_FALSE(c.refusal);
  EXPECT_EQ(c.plan.mode, TransactionMode::kNone);
  EXPECT_TRUE(c.plan.inferred);
  EXPECT_EQ(c.plan.cause, size_t{1});
  EXPECT_EQ(Units(c.plan), "0-1:statement 1-2:bare");
  // VACUUM too, on both databases; ANALYZE runs in a transaction.
  EXPECT_EQ(Classify("vacuum t;").plan.mode, TransactionMode::kNone);
  EXPECT_EQ(Classify("vacuum;", Dialect::kSqlite).plan.mode, TransactionMode::kNone);
  EXPECT_EQ(Classify("analyze t;").plan.mode, TransactionMode::kSingle);
  EXPECT_EQ(Classify("create database other;").plan.mode, TransactionMode::kNone);
  // The word in a string or a comment is not the keyword.
  EXPECT_EQ(Classify("insert into t values ('concurrently'); -- concurrently\n").plan.mode,
            TransactionMode::kSingle);
}

TEST(ClassifyTransactions, DirectivesOverrideTheInference) {
  const TransactionClassification none =
      Classify("create table t (a int);", Dialect::kPostgres, TransactionRequest::kNoTransaction);
  EXPECT_EQ(none.plan.mode, TransactionMode::kNone);
  EXPECT_FALSE(none.plan.inferred);
  const TransactionClassification forced =
      Classify("create index concurrently idx_t_a on t (a);", Dialect::kPostgres,
               TransactionRequest::kTransaction);
  EXPECT_EQ(forced.plan.mode, TransactionMode::kSingle);
  EXPECT_FALSE(forced.plan.inferred);
  // A wrapped file asked to run without strata's transaction runs its block as written.
  const TransactionClassification block =
      Classify("begin; create table t (a int); commit;", Dialect::kPostgres,
               TransactionRequest::kNoTransaction);
  EXPECT_EQ(block.plan.mode, TransactionMode::kOwnBlocks);
  EXPECT_FALSE(block.plan.inferred);
  // A backfill's batches commit one by one.
  const TransactionClassification backfill =
      Classify("update t set a = 1 where a is null;", Dialect::kPostgres,
               TransactionRequest::kInfer, {true});
  EXPECT_EQ(backfill.plan.mode, TransactionMode::kNone);
  EXPECT_FALSE(backfill.plan.inferred);
}

TEST(ClassifyTransactions, SavepointsStayInsideTheTransaction) {
  const TransactionClassification c =
      Classify("savepoint a; insert into t values (1); rollback to savepoint a; release a;");
  ASSERT_FALSE(c.refusal);
  EXPECT_EQ(c.plan.mode, TransactionMode::kSingle);
}

// Each refused script, the statement at fault and words of its message.
struct Refused {
  std::string_view script;
  size_t statement;
  std::string_view says;
};

TEST(ClassifyTransactions, RefusesWhatCannotWorkWhereItStands) {
  const Refused cases[] = {
      {"begin; create index concurrently idx_t_a on t (a); commit;", 1, "move it after"},
      {"create table t (a int); rollback;", 1, "would undo"},
      {"begin; insert into t values (1); abort;", 2, "would undo"},
      {"begin; begin; commit;", 1, "opened on statement 1"},
      {"create table t (a int); commit;", 1, "has no BEGIN"},
      {"begin; create table t (a int);", 0, "never committed"},
      {"begin; insert into t values (1); commit and chain; commit;", 2, "AND CHAIN"},
      {"commit prepared 'x';", 0, "two-phase"},
      {"prepare transaction 'x';", 0, "two-phase"},
  };
  for (const Refused& r : cases) {
    const TransactionClassification c = Classify(r.script);
    ASSERT_TRUE(c.refusal) << r.script;
    EXPECT_EQ(c.refusal->statement, r.statement) << r.script;
    EXPECT_NE(c.refusal->message.find(r.says), std::string::npos)
        << r.script << ": " << c.refusal->message;
  }
  const TransactionClassification backfill =
      Classify("begin; update t set a = 1 where a is null; commit;", Dialect::kPostgres,
               TransactionRequest::kInfer, {false, true, false});
  ASSERT_TRUE(backfill.refusal);
  EXPECT_EQ(backfill.refusal->statement, 1u);
  const TransactionClassification forced =
      Classify("begin; create table t (a int); commit; create table u (a int);", Dialect::kPostgres,
               TransactionRequest::kTransaction);
  ASSERT_TRUE(forced.refusal);
  EXPECT_EQ(forced.refusal->statement, 3u);
}

TEST(ClassifyTransactions, ModeNamesRoundTrip) {
  for (TransactionMode m : {TransactionMode::kSingle, TransactionMode::kWrapped,
                            TransactionMode::kOwnBlocks, TransactionMode::kNone}) {
    EXPECT_EQ(ParseTransactionMode(TransactionModeName(m)), m);
  }
  EXPECT_FALSE(ParseTransactionMode("own"));
}

TEST(IsTransactionControl, KnowsEachSpelling) {
  for (std::string_view s : {"BEGIN", "begin transaction", "START TRANSACTION", "COMMIT", "end",
                             "ABORT", "rollback", "rollback work"}) {
    EXPECT_TRUE(IsTransactionControl(s, Dialect::kPostgres)) << s;
  }
  for (std::string_view s : {"rollback to savepoint a", "rollback transaction to a", "savepoint a",
                             "release a", "select 1"}) {
    EXPECT_FALSE(IsTransactionControl(s, Dialect::kPostgres)) << s;
  }
}

}  // namespace
}  // namespace strata::sql
