#include "cli/config.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/path_error.h"
#include "cli/connect.h"
#include "cli/secrets.h"
#include "cli/toml.h"
#include "cli/toml_reader.h"
#include "cli/toml_text.h"
#include "source/layout.h"
#include "sql/lint/registry.h"

namespace strata::cli {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

using Empty = TomlReader::Empty;

constexpr std::string_view kSeverities[] = {"off", "info", "warning", "error"};
constexpr std::string_view kLayouts[] = {"numbered", "timestamped", "golang-migrate", "flyway"};
// Upper bounds: a day for waits and timeouts, the backoff's own cap (retry.h),
// a century of days; beyond them a value is a typo, not a setting.
constexpr int64_t kMaxSeconds = 86'400;
constexpr int64_t kMaxMs = 86'400'000;
constexpr int64_t kMaxRetries = 1'000;
constexpr int64_t kMaxBackoffMs = 10'000;
constexpr int64_t kMaxDays = 36'500;

sql::lint::Severity SeverityOf(const std::string& name) {
  sql::lint::Severity severity = sql::lint::Severity::kOff;
  (void)sql::lint::ParseSeverity(name, &severity);  // `name` is one of kSeverities
  return severity;
}

// A duration in milliseconds from 0 to `max`; absent keeps `field`.
Status ReadMs(TomlReader& table, std::string_view key, int64_t max,
              std::chrono::milliseconds& field) {
  STRATA_ASSIGN_OR_RETURN(const int64_t ms, table.Integer(key, field.count(), 0, max, "ms"));
  field = std::chrono::milliseconds(ms);
  return Status::Ok();
}

Status ReadDatabaseAndMigrations(TomlReader& root, Settings& s) {
  STRATA_ASSIGN_OR_RETURN(TomlReader database, root.Table("database"));
  STRATA_ASSIGN_OR_RETURN(s.url, database.String("url", "", Empty::kRefused));
  STRATA_ASSIGN_OR_RETURN(
      s.engine.history_table,
      database.String("history_table", s.engine.history_table, Empty::kRefused));
  STRATA_ASSIGN_OR_RETURN(
      s.engine.history_schema,
      database.String("history_schema", s.engine.history_schema, Empty::kAllowed));
  STRATA_ASSIGN_OR_RETURN(s.default_schema,
                          database.String("schema", s.default_schema, Empty::kRefused));
  if (!s.default_schema.empty() && s.engine.history_schema.empty()) {
    s.engine.history_schema = s.default_schema;
  }
  s.engine.create_schema = s.default_schema;
  // At least a second: libpq reads 0 as "wait forever", which is what it prevents.
  STRATA_ASSIGN_OR_RETURN(
      const int64_t connect_timeout,
      database.Integer("connect_timeout", s.connect_timeout.count(), 1, kMaxSeconds, "seconds"));
  s.connect_timeout = std::chrono::seconds(connect_timeout);
  STRATA_RETURN_IF_ERROR(database.Finish());

  STRATA_ASSIGN_OR_RETURN(TomlReader migrations, root.Table("migrations"));
  STRATA_ASSIGN_OR_RETURN(s.dir, migrations.String("dir", s.dir, Empty::kRefused));
  STRATA_ASSIGN_OR_RETURN(s.engine.stream,
                          migrations.String("stream", s.engine.stream, Empty::kRefused));
  STRATA_ASSIGN_OR_RETURN(const std::string layout,
                          migrations.OneOf("layout", source::LayoutName(s.layout), kLayouts));
  const std::optional<source::Layout> parsed = source::LayoutFromName(layout);
  if (!parsed) return Status::Internal("kLayouts names a layout that source does not know");
  s.layout = *parsed;
  STRATA_ASSIGN_OR_RETURN(
      s.placeholders.prefix,
      migrations.String("placeholder_prefix", s.placeholders.prefix, Empty::kRefused));
  STRATA_ASSIGN_OR_RETURN(
      s.placeholders.suffix,
      migrations.String("placeholder_suffix", s.placeholders.suffix, Empty::kRefused));
  STRATA_RETURN_IF_ERROR(migrations.Finish());

  // [placeholders]: the names are the user's; each value must be a string.
  STRATA_ASSIGN_OR_RETURN(TomlReader placeholders, root.Table("placeholders"));
  for (const auto& [key, value] : placeholders.table()) {
    STRATA_ASSIGN_OR_RETURN(std::string text, placeholders.String(key.str(), "", Empty::kAllowed));
    s.placeholders.values[std::string(key.str())] = std::move(text);
  }
  return placeholders.Finish();
}

Status ReadRunAndBackfill(TomlReader& root, engine::EngineOptions& engine) {
  STRATA_ASSIGN_OR_RETURN(TomlReader run, root.Table("run"));
  STRATA_ASSIGN_OR_RETURN(
      const int64_t seconds,
      run.Integer("lock_timeout",
                  std::chrono::duration_cast<std::chrono::seconds>(engine.lock_timeout).count(), 0,
                  kMaxSeconds, "seconds"));
  engine.lock_timeout = std::chrono::seconds(seconds);
  STRATA_RETURN_IF_ERROR(ReadMs(run, "ddl_lock_timeout_ms", kMaxMs, engine.ddl_lock_timeout));
  STRATA_ASSIGN_OR_RETURN(const int64_t retries,
                          run.Integer("lock_retries", engine.lock_retries, 0, kMaxRetries, ""));
  engine.lock_retries = static_cast<int>(retries);
  STRATA_RETURN_IF_ERROR(ReadMs(run, "retry_backoff_ms", kMaxBackoffMs, engine.retry_backoff));
  STRATA_RETURN_IF_ERROR(run.Finish());

  STRATA_ASSIGN_OR_RETURN(TomlReader backfill, root.Table("backfill"));
  STRATA_RETURN_IF_ERROR(
      ReadMs(backfill, "statement_timeout_ms", kMaxMs, engine.batch_statement_timeout));
  return backfill.Finish();
}

Status ReadLint(TomlReader& root, LintSettings& lint) {
  STRATA_ASSIGN_OR_RETURN(TomlReader section, root.Table("lint"));
  STRATA_ASSIGN_OR_RETURN(
      const std::string on_up,
      section.OneOf("on_up", sql::lint::SeverityName(lint.up_threshold), kSeverities));
  lint.up_threshold = SeverityOf(on_up);

  // [lint.rules]: a rule's id and its severity.
  STRATA_ASSIGN_OR_RETURN(TomlReader rules, section.Table("rules"));
  if (!rules.table().empty()) {
    std::vector<std::string> ids;
    for (const auto& rule : sql::lint::AllRules()) ids.push_back(rule->info().id);
    const std::vector<std::string_view> known(ids.begin(), ids.end());
    for (const auto& [key, value] : rules.table()) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        return rules.UnknownKey(key, known);
      }
      STRATA_ASSIGN_OR_RETURN(const std::string severity, rules.OneOf(key.str(), "", kSeverities));
      lint.options.severity[std::string(key.str())] = SeverityOf(severity);
    }
  }

  // [lint.naming]: an empty prefix or suffix turns its check off.
  STRATA_ASSIGN_OR_RETURN(TomlReader naming, section.Table("naming"));
  sql::lint::NamingOptions& n = lint.options.naming;
  for (auto [key, field] :
       {std::pair{"index_prefix", &n.index_prefix}, std::pair{"unique_prefix", &n.unique_prefix},
        std::pair{"foreign_key_prefix", &n.foreign_key_prefix},
        std::pair{"check_prefix", &n.check_prefix},
        std::pair{"primary_key_prefix", &n.primary_key_prefix},
        std::pair{"timestamp_suffix", &n.timestamp_suffix}}) {
    STRATA_ASSIGN_OR_RETURN(*field, naming.String(key, *field, Empty::kAllowed));
  }
  STRATA_ASSIGN_OR_RETURN(n.boolean_prefixes,
                          naming.Strings("boolean_prefixes", n.boolean_prefixes));
  STRATA_RETURN_IF_ERROR(naming.Finish());
  return section.Finish();
}

