// Cases for the destructive rules: drop-column, drop-schema, drop-database, truncate,
// delete-without-where, update-without-where.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

ScriptOptions Rollback() {
  ScriptOptions o;
  o.rollback = true;
  return o;
}

ScriptOptions ContractPhase() {
  ScriptOptions o;
  o.contract_phase = true;
  return o;
}

bool Mentions(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

TEST(DropColumn, FiresOnAnExistingTableWithItsLock) {
  auto f = LintWith(MakeDropColumn(), "ALTER TABLE users DROP COLUMN email;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "drop-column");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_TRUE(Mentions(f[0], "email")) << f[0].message;
  EXPECT_FALSE(Mentions(f[0], "contract")) << f[0].message;
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
}

TEST(DropColumn, OneFindingPerDroppedColumnAndCascadeMentioned) {
  auto f = LintWith(MakeDropColumn(),
                    "ALTER TABLE users DROP COLUMN a, ADD COLUMN c int, DROP COLUMN b CASCADE;");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_FALSE(Mentions(f[0], "CASCADE"));
  EXPECT_TRUE(Mentions(f[1], "CASCADE")) << f[1].message;
}

TEST(DropColumn, QuietInARollbackForANewTableAndForOtherAlters) {
  EXPECT_TRUE(
      LintWith(MakeDropColumn(), "ALTER TABLE users DROP COLUMN email;", Rollback()).empty());
  EXPECT_TRUE(
      LintWith(MakeDropColumn(), "CREATE TABLE t (id int, a text); ALTER TABLE t DROP COLUMN a;")
          .empty());
  EXPECT_TRUE(LintWith(MakeDropColumn(), "ALTER TABLE users ADD COLUMN a int;").empty());
  EXPECT_TRUE(LintWith(MakeDropColumn(), "ALTER TABLE users DROP CONSTRAINT fk_a;").empty());
}

TEST(DropColumn, ContractPhaseSaysItIsThePlannedStep) {
  auto f = LintWith(MakeDropColumn(), "ALTER TABLE users DROP COLUMN email;", ContractPhase());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "planned contract step")) << f[0].message;
}

TEST(DropColumn, AppliesToSqlite) {
  auto f = LintWith(MakeDropColumn(), "ALTER TABLE users DROP COLUMN email;", {}, Dialect::kSqlite);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "email"));
  EXPECT_TRUE(LintWith(MakeDropColumn(),
                       "CREATE TABLE t (id INTEGER, a TEXT); ALTER TABLE t DROP COLUMN a;", {},
                       Dialect::kSqlite)
                  .empty());
}

TEST(DropSchema, FiresAndNamesCascade) {
  auto plain = LintWith(MakeDropSchema(), "DROP SCHEMA billing;");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].rule, "drop-schema");
  EXPECT_TRUE(Mentions(plain[0], "billing"));
  EXPECT_FALSE(Mentions(plain[0], "CASCADE"));

  auto cascade = LintWith(MakeDropSchema(), "DROP SCHEMA IF EXISTS billing, audit CASCADE;");
  ASSERT_EQ(cascade.size(), 2u);
  EXPECT_TRUE(Mentions(cascade[0], "CASCADE")) << cascade[0].message;
  EXPECT_TRUE(Mentions(cascade[1], "audit"));
}

TEST(DropSchema, QuietInARollbackAndForOtherDrops) {
  EXPECT_TRUE(LintWith(MakeDropSchema(), "DROP SCHEMA billing CASCADE;", Rollback()).empty());
  EXPECT_TRUE(LintWith(MakeDropSchema(), "DROP TABLE billing.invoices;").empty());
  EXPECT_TRUE(LintWith(MakeDropSchema(), "DROP INDEX idx_a;").empty());
}

TEST(DropSchema, ContractPhaseSaysItIsThePlannedStep) {
  auto f = LintWith(MakeDropSchema(), "DROP SCHEMA billing;", ContractPhase());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "planned contract step"));
}

TEST(Truncate, FiresOnAnExistingTableWithItsLock) {
  auto f = LintWith(MakeTruncate(), "TRUNCATE users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "truncate");
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
}

TEST(Truncate, QuietInARollbackAndForATableMadeInTheSameMigration) {
  EXPECT_TRUE(LintWith(MakeTruncate(), "TRUNCATE TABLE users;", Rollback()).empty());
  EXPECT_TRUE(LintWith(MakeTruncate(),
                       "CREATE TABLE tmp (id int); INSERT INTO tmp VALUES (1); TRUNCATE tmp;")
                  .empty());
}

TEST(Truncate, ANewTableListedFirstDoesNotHideTheOthers) {
  auto f = LintWith(MakeTruncate(), "CREATE TABLE tmp (id int); TRUNCATE tmp, users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "other tables")) << f[0].message;
}

TEST(Truncate, ContractPhaseSaysItIsThePlannedStep) {
  auto f = LintWith(MakeTruncate(), "TRUNCATE users;", ContractPhase());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "planned contract step"));
}

