#include "driver/sqlite/sql_dialect.h"

#include "driver/pg_like_sql_dialect.h"

namespace strata::driver::sqlite {
namespace {

class SqliteSqlDialect final : public PgLikeSqlDialect {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }

  // SQLite's type affinities: booleans are integers, timestamps ISO-8601 text.
  std::string TypeName(LogicalType type) const override {
    return (type == LogicalType::kBigInt || type == LogicalType::kBool) ? "INTEGER" : "TEXT";
  }

  std::string EpochSeconds(std::string_view column) const override {
    return "CAST(strftime('%s', " + std::string(column) +
           ") AS INTEGER)";  // stored as ISO-8601 UTC text
  }
};

}  // namespace

const SqlDialect& GetSqlDialect() {
  static const SqliteSqlDialect kDialect;
  return kDialect;
}

}  // namespace strata::driver::sqlite
