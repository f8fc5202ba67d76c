// A script cut into statements, each located in its source so that an error
// position reported by the database can be mapped back to a file line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "base/status.h"

namespace strata::sql {

struct Statement {
  std::string text;   // from the first token through the last, without the ';'
  size_t offset = 0;  // byte offset of `text` within the script it came from
};

// What the engine needs to know about a statement before running it.
enum class DescribedKind {
  kOther,
  kTransactionControl,  // see IsTransactionControl
  kCreateIndex,
  kDropIndex,
};

struct StatementInfo {
  DescribedKind kind = DescribedKind::kOther;
  bool concurrently = false;  // CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY
  std::string index_schema;   // empty when the statement did not qualify the name
  std::string index_name;     // unquoted; empty when the index is unnamed
  // The database refuses the statement inside a transaction block (PostgreSQL:
  // CREATE/DROP/REINDEX ... CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM,
  // ...; SQLite: VACUUM). A migration without a transaction runs it bare; every
  // other statement runs in a transaction with its progress.
  bool outside_transaction = false;
};

// Splits `script` into statements. Comments and blank space between statements
// are dropped; a script of only comments yields no statement.
// Example: Split("create table t(a int); -- x\ninsert into t values (1);", Dialect::kSqlite)
//          -> {"create table t(a int)", 0}, {"insert into t values (1)", 28}
Result<std::vector<Statement>> Split(std::string_view script, Dialect dialect);

// BEGIN, START TRANSACTION, COMMIT, END, ABORT, ROLLBACK (not ROLLBACK TO). Cheap:
// reads the first words only.
bool IsTransactionControl(std::string_view statement, Dialect dialect);

// What the engine needs before running a statement: its kind, the index it
// creates or drops, and whether it must run outside a transaction block.
StatementInfo Describe(std::string_view statement, Dialect dialect);

// The statement's token stream without comments or blank space, words lower-cased:
// two scripts that differ only in formatting produce the same string.
std::string CanonicalTokens(std::string_view script, Dialect dialect);

}  // namespace strata::sql
