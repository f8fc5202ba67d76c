// The JSON schema dump: the whole catalog as one document, keys in a fixed
// order and lists in canonical order, so the same catalog always gives the
// same bytes. A rendering of values like the other reports: no database access.
//
// Shape: {"format_version": 1, "dialect": "postgres", "schemas": [...],
// "extensions", "enums", "domains", "composite_types", "sequences",
// "functions", "tables" (each with "columns" and "constraints"), "views",
// "indexes", "triggers", "policies"}. Every field is always present; absent
// values are null, "" or [].
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::report {

// `catalog` must be in canonical order (catalog::SortCanonically;
// driver::Connection::Inspect returns it so).
std::string SchemaJson(const catalog::Catalog& catalog);

}  // namespace strata::report
