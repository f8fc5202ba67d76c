// What PostgreSQL and SQLite write alike of strata's own statements, SQLite
// having taken these forms from PostgreSQL: double-quoted identifiers, `$n`
// parameters, INSERT ... VALUES ((SELECT MAX(...) + 1 ...)) and ON CONFLICT ... DO
// UPDATE (SQLite since 3.24). Each dialect's SqlDialect derives from it and
// says what differs (types, epoch seconds). Included by those two dialects only.
#pragma once

#include "driver/sql_dialect.h"
#include "driver/sql_text.h"

namespace strata::driver {

class PgLikeSqlDialect : public SqlDialect {
 public:
  std::string QuoteIdentifier(std::string_view name) const override {
    return QuoteWithDoubleQuotes(name);
  }
  std::string Placeholder(int n) const override { return DollarPlaceholder(n); }
  // In VALUES the server types each parameter from its column.
  std::string InsertWithNextRank(std::string_view table, std::string_view rank_column,
                                 const std::vector<std::string>& columns,
                                 int first_param) const override {
    return InsertWithMaxPlusOne(*this, table, rank_column, columns, first_param);
  }
  std::string Upsert(const UpsertSpec& spec) const override {
    return OnConflictUpsert(*this, spec);
  }
};

}  // namespace strata::driver
