// The steps of loading a migrations directory that every layout shares
// (directory.cc for the file-name layouts, sqitch.cc and liquibase.cc for the
// layouts read from a plan).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "base/status.h"
#include "source/directory.h"
#include "source/migration.h"

namespace strata::source {

// `dir/name` as std::filesystem::path would print it, without building paths:
// `status` joins one per file.
std::string JoinPath(const std::string& dir, std::string_view name);

// Whether `path` is a directory (true) or nothing at all (false); anything else
// there (a file: `not_directory` says why it should not be; a link to nothing; a
// path that cannot be read) is an error.
Result<bool> IsDirectory(const std::string& path, const std::string& not_directory);
// Whether `path` is a file (true) or nothing at all (false); a directory, a link
// to nothing or a path that cannot be read is an error.
Result<bool> IsRegularFile(const std::string& path);

// The *.sql files directly in `dir`, sorted by name. A directory that cannot be
// listed, or an entry that is not a readable file, is an error (the first by name).
Result<std::vector<std::string>> SqlFileNames(const std::string& dir);

// ReadSqlFile, then LoadOptions::after_each_file, then the file's directives
// checked (known_directives.h). Every file is read so before anything runs.
Result<std::string> ReadMigrationFile(const std::string& path, const LoadOptions& options);

// The directives a script may hold: psql meta-commands, backfills, and
// validation checks (whose queries leave the script's statements).
Status ReadDirectives(Script& script, Dialect dialect);
// ReadDirectives on every script of `m` (up, down, phases).
Status ReadAllDirectives(Migration& m, Dialect dialect);
// The migration's checksums: of `text`, its file, followed by the files its
// scripts include with psql's \i (Script::included), so that an edit of an
// included file is an edit of the migration. Without includes, of `text` alone.
Checksums MigrationChecksums(const Migration& m, std::string_view text, Dialect dialect);

// Each script's transaction mode (Script::no_transaction, force_transaction)
// from the migration's header; a down script's own header may add no-transaction.
Status SetTransactionModes(Migration& m);

}  // namespace strata::source
