// Introspection: what strata reads of a database's catalog (its tables, their
// sizes and columns, indexes, the whole schema), as opposed to running
// statements (the session, driver.h) and rendering SQL (sql_dialect.h).
// Connection implements it, so a caller with a connection asks it directly;
// code that only reads the catalog (lint's table sizes) takes an Introspection&.
//
// How to implement (each method's comment says what the caller guarantees):
//  1. Read with set-based queries, one round trip per method where the database
//     allows (never one query per table).
//  2. Leave out system schemas and objects; a name the database does not have is
//     an answer (false, kAbsent), not an error.
//  3. Inspect reads everything into the catalog model (driver/<name>/inspect.cc),
//     in canonical order (catalog::SortCanonically).
//
// Thread-safety: like the Connection that implements it, one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"

namespace strata::driver {

// A table's size on disk and estimated row count (PostgreSQL: pg_class).
struct TableSize {
  std::string schema;
  std::string table;
  int64_t bytes = -1;  // -1 when the database does not say
  int64_t rows = -1;   // an estimate; -1 when unknown
};

// One column of a user table, with its type as the catalog names it
// (PostgreSQL: udt_name such as int4, varchar, timestamptz).
struct ColumnType {
  std::string schema;
  std::string table;
  std::string column;
  std::string type;
};

// Whether an index exists, and whether it is usable (PostgreSQL: pg_index.indisvalid;
// a CREATE INDEX CONCURRENTLY that failed or was killed leaves an INVALID one).
enum class IndexState { kAbsent, kValid, kInvalid };

// What Introspection::Inspect leaves out. Default: strata's own tables, the
// history table and its companions (strata_schema_history_meta, ..._backfill).
struct InspectOptions {
  // Tables left out, by name in any schema, together with their columns,
  // constraints, indexes, triggers, policies and owned sequences: those named
  // in `excluded_tables` and those whose names start with one of
  // `excluded_prefixes`.
  std::vector<std::string> excluded_tables = {"strata_schema_history"};
  std::vector<std::string> excluded_prefixes = {"strata_schema_history_"};
};

class Introspection {
 public:
  virtual ~Introspection() = default;

  virtual Result<bool> TableExists(std::string_view schema, std::string_view table) = 0;
  // Every user table with its size, in one round trip.
  virtual Result<std::vector<TableSize>> TableSizes() = 0;
  // Every column of every user table, in one round trip.
  virtual Result<std::vector<ColumnType>> ColumnTypes() = 0;
  // When `name` (in `schema`, or the search path when empty) is an index left
  // INVALID by a failed CREATE INDEX CONCURRENTLY, drops it and returns true.
  virtual Result<bool> DropIndexIfInvalid(std::string_view schema, std::string_view name) = 0;
  // Whether index `name` (in `schema`, or the search path when empty) exists and
  // is valid: how the engine tells whether a statement that ran outside a
  // transaction took effect before a crash.
  virtual Result<IndexState> FindIndex(std::string_view schema, std::string_view name) = 0;

  // Every user object of the database, read into the catalog model in
  // canonical order (catalog::SortCanonically), from one consistent view of the
  // schema. Left out: system schemas and objects, objects that belong to an
  // extension, and the tables `options` excludes. The caller must not be
  // inside a transaction of its own on this connection; the driver opens and
  // ends a read transaction.
  virtual Result<catalog::Catalog> Inspect(const InspectOptions& options) = 0;
};

}  // namespace strata::driver
