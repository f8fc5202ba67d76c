// The pg_catalog queries behind postgres::Inspect (inspect.h): one per object
// kind, each for every user schema at once. Lists come back as json (json_agg), so no array
// text format needs parsing. Queries that take $1 get the excluded tables as
// JSON: {"names": [...], "prefixes": [...]}.
//
// They run with an empty search_path: the server's renderings (format_type,
// pg_get_expr, pg_get_*def) then qualify every name outside pg_catalog.
#pragma once

#include <string>

namespace strata::driver::postgres::queries {

// nspname, comment
std::string Schemas();
// extname, schema, version, comment
std::string Extensions();
// schema, name, labels json, comment
std::string Enums();
// schema, name, base type, not null, default, collation schema, collation name,
// constraints json [[name, definition]], comment
std::string Domains();
// schema, name, attributes json [[name, type, collation schema, collation name]], comment
std::string CompositeTypes();
// schema, name, type, start, increment, min, max, cache, cycle, owner schema,
// owner table, owner column, comment. Takes $1.
std::string Sequences();
// schema, name, identity arguments, prokind, result, language, definition, comment,
// uses tables, uses views
std::string Functions();
// schema, name, relkind, unlogged, partition key, parent schema, parent name,
// partition bound, inherits json [[schema, name]], options json, rls, force rls,
// comment. Takes $1.
std::string Tables();
// schema, table, name, type, not null, default, identity, generated,
// generation expression, collation schema, collation name, identity sequence
// type, start, increment, min, max, cache, cycle, inherited, comment; in
// column order. Takes $1.
std::string Columns();
// schema, table, name, contype, definition, deferrable, deferred, validated,
// columns json, ref schema, ref table, ref columns json, on update, on delete,
// match, check expression, comment. Takes $1.
std::string Constraints();
// schema, name, table schema, table, method, unique, nulls not distinct,
// pg_get_indexdef, include json, predicate, options json, comment. Takes $1.
std::string Indexes();
// schema, name, materialized, definition, options json, depends json [[schema, name]], comment
std::string Views();
// schema, table, name, definition, tgenabled, comment. Takes $1.
std::string Triggers();
// schema, table, name, permissive, polcmd, roles json, using, with check, comment. Takes $1.
std::string Policies();

}  // namespace strata::driver::postgres::queries
