// Cases for the first rules; a model for each category's test file.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

TEST(DropTable, FiresOnAnExistingTable) {
  auto f = LintWith(MakeDropTable(), "DROP TABLE users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "drop-table");
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
}

TEST(DropTable, QuietInARollbackAndForATableMadeInTheSameMigration) {
  ScriptOptions rollback;
  rollback.rollback = true;
  EXPECT_TRUE(LintWith(MakeDropTable(), "DROP TABLE users;", rollback).empty());
  EXPECT_TRUE(LintWith(MakeDropTable(), "CREATE TABLE tmp (id int); DROP TABLE tmp;").empty());
}

TEST(DropTable, SuppressedWithAReason) {
  EXPECT_TRUE(LintWith(MakeDropTable(),
                       "-- strata:lint-ignore drop-table deprecated since 2.0, backed up\n"
                       "DROP TABLE users;")
                  .empty());
  // Without a reason the suppression works but is itself reported.
  auto f = LintWith(MakeDropTable(), "-- strata:lint-ignore drop-table\nDROP TABLE users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "lint-ignore-needs-reason");
}

TEST(DropTable, IsInformationInAContractPhase) {
  ScriptOptions contract;
  contract.contract_phase = true;
  auto f = LintWith(MakeDropTable(), "DROP TABLE users;", contract);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kInfo);
}

TEST(DropTable, AppliesToSqlite) {
  auto f = LintWith(MakeDropTable(), "DROP TABLE IF EXISTS users;", {}, Dialect::kSqlite);
  ASSERT_EQ(f.size(), 1u);
}

TEST(IndexNotConcurrent, FiresOnAnExistingTableOnly) {
  EXPECT_EQ(
      LintWith(MakeIndexNotConcurrent(), "CREATE INDEX idx_users_email ON users (email);").size(),
      1u);
  EXPECT_TRUE(LintWith(MakeIndexNotConcurrent(),
                       "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);")
                  .empty());
  EXPECT_TRUE(LintWith(MakeIndexNotConcurrent(),
                       "CREATE TABLE t (id int, a text); CREATE INDEX idx_t_a ON t (a);")
                  .empty());
}

TEST(MissingLockTimeout, SatisfiedBySetLockTimeoutOrByStrata) {
  EXPECT_EQ(LintWith(MakeMissingLockTimeout(), "ALTER TABLE users ADD COLUMN a int;").size(), 1u);
  EXPECT_TRUE(LintWith(MakeMissingLockTimeout(),
                       "SET lock_timeout = '2s'; ALTER TABLE users ADD COLUMN a int;")
                  .empty());
  ScriptOptions run;
  run.lock_timeout_set = true;
  EXPECT_TRUE(
      LintWith(MakeMissingLockTimeout(), "ALTER TABLE users ADD COLUMN a int;", run).empty());
}

}  // namespace
}  // namespace strata::sql::lint

namespace strata::sql::lint {
namespace {

// Findings that a rule makes after the last statement belong to the statement
// that holds their offset: its suppression applies.
TEST(Suppression, AppliesToFindingsMadeAtTheEndOfTheMigration) {
  const std::string fk =
      "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n";
  ASSERT_EQ(testing::LintWith(MakeForeignKeyWithoutIndex(), fk, {}, Dialect::kPostgres,
                              {{"users", {{"id", "int8"}}}})
                .size(),
            1u);
  EXPECT_TRUE(
      testing::LintWith(MakeForeignKeyWithoutIndex(),
                        "-- strata:lint-ignore foreign-key-without-index orders are few\n" + fk, {},
                        Dialect::kPostgres, {{"users", {{"id", "int8"}}}})
          .empty());
}

}  // namespace
}  // namespace strata::sql::lint
