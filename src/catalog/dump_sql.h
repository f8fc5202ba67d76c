// The SQL dump: a script that recreates a catalog in an empty database, in
// dependency order, and the same bytes for the same catalog.
//
// PostgreSQL (psql -f): settings (empty search_path, no function body checks),
// schemas, extensions, enums, domains, composite types, sequences, functions
// and procedures, tables (partition and INHERITS parents first), sequence
// ownership, functions that use table row types, constraints, then foreign
// keys, views in dependency order (materialized ones WITH NO DATA), functions
// that use views, indexes, triggers, row-level security flags, policies,
// comments.
//
// SQLite (sqlite3 < dump.sql): tables (with their constraints: SQLite cannot
// add them later, and does not check a foreign key's parent until it is used),
// indexes, views, triggers.
//
// Rendering lives beside the model rather than in report/ because the dump is
// not a presentation: it is the canonical snapshot that later reads back (diff
// --from a snapshot) and the DDL that diff plans reuse.
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::catalog {

// `catalog` must be in canonical order (SortCanonically; Inspect does it).
std::string DumpSql(const Catalog& catalog);

// The dialect renderers behind DumpSql.
std::string DumpPostgresSql(const Catalog& catalog);
std::string DumpSqliteSql(const Catalog& catalog);

}  // namespace strata::catalog
