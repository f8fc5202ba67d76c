// Loading a migrations directory into a MigrationSet: list the files, detect the
// layout, pair each migration with its rollback, read headers and sections,
// compute checksums, and check the dependency graph.
#pragma once

#include <functional>
#include <string>

#include "base/dialect.h"
#include "base/status.h"
#include "source/migration.h"
#include "source/placeholders.h"

namespace strata::source {

struct LoadOptions {
  std::string dir = "migrations";           // default: ./migrations
  Layout empty_layout = Layout::kNumbered;  // the layout reported for an empty directory
  Dialect dialect = Dialect::kPostgres;     // for the semantic checksum
  // Flyway's `${name}` placeholders (strata.toml [placeholders]); none: none replaced.
  Placeholders placeholders;
  // Called after each file is read, so that the caller can move other work on
  // meanwhile on the same thread (a connection being made); may be empty.
  std::function<void()> after_each_file;
};

// Every problem is an InvalidInput that names the file: a name no layout reads, a
// duplicate version, a rollback without its migration, a file that is not UTF-8 or
// holds a NUL byte, an unknown directive (known_directives.h), a *.sql entry that
// is not a file (a directory, a link to nothing), a rollback/ that is not a
// directory, a dependency on a missing migration, a dependency cycle. A missing
// directory is NotFound; a directory or file the system cannot read is Io.
Result<MigrationSet> LoadDirectory(const LoadOptions& options);

// Reads one SQL file as the loader does: rejects bytes that are not UTF-8 and NUL
// bytes (naming the line), drops a BOM, normalizes line endings. Directives are
// checked by the caller (known_directives.h CheckDirectives).
Result<std::string> ReadSqlFile(const std::string& path);

}  // namespace strata::source
