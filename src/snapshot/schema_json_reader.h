// Schema snapshots: the JSON schema dump (`strata schema dump --format json`,
// written by report::SchemaJson) read back into a catalog, so that a snapshot
// file can stand in for a database: `strata diff --from snapshot.json --to
// postgres://...`. An input format, not a rendering: it links catalog and base
// alone, so the engine or the CLI reads a snapshot without report/.
//
// Thread-safety: a function of its argument.
#pragma once

#include <string_view>

#include "base/status.h"
#include "catalog/catalog.h"

namespace strata::snapshot {

// The "format_version" report::SchemaJson writes and ReadSchemaJson reads up
// to. Raise it when a reader of the old version would misread the new shape
// (not for added keys: readers skip those).
inline constexpr int kSchemaJsonFormatVersion = 1;

// The inverse of report::SchemaJson, returning the catalog in canonical order
// (so a hand-edited file may list objects in any order). Unknown keys are
// skipped. Required: "format_version" (not newer than ours), "dialect", every
// object's name ("schema" and "name" where it is qualified), a constraint's
// "kind", a foreign key's "references", the "table" of an index, trigger or
// policy and of an "owned_by". Any other missing key takes the catalog struct's
// default. Bad JSON, a wrong type, an unknown enum value or a missing required
// key is InvalidInput naming the JSON path: "tables[3].columns[1].type:
// expected a string".
Result<catalog::Catalog> ReadSchemaJson(std::string_view text);

}  // namespace strata::snapshot
