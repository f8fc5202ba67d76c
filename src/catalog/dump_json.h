// The JSON dump: the whole catalog as one document, keys in a fixed order and
// lists in canonical order, so the same catalog always gives the same bytes.
//
// Shape: {"format_version": 1, "dialect": "postgres", "schemas": [...],
// "extensions", "enums", "domains", "composite_types", "sequences",
// "functions", "tables" (each with "columns" and "constraints"), "views",
// "indexes", "triggers", "policies"}. Every field is always present; absent
// values are null, "" or [].
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::catalog {

// `catalog` must be in canonical order (SortCanonically; Inspect does it).
std::string DumpJson(const Catalog& catalog);

}  // namespace strata::catalog
