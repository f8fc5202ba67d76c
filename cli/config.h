// strata.toml and the environment: everything a command needs to know before it
// touches a database. Only the CLI reads files of configuration, flags and
// environment variables; src/ receives plain structs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/options.h"
#include "source/migration.h"
#include "sql/lint/linter.h"

namespace strata::cli {

// Flags shared by every command; empty means "not given".
struct GlobalFlags {
  std::string config = "strata.toml";
  std::string url;
  std::string dir;
  std::string stream;
  std::string history_table;
  std::string history_schema;
  int lock_timeout_s = -1;
  bool json = false;
  bool quiet = false;
};

// [lint] in strata.toml.
struct LintSettings {
  // strata up lints pending migrations first and stops on findings at or above
  // this severity; kOff (the default without a config file) skips it.
  sql::lint::Severity up_threshold = sql::lint::Severity::kOff;
  sql::lint::LintOptions options;  // [lint.rules] severities, [lint.naming] conventions
};

struct Settings {
  std::string url;                 // may hold a password: never print it, use DisplayTarget()
  std::string url_source;          // "--url", "STRATA_URL", "DATABASE_URL" or the config path
  std::string dir = "migrations";
  source::Layout layout = source::Layout::kNumbered;  // for an empty directory
  engine::EngineOptions engine;
  LintSettings lint;
  // [drift] exclude: name patterns ("audit.*", "public.legacy_*") of objects
  // managed outside the migrations, which drift does not report.
  std::vector<std::string> drift_exclude;
  bool config_found = false;
};

// Reads strata.toml (when present) and the environment, then applies the flags.
// The URL comes from --url, else STRATA_URL, else DATABASE_URL, else strata.toml.
Result<Settings> LoadSettings(const GlobalFlags& flags);

}  // namespace strata::cli
