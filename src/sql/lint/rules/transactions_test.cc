// Cases for the transaction rules: mixed-ddl-and-data, missing-rollback,
// transaction-control, update-duplicate-column.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

bool Mentions(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

TEST(MixedDdlAndData, FiresOnADataChangeAfterDdl) {
  const std::string script =
      "ALTER TABLE users ADD COLUMN plan text;\n"
      "UPDATE users SET plan = 'free' WHERE plan IS NULL;";
  auto f = LintWith(MakeMixedDdlAndData(), script);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "mixed-ddl-and-data");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].offset, script.find("UPDATE"));
  EXPECT_EQ(f[0].lock.mode, "ROW EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
}

TEST(MixedDdlAndData, FiresOnDdlAfterADataChange) {
  const std::string script =
      "DELETE FROM sessions WHERE expired;\n"
      "CREATE INDEX idx_sessions_user ON sessions (user_id);";
  auto f = LintWith(MakeMixedDdlAndData(), script);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].offset, script.find("CREATE"));
  EXPECT_EQ(f[0].lock.mode, "SHARE");
  EXPECT_TRUE(Mentions(f[0], "SHARE lock on sessions")) << f[0].message;
  auto drop = LintWith(MakeMixedDdlAndData(),
                       "DELETE FROM sessions WHERE expired; DROP INDEX idx_sessions_user;");
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].lock.mode, "ACCESS EXCLUSIVE");
}

TEST(MixedDdlAndData, StillReportedInARollback) {
  ScriptOptions rollback;
  rollback.rollback = true;
  EXPECT_EQ(
      LintWith(MakeMixedDdlAndData(),
               "UPDATE users SET plan = NULL WHERE id > 0; ALTER TABLE users DROP COLUMN plan;",
               rollback)
          .size(),
      1u);
}

TEST(MixedDdlAndData, QuietForDdlOrDataAloneNewTablesAndNoTransaction) {
  EXPECT_TRUE(LintWith(MakeMixedDdlAndData(),
                       "ALTER TABLE users ADD COLUMN a int; CREATE INDEX idx_a ON users (a);")
                  .empty());
  EXPECT_TRUE(LintWith(MakeMixedDdlAndData(),
                       "UPDATE users SET a = 1 WHERE id = 1; DELETE FROM users WHERE id = 2;")
                  .empty());
  // Building and filling a new table: nobody else sees it yet.
  EXPECT_TRUE(LintWith(MakeMixedDdlAndData(),
                       "CREATE TABLE plans (id int, name text);\n"
                       "INSERT INTO plans VALUES (1, 'free');\n"
                       "UPDATE plans SET name = 'basic' WHERE id = 1;\n"
                       "CREATE INDEX idx_plans_name ON plans (name);")
                  .empty());
  // An INSERT after DDL adds rows without rewriting existing ones.
  EXPECT_TRUE(
      LintWith(MakeMixedDdlAndData(),
               "ALTER TABLE plans ADD COLUMN tier int; INSERT INTO plans VALUES (2, 'pro', 1);")
          .empty());
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  EXPECT_TRUE(LintWith(MakeMixedDdlAndData(),
                       "ALTER TABLE users ADD COLUMN a int; UPDATE users SET a = 1 WHERE id < 9;",
                       no_transaction)
                  .empty());
}

TEST(MissingRollback, FiresOnceForAWholeMigrationWithoutOne) {
  ScriptOptions none;
  none.has_rollback = false;
  auto f = LintWith(MakeMissingRollback(), "ALTER TABLE users ADD COLUMN a int;", none);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "missing-rollback");
  EXPECT_EQ(f[0].offset, 0u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_TRUE(f[0].lock.empty());
  EXPECT_EQ(LintWith(MakeMissingRollback(), "CREATE TABLE t (id INTEGER);", none, Dialect::kSqlite)
                .size(),
            1u);
}

TEST(MissingRollback, QuietWithARollbackForALoneFileAndInARollback) {
  EXPECT_TRUE(LintWith(MakeMissingRollback(), "ALTER TABLE users ADD COLUMN a int;").empty());
  ScriptOptions lone;
  lone.has_rollback = false;
  lone.whole_migration = false;
  EXPECT_TRUE(LintWith(MakeMissingRollback(), "ALTER TABLE users ADD COLUMN a int;", lone).empty());
  ScriptOptions rollback;
  rollback.has_rollback = false;
  rollback.rollback = true;
  EXPECT_TRUE(
      LintWith(MakeMissingRollback(), "ALTER TABLE users DROP COLUMN a;", rollback).empty());
}

TEST(MissingRollback, SuppressedForTheWholeFile) {
  ScriptOptions none;
  none.has_rollback = false;
  EXPECT_TRUE(LintWith(MakeMissingRollback(),
                       "-- strata:lint-ignore-file missing-rollback one-way data import\n"
                       "ALTER TABLE users ADD COLUMN a int;",
                       none)
                  .empty());
}

