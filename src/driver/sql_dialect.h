// The SQL dialect: what strata renders differently per database for its own
// statements (the history table's and the few it writes about user objects),
// with no connection. A schema dump of a snapshot file and a test need no
// database to render SQL, so code that only renders takes a `const
// SqlDialect&`; code with a connection reaches the same object through
// Connection::sql().
//
// How to implement one for a new database (src/driver/<name>/sql_dialect.{h,cc}):
//  1. Every method is pure: the same input gives the same text, and nothing is
//     read or written. Return one object for the whole process (GetSqlDialect()
//     in the dialect's folder) and register it in cli/connect.cc's kDrivers.
//  2. Parameters are numbered from 1 in the order they appear in the statement
//     (callers write them so), so that a dialect whose placeholders are only
//     positional (MySQL's `?`) can ignore the number.
//  3. Unit-test every method against the exact text (sql_dialect_test.cc).
// The renderings PostgreSQL and SQLite share are in sql_dialect.cc below this
// header (DollarPlaceholder, OnConflictUpsert, InsertWithMaxPlusOne).
//
// Thread-safety: const and stateless; any number of threads may share one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"

namespace strata::driver {

// Column types the engine needs for its own tables, rendered per dialect.
enum class LogicalType { kText, kBigInt, kBool, kTimestamp };

// An INSERT that updates the row already stored under the same key instead
// (SqlDialect::Upsert). Names are SQL text as the caller quoted them.
struct UpsertSpec {
  std::string table;  // quoted, maybe schema-qualified
  // Every column inserted, its value the parameter of its position (the first
  // `first_param`); the first `key_columns` of them form the unique key.
  std::vector<std::string> columns;
  size_t key_columns = 1;
  int first_param = 1;
  // When not empty, a stored row is updated only while its column `guard_column`
  // equals the parameter after the values (first_param + columns.size()); else
  // the statement changes no row (affected 0), which tells the caller that
  // another writer moved the row on.
  std::string guard_column;
};

class SqlDialect {
 public:
  virtual ~SqlDialect() = default;

  virtual Dialect dialect() const = 0;
  virtual std::string TypeName(LogicalType type) const = 0;
  virtual std::string QuoteIdentifier(std::string_view name) const = 0;
  // An expression that reads timestamp column `column` as whole seconds since
  // 1970-01-01 UTC, an integer (NULL stays NULL). The caller formats them: on
  // PostgreSQL, to_char on 500 history rows cost `status` 0.4 ms of server time.
  virtual std::string EpochSeconds(std::string_view column) const = 0;

  // The placeholder of parameter `n` (from 1) in a statement Connection::Query
  // runs: PostgreSQL and SQLite `$n`.
  virtual std::string Placeholder(int n) const = 0;
  // INSERT INTO `table` (`rank_column`, `columns`...) whose rank is one more
  // than the highest stored in `table` (1 when it is empty), computed in the
  // statement; each of `columns` takes the parameter of its position, the
  // first `first_param`. The caller holds the lock that keeps other writers out.
  virtual std::string InsertWithNextRank(std::string_view table, std::string_view rank_column,
                                         const std::vector<std::string>& columns,
                                         int first_param = 1) const = 0;
  // An INSERT of one row that, when a row with the same key is stored, updates
  // that row's other columns to the new values instead (UpsertSpec). The rows
  // it changed are 1 when it inserted or updated and 0 when the guard held it back.
  virtual std::string Upsert(const UpsertSpec& spec) const = 0;
};

// The renderings PostgreSQL and SQLite share, for their SqlDialects.

// "$n".
std::string DollarPlaceholder(int n);
// The placeholders of parameters `first`..`first + count - 1`, comma-separated,
// as `dialect` writes them.
std::string Placeholders(const SqlDialect& dialect, int first, size_t count);
// INSERT INTO t (rank, a, b) VALUES ((SELECT COALESCE(MAX(rank), 0) + 1 FROM t), $1, $2).
std::string InsertWithMaxPlusOne(const SqlDialect& dialect, std::string_view table,
                                 std::string_view rank_column,
                                 const std::vector<std::string>& columns, int first_param);
// INSERT INTO t AS stored (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET
// v = excluded.v [WHERE stored.guard = $3].
std::string OnConflictUpsert(const SqlDialect& dialect, const UpsertSpec& spec);

}  // namespace strata::driver
