#include "driver/postgres/sql_dialect.h"

#include "driver/pg_like_sql_dialect.h"

namespace strata::driver::postgres {
namespace {

class PgSqlDialect final : public PgLikeSqlDialect {
 public:
  Dialect dialect() const override { return Dialect::kPostgres; }

  std::string TypeName(LogicalType type) const override {
    switch (type) {
      case LogicalType::kText:
        return "text";
      case LogicalType::kBigInt:
        return "bigint";
      case LogicalType::kBool:
        return "boolean";
      case LogicalType::kTimestamp:
        return "timestamptz";
    }
    return "text";
  }

  std::string EpochSeconds(std::string_view column) const override {
    // date_part gives a double; extract a numeric, which is slower to compute.
    return "floor(date_part('epoch', " + std::string(column) + "))::bigint";
  }
};

}  // namespace

const SqlDialect& GetSqlDialect() {
  static const PgSqlDialect kDialect;
  return kDialect;
}

}  // namespace strata::driver::postgres
