// The plain facts the SQL layer keeps about each dialect, in one table: a new
// dialect fills in one entry (the compiler stops at TraitsOf's switch) instead of
// one small switch in each file that needs a yes or a name. Behaviour that takes
// code, not a value (which statements a dialect refuses in a block, the lock of
// each statement), stays in the file that owns it.
#pragma once

#include <string_view>

#include "base/dialect.h"

namespace strata::sql {

struct DialectTraits {
  // Locks are taken per table at several levels (PostgreSQL); false where one
  // write lock covers the whole database (SQLite).
  bool table_locks = false;
  // The lock that stops others' reads and writes of a table
  // (lint::LockImpact::kBlocksAll), as the dialect names it; empty when it has none.
  std::string_view blocking_lock = "";
  // The lock a writing statement takes where there are no table locks, as
  // strata names it; empty where table_locks.
  std::string_view database_write_lock = "";
  // What follows BEGIN (PostgreSQL: ISOLATION LEVEL, READ ONLY, DEFERRABLE)
  // must hold for the block, so that strata, which opens the transaction itself,
  // sends it as SET TRANSACTION. SQLite's DEFERRED, IMMEDIATE and EXCLUSIVE only
  // say when the write lock is taken, and strata takes it at BEGIN in every case.
  bool keeps_begin_modes = false;
};

constexpr DialectTraits TraitsOf(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return {.table_locks = true,
              .blocking_lock = "ACCESS EXCLUSIVE",
              .database_write_lock = "",
              .keeps_begin_modes = true};
    case Dialect::kSqlite:
      return {.table_locks = false,
              .blocking_lock = "",
              .database_write_lock = "DATABASE WRITE",  // BEGIN IMMEDIATE's RESERVED lock
              .keeps_begin_modes = false};
  }
  return {};
}

}  // namespace strata::sql
