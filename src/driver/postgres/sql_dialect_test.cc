#include "driver/postgres/sql_dialect.h"

#include <gtest/gtest.h>

#include "driver/pg_like_sql_dialect.h"

namespace strata::driver::postgres {
namespace {

const SqlDialect& d = GetSqlDialect();

TEST(PostgresSqlDialect, NamesItsDialect) { EXPECT_EQ(d.dialect(), Dialect::kPostgres); }

TEST(PostgresSqlDialect, TypesQuotingAndEpochSeconds) {
  EXPECT_EQ(d.TypeName(LogicalType::kBigInt), "bigint");
  EXPECT_EQ(d.TypeName(LogicalType::kBool), "boolean");
  EXPECT_EQ(d.TypeName(LogicalType::kTimestamp), "timestamptz");
  EXPECT_EQ(d.QuoteIdentifier("odd \"name\""), "\"odd \"\"name\"\"\"");
  EXPECT_EQ(d.EpochSeconds("applied_at"), "floor(date_part('epoch', applied_at))::bigint");
}

// Placeholders, the ranked insert and the upsert: pg_like_sql_dialect_test.cc.
TEST(PostgresSqlDialect, WritesItsOwnStatementsThePgLikeWay) {
  EXPECT_NE(dynamic_cast<const PgLikeSqlDialect*>(&d), nullptr);
  EXPECT_EQ(d.Placeholder(2), "$2");
}

}  // namespace
}  // namespace strata::driver::postgres