Status ReadDriftBackupAndRollback(TomlReader& root, Settings& s) {
  STRATA_ASSIGN_OR_RETURN(TomlReader drift, root.Table("drift"));
  STRATA_ASSIGN_OR_RETURN(s.drift_exclude, drift.Strings("exclude", s.drift_exclude));
  STRATA_RETURN_IF_ERROR(drift.Finish());

  STRATA_ASSIGN_OR_RETURN(TomlReader backup, root.Table("backup"));
  STRATA_ASSIGN_OR_RETURN(s.backup.before_apply,
                          backup.String("before_apply", s.backup.before_apply, Empty::kRefused));
  STRATA_ASSIGN_OR_RETURN(s.backup.dir, backup.String("dir", s.backup.dir, Empty::kRefused));
  STRATA_RETURN_IF_ERROR(backup.Finish());

  STRATA_ASSIGN_OR_RETURN(TomlReader rollback, root.Table("rollback"));
  STRATA_ASSIGN_OR_RETURN(
      const int64_t days,
      rollback.Integer("max_age_days", s.rollback_max_age_days, 0, kMaxDays, "days"));
  s.rollback_max_age_days = static_cast<int>(days);
  return rollback.Finish();
}

// strata.toml into `s`: every table and key known, every value typed and in range.
Status ReadConfig(const std::string& file, Settings& s) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    return Status::InvalidInput("is a directory").WithFile(file);
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in) return Status::Io("cannot read the file").WithFile(file);
  return ReadConfigText(std::move(buffer).str(), file, s);
}

}  // namespace

