// A schema description (model.h) as a SQL script that creates it in an empty
// database: psql -v ON_ERROR_STOP=1 for PostgreSQL, the sqlite3 shell for SQLite.
//
// PostgreSQL: schemas, enums, domains, sequences, functions, tables with their
// keys, checks and exclusion constraints, then every foreign key (ALTER TABLE,
// so that no table order is needed), views in model order, indexes, comments.
// SQLite: tables with every constraint inline, views, indexes.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "tests/schema_gen/model.h"

namespace strata::schema_gen {

std::string RenderPostgres(const Schema& schema);
std::string RenderSqlite(const Schema& schema);
// The one the schema's dialect needs.
std::string Render(const Schema& schema);

}  // namespace strata::schema_gen
