#include "driver/sqlite/sql_dialect.h"

#include <gtest/gtest.h>

#include "driver/pg_like_sql_dialect.h"

namespace strata::driver::sqlite {
namespace {

const SqlDialect& d = GetSqlDialect();

TEST(SqliteSqlDialect, NamesItsDialect) { EXPECT_EQ(d.dialect(), Dialect::kSqlite); }

TEST(SqliteSqlDialect, TypesQuotingAndEpochSeconds) {
  EXPECT_EQ(d.TypeName(LogicalType::kBigInt), "INTEGER");
  EXPECT_EQ(d.TypeName(LogicalType::kBool), "INTEGER");
  EXPECT_EQ(d.TypeName(LogicalType::kTimestamp), "TEXT");
  EXPECT_EQ(d.QuoteIdentifier("odd \"name\""), "\"odd \"\"name\"\"\"");
  EXPECT_EQ(d.EpochSeconds("applied_at"), "CAST(strftime('%s', applied_at) AS INTEGER)");
}

// Placeholders, the ranked insert and the upsert: pg_like_sql_dialect_test.cc.
TEST(SqliteSqlDialect, WritesItsOwnStatementsThePgLikeWay) {
  EXPECT_NE(dynamic_cast<const PgLikeSqlDialect*>(&d), nullptr);
  EXPECT_EQ(d.Placeholder(2), "$2");
}

}  // namespace
}  // namespace strata::driver::sqlite
