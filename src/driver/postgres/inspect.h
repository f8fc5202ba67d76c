// PostgreSQL introspection: pg_catalog read into a catalog::Catalog.
//
// One set-based query per object kind for all user schemas at once, never a
// query per table (inspect_queries.h), in one REPEATABLE READ, READ ONLY
// transaction (one snapshot) with an empty search_path, so every name in the
// server's renderings (format_type, pg_get_expr, pg_get_*def) comes
// schema-qualified. Everything goes through Connection::Execute and Query, so
// this file does not see libpq.
//
// Left out: the system schemas (pg_catalog, information_schema, pg_toast*,
// pg_temp*), objects that belong to an extension (pg_depend deptype 'e'), a
// partition's copies of its parent's constraints, indexes and triggers, and the
// tables InspectOptions excludes.
#pragma once

#include "base/status.h"
#include "catalog/catalog.h"
#include "driver/driver.h"

namespace strata::driver::postgres {

// What PgConnection::Inspect returns (driver.h): the catalog in canonical order.
// The caller must not be inside a transaction of its own on `conn`.
Result<catalog::Catalog> Inspect(Connection& conn, const InspectOptions& options);

}  // namespace strata::driver::postgres
