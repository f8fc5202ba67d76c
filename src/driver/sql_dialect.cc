#include "driver/sql_dialect.h"

namespace strata::driver {

std::string DollarPlaceholder(int n) { return "$" + std::to_string(n); }

std::string Placeholders(const SqlDialect& dialect, int first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += dialect.Placeholder(first + static_cast<int>(i));
  }
  return out;
}

std::string InsertWithMaxPlusOne(const SqlDialect& dialect, std::string_view table,
                                 std::string_view rank_column,
                                 const std::vector<std::string>& columns, int first_param) {
  std::string list(rank_column);
  for (const std::string& c : columns) list += ", " + c;
  const std::string rank = std::string(rank_column);
  const std::string from = std::string(table);
  return "INSERT INTO " + from + " (" + list + ") VALUES ((SELECT COALESCE(MAX(" + rank +
         "), 0) + 1 FROM " + from + "), " + Placeholders(dialect, first_param, columns.size()) +
         ")";
}

std::string OnConflictUpsert(const SqlDialect& dialect, const UpsertSpec& spec) {
  std::string list;
  std::string keys;
  std::string updates;
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string& c = spec.columns[i];
    list += (i == 0 ? "" : ", ") + c;
    if (i < spec.key_columns) {
      keys += (i == 0 ? "" : ", ") + c;
    } else {
      updates += (updates.empty() ? "" : ", ") + c + " = excluded." + c;
    }
  }
  std::string sql = "INSERT INTO " + spec.table + " AS stored (" + list + ") VALUES (" +
                    Placeholders(dialect, spec.first_param, spec.columns.size()) +
                    ") ON CONFLICT (" + keys + ") DO UPDATE SET " + updates;
  if (!spec.guard_column.empty()) {
    sql += " WHERE stored." + spec.guard_column + " = " +
           dialect.Placeholder(spec.first_param + static_cast<int>(spec.columns.size()));
  }
  return sql;
}

}  // namespace strata::driver
