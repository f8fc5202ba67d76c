// The lock each statement takes (PostgreSQL: from the documentation of each
// command; SQLite: the database's write lock), for findings and plans.
#pragma once

#include <string_view>

#include "base/dialect.h"
#include "sql/lint/finding.h"
#include "sql/model.h"

namespace strata::sql::lint {

// The strongest table lock `stmt` takes on PostgreSQL, and on which table; empty
// when none worth naming (SELECT, SET, ...).
Lock LockOf(const ParsedStatement& stmt);
// The lock `stmt` takes on `dialect`: LockOf on PostgreSQL; on SQLite, which has
// no table locks, the database's write lock (BEGIN IMMEDIATE) for every
// statement that can write, which other writers wait for until COMMIT.
Lock LockOf(const ParsedStatement& stmt, Dialect dialect);
// Whether `dialect` locks tables (PostgreSQL) or the whole database (SQLite).
bool HasTableLocks(Dialect dialect);
// What `dialect` calls the lock that stops others' reads and writes of a
// table (LockImpact::kBlocksAll); empty when it has none (SQLite).
std::string_view BlockingLockName(Dialect dialect);

}  // namespace strata::sql::lint
