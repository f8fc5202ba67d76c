// The JSON schema dump: the whole catalog as one document, keys in a fixed
// order and lists in canonical order, so the same catalog always gives the
// same bytes. A rendering of values like the other reports: no database access.
//
// Shape: {"format_version": 1, "dialect": "postgres", "schemas": [...],
// "extensions", "enums", "domains", "composite_types", "sequences",
// "functions", "tables" (each with "columns" and "constraints"), "views",
// "indexes", "triggers", "policies"}. Every field is always present; absent
// values are null, "" or []. A column's "identity_options" is null without an
// identity, a constraint's "references" is written only for a foreign key and
// its "expression" only for a check: elsewhere those fields mean nothing.
//
// snapshot::ReadSchemaJson (snapshot/schema_json_reader.h) reads the document
// back, so a snapshot file can stand in for a database.
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::report {

// `catalog` must be in canonical order (catalog::SortCanonically;
// driver::Connection::Inspect returns it so).
std::string SchemaJson(const catalog::Catalog& catalog);

}  // namespace strata::report