TEST(TransactionControl, QuietForFilesThatBringTheirOwnTransactions) {
  for (const char* sql :
       {"BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;",
        "START TRANSACTION; UPDATE t SET a = 1 WHERE a = 0; END;",
        "BEGIN; CREATE TABLE t (a int); COMMIT; CREATE INDEX CONCURRENTLY i ON t (a); BEGIN; "
        "INSERT INTO t VALUES (1); COMMIT;",
        "SAVEPOINT a; ALTER TABLE users ADD COLUMN a int; ROLLBACK TO SAVEPOINT a; RELEASE "
        "SAVEPOINT a;"}) {
    EXPECT_TRUE(LintWith(MakeTransactionControl(), sql).empty()) << sql;
  }
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  EXPECT_TRUE(
      LintWith(MakeTransactionControl(), "BEGIN; UPDATE t SET a = 1; COMMIT;", no_transaction)
          .empty());
}

TEST(TransactionControl, FiresWhereStrataRefusesTheFile) {
  const std::string script = "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nROLLBACK;";
  auto f = LintWith(MakeTransactionControl(), script);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "transaction-control");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, script.find("ROLLBACK"));
  EXPECT_TRUE(Mentions(f[0], "would undo")) << f[0].message;
  // One finding per file: the first thing that stops it.
  for (const char* sql :
       {"ROLLBACK;", "ABORT;", "COMMIT;", "BEGIN; BEGIN; COMMIT;",
        "BEGIN; UPDATE t SET a = 1 WHERE a = 0;", "COMMIT AND CHAIN;", "PREPARE TRANSACTION 'x';",
        "BEGIN; CREATE INDEX CONCURRENTLY i ON t (a); COMMIT;"}) {
    EXPECT_EQ(LintWith(MakeTransactionControl(), sql).size(), 1u) << sql;
  }
  ScriptOptions forced;
  forced.force_transaction = true;
  EXPECT_EQ(LintWith(MakeTransactionControl(),
                     "BEGIN; CREATE TABLE t (a int); COMMIT; CREATE TABLE u (a int);", forced)
                .size(),
            1u);
}

TEST(TransactionControl, AppliesToSqlite) {
  EXPECT_TRUE(LintWith(MakeTransactionControl(),
                       "BEGIN TRANSACTION; CREATE TABLE t (id INTEGER); END TRANSACTION;", {},
                       Dialect::kSqlite)
                  .empty());
  auto f = LintWith(MakeTransactionControl(), "BEGIN; CREATE TABLE t (id INTEGER); VACUUM; END;",
                    {}, Dialect::kSqlite);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "cannot run inside a transaction block")) << f[0].message;
  EXPECT_TRUE(LintWith(MakeTransactionControl(),
                       "SAVEPOINT a; CREATE TABLE t (id INTEGER);\nROLLBACK\nTO a; RELEASE a;", {},
                       Dialect::kSqlite)
                  .empty());
}

TEST(UpdateDuplicateColumn, FiresAtTheSecondAssignment) {
  const std::string sql = "UPDATE users SET plan = 'free', name = 'x', plan = 'pro' WHERE id = 1;";
  auto f = LintWith(MakeUpdateDuplicateColumn(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "update-duplicate-column");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.rfind("plan"));
  EXPECT_TRUE(Mentions(f[0], "column plan of users")) << f[0].message;
  EXPECT_TRUE(Mentions(f[0], "multiple assignments to same column"));
}

TEST(UpdateDuplicateColumn, CountsEveryFormOfAssignment) {
  // A column in a row assignment, then alone; a third assignment is not reported again.
  const std::string sql = "UPDATE t SET (a, b) = (1, 2), c = 3, b = 4, b = 5;";
  auto f = LintWith(MakeUpdateDuplicateColumn(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].offset, sql.find("b = 4"));
  // A whole-column assignment next to one of its elements collides too, in either order.
  for (const std::string both :
       {"UPDATE t SET a = '{}', a[1] = 2;", "UPDATE t SET a[1] = 2, a = '{}';",
        "UPDATE t SET \"A\" = 1, \"A\" = 2;"}) {
    SCOPED_TRACE(both);
    EXPECT_EQ(LintWith(MakeUpdateDuplicateColumn(), both).size(), 1u);
  }
}

TEST(UpdateDuplicateColumn, QuietOnDistinctColumnsAndOnPartsOfOneColumn) {
  for (const std::string sql : {
           "UPDATE t SET a = 1, b = 2 WHERE id = 3;",
           "UPDATE t SET a[1] = 1, a[2] = 2;",    // elements of one array
           "UPDATE t SET pos.x = 1, pos.y = 2;",  // fields of one composite
           "UPDATE t SET \"A\" = 1, a = 2;",      // two columns: quoted keeps case
           "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 1;",
           "DELETE FROM t WHERE a = 1 AND a = 2;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeUpdateDuplicateColumn(), sql).empty());
  }
}

TEST(UpdateDuplicateColumn, PostgresOnly) {
  // SQLite accepts the statement: the rule does not claim it.
  EXPECT_TRUE(
      LintWith(MakeUpdateDuplicateColumn(), "UPDATE t SET a = 1, a = 2;", {}, Dialect::kSqlite)
          .empty());
}

TEST(TransactionRules, Info) {
  EXPECT_FALSE(MakeMixedDdlAndData()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_TRUE(MakeMissingRollback()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_TRUE(MakeTransactionControl()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_FALSE(MakeUpdateDuplicateColumn()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_EQ(MakeUpdateDuplicateColumn()->info().severity, Severity::kError);
  for (auto make : {MakeMixedDdlAndData, MakeMissingRollback, MakeTransactionControl,
                    MakeUpdateDuplicateColumn}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kTransactions) << info.id;
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
}

}  // namespace
}  // namespace strata::sql::lint
