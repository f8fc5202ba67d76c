#include "sql/lint/locks.h"

#include <gtest/gtest.h>

#include "sql/analyze.h"

namespace strata::sql::lint {
namespace {

Lock Of(const char* sql, Dialect dialect) { return LockOf(Analyze(sql, dialect).front(), dialect); }

TEST(LockOf, EachPostgresModeHasTheImpactItsConflictsGiveIt) {
  EXPECT_EQ(Of("ALTER TABLE users ADD COLUMN n int", Dialect::kPostgres).impact,
            LockImpact::kBlocksAll);
  EXPECT_EQ(Of("CREATE INDEX i ON users (n)", Dialect::kPostgres).impact,
            LockImpact::kBlocksWrites);
  EXPECT_EQ(Of("ALTER TABLE a ADD CONSTRAINT f FOREIGN KEY (b) REFERENCES b (id) NOT VALID",
               Dialect::kPostgres)
                .impact,
            LockImpact::kBlocksWrites);
  EXPECT_EQ(Of("CREATE INDEX CONCURRENTLY i ON users (n)", Dialect::kPostgres).impact,
            LockImpact::kSchemaChanges);
  EXPECT_EQ(Of("UPDATE users SET n = 1", Dialect::kPostgres).impact, LockImpact::kRowWrites);
  const Lock select = Of("SELECT 1", Dialect::kPostgres);
  EXPECT_TRUE(select.empty());
  EXPECT_EQ(select.impact, LockImpact::kNone);
}

TEST(LockOf, SqliteWritesTakeTheDatabaseWriteLockAndReadsNone) {
  const Lock alter = Of("ALTER TABLE users ADD COLUMN n int", Dialect::kSqlite);
  EXPECT_EQ(alter.mode, "DATABASE WRITE");
  EXPECT_EQ(alter.table, "users");
  EXPECT_EQ(alter.impact, LockImpact::kBlocksWrites);
  EXPECT_TRUE(Of("SELECT 1", Dialect::kSqlite).empty());
}

TEST(LockOf, OnlyPostgresNamesALockThatBlocksReadsOfATable) {
  EXPECT_EQ(BlockingLockName(Dialect::kPostgres), "ACCESS EXCLUSIVE");
  EXPECT_TRUE(HasTableLocks(Dialect::kPostgres));
  EXPECT_EQ(BlockingLockName(Dialect::kSqlite), "");
  EXPECT_FALSE(HasTableLocks(Dialect::kSqlite));
  EXPECT_STREQ(LockImpactName(LockImpact::kBlocksAll), "blocks-all");
}

}  // namespace
}  // namespace strata::sql::lint
