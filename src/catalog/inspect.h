// Introspection: a live database read into a Catalog.
//
// PostgreSQL is read through pg_catalog, one set-based query per object kind
// for all user schemas at once (never a query per table); SQLite through
// sqlite_schema and its pragmas, with the stored CREATE text read for what the
// pragmas do not say (sqlite_ddl.h). All of it goes through
// driver::Connection::Query, so no client library is named here.
//
// Left out: the system schemas (pg_catalog, information_schema, pg_toast*,
// pg_temp*), objects that belong to an extension (pg_depend deptype 'e'), and
// the tables InspectOptions excludes.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"
#include "driver/driver.h"

namespace strata::catalog {

struct InspectOptions {
  // Tables left out, by name in any schema, together with their columns,
  // constraints, indexes, triggers, policies and owned sequences: those named
  // in `excluded_tables` and those whose names start with one of
  // `excluded_prefixes`. Default: strata's own tables, the history table and
  // its companions (strata_schema_history_meta, ..._backfill).
  std::vector<std::string> excluded_tables = {"strata_schema_history"};
  std::vector<std::string> excluded_prefixes = {"strata_schema_history_"};
};

// Every user object of the database `conn` is connected to, sorted
// canonically (catalog.h). PostgreSQL is read in one REPEATABLE READ, READ
// ONLY transaction (one consistent snapshot) with an empty search_path, so
// every name in the server's renderings comes schema-qualified. The caller
// must not be inside a transaction of its own on `conn`.
Result<Catalog> Inspect(driver::Connection& conn, const InspectOptions& options = {});

// The dialect readers behind Inspect.
Result<Catalog> InspectPostgres(driver::Connection& conn, const InspectOptions& options);
Result<Catalog> InspectSqlite(driver::Connection& conn, const InspectOptions& options);

}  // namespace strata::catalog