TEST(DeleteWithoutWhere, FiresWithoutWhereOnly) {
  auto f = LintWith(MakeDeleteWithoutWhere(), "DELETE FROM users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "delete-without-where");
  EXPECT_EQ(f[0].lock.mode, "ROW EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
  EXPECT_TRUE(LintWith(MakeDeleteWithoutWhere(), "DELETE FROM users WHERE id = 1;").empty());
  // A WHERE inside a subquery is not the DELETE's own.
  EXPECT_EQ(LintWith(MakeDeleteWithoutWhere(),
                     "WITH old AS (SELECT id FROM users WHERE id < 5) DELETE FROM sessions;")
                .size(),
            1u);
}

TEST(DeleteWithoutWhere, QuietInARollbackAndForATableMadeInTheSameMigration) {
  EXPECT_TRUE(LintWith(MakeDeleteWithoutWhere(), "DELETE FROM users;", Rollback()).empty());
  EXPECT_TRUE(LintWith(MakeDeleteWithoutWhere(),
                       "CREATE TABLE tmp (id int); INSERT INTO tmp VALUES (1); DELETE FROM tmp;")
                  .empty());
}

TEST(DeleteWithoutWhere, ContractPhaseSaysItIsThePlannedStep) {
  auto f = LintWith(MakeDeleteWithoutWhere(), "DELETE FROM users;", ContractPhase());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "planned contract step"));
}

TEST(DeleteWithoutWhere, AppliesToSqlite) {
  EXPECT_EQ(LintWith(MakeDeleteWithoutWhere(), "DELETE FROM users;", {}, Dialect::kSqlite).size(),
            1u);
  EXPECT_TRUE(LintWith(MakeDeleteWithoutWhere(), "DELETE FROM users WHERE id IN (SELECT 1);", {},
                       Dialect::kSqlite)
                  .empty());
}

TEST(UpdateWithoutWhere, FiresWithoutWhereOnly) {
  auto f = LintWith(MakeUpdateWithoutWhere(), "UPDATE users SET active = true;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "update-without-where");
  EXPECT_EQ(f[0].lock.mode, "ROW EXCLUSIVE");
  EXPECT_TRUE(
      LintWith(MakeUpdateWithoutWhere(), "UPDATE users SET active = true WHERE id = 1;").empty());
  // The WHERE of a subquery in SET does not limit the rows updated.
  EXPECT_EQ(LintWith(MakeUpdateWithoutWhere(),
                     "UPDATE users SET plan = (SELECT name FROM plans WHERE id = 1);")
                .size(),
            1u);
}

TEST(UpdateWithoutWhere, QuietInARollbackAndForATableMadeInTheSameMigration) {
  EXPECT_TRUE(LintWith(MakeUpdateWithoutWhere(), "UPDATE users SET a = 1;", Rollback()).empty());
  EXPECT_TRUE(LintWith(MakeUpdateWithoutWhere(),
                       "CREATE TABLE tmp (id int, a int); INSERT INTO tmp VALUES (1, 2); "
                       "UPDATE tmp SET a = 0;")
                  .empty());
}

TEST(UpdateWithoutWhere, ContractPhaseSaysItIsThePlannedStep) {
  auto f = LintWith(MakeUpdateWithoutWhere(), "UPDATE users SET a = 1;", ContractPhase());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "planned contract step"));
}

TEST(UpdateWithoutWhere, AppliesToSqlite) {
  EXPECT_EQ(
      LintWith(MakeUpdateWithoutWhere(), "UPDATE OR IGNORE users SET a = 1;", {}, Dialect::kSqlite)
          .size(),
      1u);
  EXPECT_TRUE(LintWith(MakeUpdateWithoutWhere(), "UPDATE users SET a = 1 WHERE id = 2;", {},
                       Dialect::kSqlite)
                  .empty());
}

TEST(DropDatabase, FiresAtTheStatementAndNamesTheDatabase) {
  const std::string sql = "SELECT 1;\nDROP DATABASE IF EXISTS analytics WITH (FORCE);";
  auto f = LintWith(MakeDropDatabase(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "drop-database");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.find("DROP"));
  EXPECT_TRUE(Mentions(f[0], "drops database analytics")) << f[0].message;
}

TEST(DropDatabase, QuietInARollbackAndForOtherDrops) {
  EXPECT_TRUE(LintWith(MakeDropDatabase(), "DROP DATABASE analytics;", Rollback()).empty());
  for (const std::string sql :
       {"DROP SCHEMA analytics;", "DROP TABLE analytics;", "CREATE DATABASE analytics;"}) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeDropDatabase(), sql).empty());
  }
}

TEST(DropDatabase, ContractPhaseSaysItIsThePlannedStep) {
  auto f = LintWith(MakeDropDatabase(), "DROP DATABASE analytics;", ContractPhase());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kInfo);
  EXPECT_TRUE(Mentions(f[0], "planned contract step"));
}

TEST(DestructiveRules, PostgresOnlyRulesSkipSqlite) {
  EXPECT_FALSE(MakeDropSchema()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_FALSE(MakeDropDatabase()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_FALSE(MakeTruncate()->info().dialects.contains(Dialect::kSqlite));
  for (auto make : {MakeDropColumn, MakeDropSchema, MakeDropDatabase, MakeTruncate,
                    MakeDeleteWithoutWhere, MakeUpdateWithoutWhere}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kDestructive) << info.id;
    EXPECT_EQ(info.severity, Severity::kError) << info.id;
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
}

}  // namespace
}  // namespace strata::sql::lint