Status ReadConfigText(const std::string& text, const std::string& file, Settings& s) {
  STRATA_RETURN_IF_ERROR(CheckTomlText(text, file));  // what toml++ 3.3.0 cannot read safely
  toml::table t;
  try {
    t = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    return Status::InvalidInput(std::string(e.description()))
        .WithFile(file)
        .WithLocation(static_cast<int>(e.source().begin.line),
                      static_cast<int>(e.source().begin.column));
  }
  TomlReader root(t, text, file);
  STRATA_RETURN_IF_ERROR(ReadDatabaseAndMigrations(root, s));
  STRATA_RETURN_IF_ERROR(ReadRunAndBackfill(root, s.engine));
  STRATA_RETURN_IF_ERROR(ReadLint(root, s.lint));
  STRATA_RETURN_IF_ERROR(ReadDriftBackupAndRollback(root, s));
  return root.Finish();
}

Result<Settings> LoadSettings(const GlobalFlags& flags) {
  Settings s;
  s.engine.tool_version = STRATA_VERSION;
  std::error_code ec;
  const bool config_exists = std::filesystem::exists(flags.config, ec);
  if (ec) {
    return PathError("read the config file", flags.config, ec);
  }
  if (!config_exists && flags.config_given) {
    return Status::InvalidInput("no such config file (--config)").WithFile(flags.config);
  }
  if (config_exists) {
    STRATA_RETURN_IF_ERROR(ReadConfig(flags.config, s));
    s.config_found = true;
    if (!s.url.empty()) s.url_source = flags.config;
    // A relative migrations directory is relative to the config file.
    const auto base = std::filesystem::path(flags.config).parent_path();
    if (!base.empty() && std::filesystem::path(s.dir).is_relative())
      s.dir = (base / s.dir).string();
    if (!base.empty()) s.config_dir = base.string();
    if (!base.empty() && !s.url.empty()) s.url = UrlRelativeTo(s.url, base.string());
    if (!base.empty() && !s.backup.dir.empty() &&
        std::filesystem::path(s.backup.dir).is_relative()) {
      s.backup.dir = (base / s.backup.dir).string();
    }
  }
  for (const auto& [value, source] :
       {std::pair{Env("DATABASE_URL"), "DATABASE_URL"}, std::pair{Env("STRATA_URL"), "STRATA_URL"},
        std::pair{flags.url, "--url"}}) {
    if (!value.empty()) {
      s.url = value;
      s.url_source = source;
    }
  }
  if (!flags.dir.empty()) s.dir = flags.dir;
  if (!flags.stream.empty()) s.engine.stream = flags.stream;
  if (!flags.history_table.empty()) s.engine.history_table = flags.history_table;
  if (!flags.history_schema.empty()) s.engine.history_schema = flags.history_schema;
  if (flags.lock_timeout_s >= 0) s.engine.lock_timeout = std::chrono::seconds(flags.lock_timeout_s);
  AddSecretsOf(s.url);
  return s;
}

source::LoadOptions LoadOptionsFor(const Settings& settings, Dialect dialect,
                                   const std::string& dir) {
  source::LoadOptions load;
  load.dir = dir.empty() ? settings.dir : dir;
  load.empty_layout = settings.layout;
  load.dialect = dialect;
  load.placeholders = settings.placeholders;
  return load;
}

driver::ConnectOptions ConnectOptionsFor(const Settings& settings) {
  driver::ConnectOptions options;
  options.url = settings.url;
  options.default_schema = settings.default_schema;
  options.lock_wait = settings.engine.lock_timeout;
  options.connect_timeout = settings.connect_timeout;
  return options;
}

}  // namespace strata::cli
