// What PostgreSQL and SQLite render alike (pg_like_sql_dialect.h), tested once
// through a dialect that adds nothing to it; each dialect's own test checks
// that it is one and what it renders differently.
#include "driver/pg_like_sql_dialect.h"

#include <gtest/gtest.h>

namespace strata::driver {
namespace {

class BarePgLike final : public PgLikeSqlDialect {
 public:
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string TypeName(LogicalType) const override { return "t"; }
  std::string EpochSeconds(std::string_view column) const override { return std::string(column); }
};

const BarePgLike kBare;
const SqlDialect& d = kBare;  // as callers see it, default arguments included

TEST(PgLikeSqlDialect, DoubleQuotedIdentifiers) {
  EXPECT_EQ(d.QuoteIdentifier("odd \"name\""), "\"odd \"\"name\"\"\"");
}

TEST(PgLikeSqlDialect, DollarPlaceholders) {
  EXPECT_EQ(d.Placeholder(1), "$1");
  EXPECT_EQ(d.Placeholder(27), "$27");
  EXPECT_EQ(Placeholders(d, 3, 2), "$3, $4");
  EXPECT_EQ(Placeholders(d, 1, 0), "");
}

TEST(PgLikeSqlDialect, InsertWithNextRankSelectsMaxPlusOneOfTheSameTable) {
  EXPECT_EQ(d.InsertWithNextRank("\"h\"", "installed_rank", {"stream", "version"}),
            "INSERT INTO \"h\" (installed_rank, stream, version) VALUES ((SELECT "
            "COALESCE(MAX(installed_rank), 0) + 1 FROM \"h\"), $1, $2)");
  EXPECT_EQ(
      d.InsertWithNextRank("s.\"h\"", "r", {"a"}, 4),
      "INSERT INTO s.\"h\" (r, a) VALUES ((SELECT COALESCE(MAX(r), 0) + 1 FROM s.\"h\"), $4)");
}

TEST(PgLikeSqlDialect, UpsertOnConflictDoUpdate) {
  UpsertSpec spec;
  spec.table = "\"meta\"";
  spec.columns = {"name", "value"};
  EXPECT_EQ(d.Upsert(spec),
            "INSERT INTO \"meta\" AS stored (name, value) VALUES ($1, $2) ON CONFLICT (name) DO "
            "UPDATE SET value = excluded.value");
}

TEST(PgLikeSqlDialect, UpsertWithAGuardOnTheStoredRow) {
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
}  // namespace strata::driver
