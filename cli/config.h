// strata.toml and the environment: everything a command needs to know before it
// touches a database. Only the CLI reads files of configuration, flags and
// environment variables; src/ receives plain structs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"
#include "engine/options.h"
#include "source/directory.h"
#include "source/migration.h"
#include "sql/lint/linter.h"

namespace strata::cli {

// Flags shared by every command; empty means "not given".
struct GlobalFlags {
  std::string config = "strata.toml";
  // --config was given: the file must exist (init creates it).
  bool config_given = false;
  std::string url;
  std::string dir;
  std::string stream;
  std::string history_table;
  std::string history_schema;
  int lock_timeout_s = -1;
  bool json = false;
  bool quiet = false;
  // Not a flag: set by the commands that may create a missing SQLite database
  // file (up, baseline); every other command reports it missing.
  bool create_database = false;
};

// [lint] in strata.toml.
struct LintSettings {
  // strata up lints pending migrations first and stops on findings at or above
  // this severity; kOff (the default without a config file) skips it.
  sql::lint::Severity up_threshold = sql::lint::Severity::kOff;
  sql::lint::LintOptions options;  // [lint.rules] severities, [lint.naming] conventions
};

// [backup] in strata.toml: what `up` runs once before it applies anything
// (cli/backup.h). Both may be set: the copy is made first, then the command runs.
struct BackupSettings {
  // A shell command line (/bin/sh -c), run in the directory of strata.toml with
  // STRATA_URL, the libpq PG* variables, STRATA_BACKUP_TIMESTAMP and
  // STRATA_PENDING set; the last line it prints names the backup. Default: none.
  std::string before_apply;
  // SQLite: an online copy of the database into this directory (relative to
  // strata.toml's directory). Default: none.
  std::string dir;
};

struct Settings {
  std::string url;         // may hold a password: never print it, use DisplayTarget()
  std::string url_source;  // "--url", "STRATA_URL", "DATABASE_URL" or the config path
  // [database] connect_timeout: seconds to wait for a server to accept the
  // connection and login (PostgreSQL). Default 10.
  std::chrono::seconds connect_timeout{10};
  // [database] schema (Flyway's defaultSchema): first on the search_path for the
  // migrations, home of the history table unless history_schema says otherwise,
  // created by the first writing command when missing. PostgreSQL only.
  std::string default_schema;
  std::string dir = "migrations";
  source::Layout layout = source::Layout::kNumbered;  // for an empty directory
  engine::EngineOptions engine;
  LintSettings lint;
  // [drift] exclude: name patterns ("audit.*", "public.legacy_*") of objects
  // managed outside the migrations, which drift does not report.
  std::vector<std::string> drift_exclude;
  BackupSettings backup;
  // [rollback] max_age_days: down warns about rolling back a migration applied
  // longer ago than this; 0: never. Default 30.
  int rollback_max_age_days = 30;
  // The directory of strata.toml, where relative paths of the config (and the
  // before_apply command) start; "." without a config file.
  std::string config_dir = ".";
  bool config_found = false;
  // [placeholders] name = "value", and [migrations] placeholder_prefix /
  // placeholder_suffix: Flyway's ${name}, replaced in every migration file.
  source::Placeholders placeholders;
};

// Reads strata.toml (when present) and the environment, then applies the flags.
// The URL comes from --url, else STRATA_URL, else DATABASE_URL, else strata.toml.
// strata.toml is read strictly (cli/toml_reader.h): an unknown table or key, or a
// value of the wrong type or out of range, is an InvalidInput error (exit 2)
// naming the file, the line, the key and the value or the nearest known key.
Result<Settings> LoadSettings(const GlobalFlags& flags);

// How to read the settings' migrations directory (or `dir`) for `dialect`.
source::LoadOptions LoadOptionsFor(const Settings& settings, Dialect dialect,
                                   const std::string& dir = "");

// How to connect to the settings' database: URL, timeouts.
driver::ConnectOptions ConnectOptionsFor(const Settings& settings);

// The part of LoadSettings that reads strata.toml's `text` into `s` (`file`
// names it in messages); no file system, no environment. For the fuzz target.
Status ReadConfigText(const std::string& text, const std::string& file, Settings& s);

}  // namespace strata::cli
