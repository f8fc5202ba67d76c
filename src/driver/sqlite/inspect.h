// SQLite introspection: a database file read into a catalog::Catalog.
//
// sqlite_schema, pragma_table_list and pragma_table_xinfo (one statement for
// all columns) give what SQLite keeps as facts; the stored CREATE text
// (ddl_reader.h) gives the rest: CHECK, constraint names, COLLATE, generated
// expressions, AUTOINCREMENT, deferrable foreign keys, index keys and
// predicates. Both statements run in one read transaction. Everything goes
// through Connection::Execute and Query, so this file does not see sqlite3.h.
//
// Left out: SQLite's own sqlite_* objects and the tables InspectOptions excludes.
#pragma once

#include "base/status.h"
#include "catalog/catalog.h"
#include "driver/driver.h"

namespace strata::driver::sqlite {

// What SqliteConnection::Inspect returns (driver.h): the catalog in canonical
// order. The caller must not be inside a transaction of its own on `conn`.
Result<catalog::Catalog> Inspect(Connection& conn, const InspectOptions& options);

}  // namespace strata::driver::sqlite
