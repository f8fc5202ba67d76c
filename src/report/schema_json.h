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
// ReadSchemaJson reads the document back, so a snapshot file can stand in for
// a database: `strata diff --from snapshot.json --to postgres://...`.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "catalog/catalog.h"

namespace strata::report {

// The "format_version" SchemaJson writes. Raise it when a reader of the old
// version would misread the new shape (not for added keys: readers skip those).
inline constexpr int kSchemaJsonFormatVersion = 1;

// `catalog` must be in canonical order (catalog::SortCanonically;
// driver::Connection::Inspect returns it so).
std::string SchemaJson(const catalog::Catalog& catalog);

// The inverse of SchemaJson, returning the catalog in canonical order (so a
// hand-edited file may list objects in any order). Unknown keys are skipped.
// Required: "format_version" (not newer than ours), "dialect", every object's
// name ("schema" and "name" where it is qualified), a constraint's "kind", a
// foreign key's "references", the "table" of an index, trigger or policy and
// of an "owned_by". Any other missing key takes the catalog struct's default. Bad JSON, a wrong
// type, an unknown enum value or a missing required key is InvalidInput naming the JSON path:
// "tables[3].columns[1].type: expected a string".
Result<catalog::Catalog> ReadSchemaJson(std::string_view text);

}  // namespace strata::report
