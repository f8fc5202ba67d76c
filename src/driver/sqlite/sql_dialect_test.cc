#include "driver/sqlite/sql_dialect.h"

#include <gtest/gtest.h>

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

TEST(SqliteSqlDialect, DollarPlaceholders) {
  EXPECT_EQ(d.Placeholder(1), "$1");
  EXPECT_EQ(d.Placeholder(27), "$27");
  EXPECT_EQ(Placeholders(d, 3, 2), "$3, $4");
  EXPECT_EQ(Placeholders(d, 1, 0), "");
}

TEST(SqliteSqlDialect, InsertWithNextRankSelectsMaxPlusOneOfTheSameTable) {
  EXPECT_EQ(d.InsertWithNextRank("\"h\"", "installed_rank", {"stream", "version"}),
            "INSERT INTO \"h\" (installed_rank, stream, version) VALUES ((SELECT "
            "COALESCE(MAX(installed_rank), 0) + 1 FROM \"h\"), $1, $2)");
  EXPECT_EQ(
      d.InsertWithNextRank("s.\"h\"", "r", {"a"}, 4),
      "INSERT INTO s.\"h\" (r, a) VALUES ((SELECT COALESCE(MAX(r), 0) + 1 FROM s.\"h\"), $4)");
}

TEST(SqliteSqlDialect, UpsertOnConflictDoUpdate) {
  UpsertSpec spec;
  spec.table = "\"meta\"";
  spec.columns = {"name", "value"};
  EXPECT_EQ(d.Upsert(spec),
            "INSERT INTO \"meta\" AS stored (name, value) VALUES ($1, $2) ON CONFLICT (name) DO "
            "UPDATE SET value = excluded.value");
}

TEST(SqliteSqlDialect, UpsertWithAGuardOnTheStoredRow) {
  UpsertSpec spec;
  spec.table = "\"b\"";
  spec.columns = {"k1", "k2", "v", "n"};
  spec.key_columns = 2;
  spec.guard_column = "n";
  EXPECT_EQ(d.Upsert(spec),
            "INSERT INTO \"b\" AS stored (k1, k2, v, n) VALUES ($1, $2, $3, $4) ON CONFLICT "
            "(k1, k2) DO UPDATE SET v = excluded.v, n = excluded.n WHERE stored.n = $5");
}

}  // namespace
}  // namespace strata::driver::sqlite
