// Backups before `up` applies anything ([backup] in strata.toml), wrapped into
// the engine's UpOptions::before_apply callback: SQLite's built-in online copy
// (`dir`) and the user's own command (`before_apply`, e.g. pg_dump). When both
// are set the copy is made first and the command gets its path in
// STRATA_BACKUP_FILE (to upload it, say); the reference stored with the history
// rows is then the command's, or the copy's path when the command prints none.
//
// The command line is the user's configuration and runs through /bin/sh -c, in
// strata.toml's directory, so that pipes and redirections work. Whatever it
// prints is shown with the URL's password masked.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "cli/config.h"
#include "driver/driver.h"
#include "engine/logger.h"

namespace strata::cli {

using Environment = std::vector<std::pair<std::string, std::string>>;
using BeforeApply = std::function<Result<std::string>(const std::vector<std::string>& pending)>;

// "20261121T130500Z": UTC, for file names and STRATA_BACKUP_TIMESTAMP.
std::string BackupTimestamp(std::chrono::system_clock::time_point when);

// What the before_apply command finds in its environment, on top of strata's:
// STRATA_URL; for PostgreSQL the libpq variables of the URL (PGHOST, PGPORT,
// PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE, ...), so that a bare `pg_dump`
// reaches the target; STRATA_BACKUP_TIMESTAMP; STRATA_PENDING, the ids about to
// be applied, space-separated; STRATA_BACKUP_FILE when the built-in copy ran.
Result<Environment> HookEnvironment(const std::string& url, const std::string& timestamp,
                                    const std::vector<std::string>& pending,
                                    const std::string& backup_file);

// `text` with the password of `url` masked wherever it shows: in `url` itself,
// in any URL or keyword string, and as the bare PGPASSWORD of `env`.
std::string RedactSecrets(std::string_view text, const std::string& url, const Environment& env);

// The reference a before_apply command gives: the last non-empty line it printed
// on stdout, trimmed; "" when it printed nothing.
std::string ReferenceFrom(std::string_view out);

// The callback that takes the backups [backup] configures before `up` applies
// anything, or an empty function when it configures none. With `skip`
// (--no-backup) the callback only warns that no backup is taken. InvalidInput
// (naming `config` and the key) when `dir` is set for a database without a file
// backup. `conn` and `log` must outlive the callback.
Result<BeforeApply> MakeBeforeApply(const Settings& settings, const std::string& config,
                                    driver::Connection& conn, engine::Logger& log, bool skip);

}  // namespace strata::cli
