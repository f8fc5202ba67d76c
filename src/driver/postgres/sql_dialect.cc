#include "driver/postgres/sql_dialect.h"

#include "driver/sql_text.h"

namespace strata::driver::postgres {
namespace {

class PgSqlDialect final : public SqlDialect {
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

  std::string QuoteIdentifier(std::string_view name) const override {
    return QuoteWithDoubleQuotes(name);
  }

  std::string EpochSeconds(std::string_view column) const override {
    // date_part gives a double; extract a numeric, which is slower to compute.
    return "floor(date_part('epoch', " + std::string(column) + "))::bigint";
  }

  std::string Placeholder(int n) const override { return DollarPlaceholder(n); }

  std::string InsertWithNextRank(std::string_view table, std::string_view rank_column,
                                 const std::vector<std::string>& columns,
                                 int first_param) const override {
    // In VALUES the server types each parameter from its column.
    return InsertWithMaxPlusOne(*this, table, rank_column, columns, first_param);
  }

  std::string Upsert(const UpsertSpec& spec) const override {
    return OnConflictUpsert(*this, spec);
  }
};

}  // namespace

const SqlDialect& GetSqlDialect() {
  static const PgSqlDialect dialect;
  return dialect;
}

}  // namespace strata::driver::postgres
