#include "driver/sqlite/sql_dialect.h"

#include "driver/sql_text.h"

namespace strata::driver::sqlite {
namespace {

class SqliteSqlDialect final : public SqlDialect {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }

  // SQLite's type affinities: booleans are integers, timestamps ISO-8601 text.
  std::string TypeName(LogicalType type) const override {
    return (type == LogicalType::kBigInt || type == LogicalType::kBool) ? "INTEGER" : "TEXT";
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    return QuoteWithDoubleQuotes(name);
  }

  std::string EpochSeconds(std::string_view column) const override {
    return "CAST(strftime('%s', " + std::string(column) +
           ") AS INTEGER)";  // stored as ISO-8601 UTC text
  }

  std::string Placeholder(int n) const override { return DollarPlaceholder(n); }

  std::string InsertWithNextRank(std::string_view table, std::string_view rank_column,
                                 const std::vector<std::string>& columns,
                                 int first_param) const override {
    return InsertWithMaxPlusOne(*this, table, rank_column, columns, first_param);
  }

  // SQLite has ON CONFLICT ... DO UPDATE since 3.24, as PostgreSQL writes it.
  std::string Upsert(const UpsertSpec& spec) const override {
    return OnConflictUpsert(*this, spec);
  }
};

}  // namespace

const SqlDialect& GetSqlDialect() {
  static const SqliteSqlDialect dialect;
  return dialect;
}

}  // namespace strata::driver::sqlite
