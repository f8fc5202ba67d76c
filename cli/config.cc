#include "cli/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <toml++/toml.h>

#include "source/layout.h"

namespace strata::cli {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

Status BadValue(const std::string& config, const std::string& what) {
  return Status::InvalidInput(what).WithFile(config);
}

Status ReadLint(const toml::table& t, const std::string& config, LintSettings& lint) {
  const toml::node_view<const toml::node> section = t["lint"];
  if (auto on_up = section["on_up"].value<std::string>()) {
    if (!sql::lint::ParseSeverity(*on_up, &lint.up_threshold)) {
      return BadValue(config, "[lint] on_up = '" + *on_up + "': use off, info, warning or error");
    }
  }
  if (const toml::table* rules = section["rules"].as_table()) {
    for (const auto& [id, value] : *rules) {
      sql::lint::Severity sev;
      const std::optional<std::string> text = value.value<std::string>();
      if (!text || !sql::lint::ParseSeverity(*text, &sev)) {
        return BadValue(config, "[lint.rules] " + std::string(id.str()) +
                                    ": use \"off\", \"info\", \"warning\" or \"error\"");
      }
      lint.options.severity[std::string(id.str())] = sev;
    }
  }
  sql::lint::NamingOptions& n = lint.options.naming;
  const toml::node_view<const toml::node> naming = section["naming"];
  n.index_prefix = naming["index_prefix"].value_or(n.index_prefix);
  n.unique_prefix = naming["unique_prefix"].value_or(n.unique_prefix);
  n.foreign_key_prefix = naming["foreign_key_prefix"].value_or(n.foreign_key_prefix);
  n.check_prefix = naming["check_prefix"].value_or(n.check_prefix);
  n.primary_key_prefix = naming["primary_key_prefix"].value_or(n.primary_key_prefix);
  n.timestamp_suffix = naming["timestamp_suffix"].value_or(n.timestamp_suffix);
  if (const toml::array* prefixes = naming["boolean_prefixes"].as_array()) {
    n.boolean_prefixes.clear();
    for (const auto& p : *prefixes) {
      if (auto v = p.value<std::string>()) n.boolean_prefixes.push_back(*v);
    }
  }
  return Status::Ok();
}

// Only the keys a section knows: a misspelt key would otherwise switch a safety
// net off without a word.
Status OnlyKnownKeys(const toml::table& t, const char* section,
                     std::initializer_list<std::string_view> known, const std::string& config) {
  const toml::table* table = t[section].as_table();
  if (table == nullptr) {
    return t[section] ? BadValue(config, std::string("[") + section + "] must be a table")
                      : Status::Ok();
  }
  for (const auto& [key, value] : *table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      std::string names;
      for (std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
      return BadValue(config, std::string("[") + section + "] " + std::string(key.str()) +
                                  ": unknown key (known: " + names + ")");
    }
  }
  return Status::Ok();
}

Status ReadBackupAndRollback(const toml::table& t, const std::string& config, Settings& s) {
  STRATA_RETURN_IF_ERROR(OnlyKnownKeys(t, "backup", {"before_apply", "dir"}, config));
  STRATA_RETURN_IF_ERROR(OnlyKnownKeys(t, "rollback", {"max_age_days"}, config));
  for (auto [key, out] :
       {std::pair{"before_apply", &s.backup.before_apply}, std::pair{"dir", &s.backup.dir}}) {
    const toml::node* node = t["backup"][key].node();
    if (node == nullptr) continue;
    const std::optional<std::string> v = node->value<std::string>();
    if (!v || v->empty()) {
      return BadValue(config, std::string("[backup] ") + key + " must be a non-empty string");
    }
    *out = *v;
  }
  if (const toml::node* node = t["rollback"]["max_age_days"].node()) {
    const std::optional<int64_t> days = node->value<int64_t>();
    if (!days || *days < 0 || *days > 36'500) {
      return BadValue(config,
                      "[rollback] max_age_days must be a whole number of days from 0 (no "
                      "warning) to 36500");
    }
    s.rollback_max_age_days = static_cast<int>(*days);
  }
  return Status::Ok();
}

}  // namespace

Result<Settings> LoadSettings(const GlobalFlags& flags) {
  Settings s;
  s.engine.tool_version = STRATA_VERSION;
  std::error_code ec;
  if (std::filesystem::exists(flags.config, ec)) {
    toml::table t;
    try {
      t = toml::parse_file(flags.config);
    } catch (const toml::parse_error& e) {
      return Status::InvalidInput(std::string(e.description()))
          .WithFile(flags.config)
          .WithLocation(static_cast<int>(e.source().begin.line),
                        static_cast<int>(e.source().begin.column));
    }
    s.config_found = true;
    s.url = t["database"]["url"].value_or(std::string());
    if (!s.url.empty()) s.url_source = flags.config;
    s.engine.history_table = t["database"]["history_table"].value_or(s.engine.history_table);
    s.engine.history_schema = t["database"]["history_schema"].value_or(s.engine.history_schema);
    s.dir = t["migrations"]["dir"].value_or(s.dir);
    s.engine.stream = t["migrations"]["stream"].value_or(s.engine.stream);
    if (auto layout = t["migrations"]["layout"].value<std::string>()) {
      auto parsed = source::LayoutFromName(*layout);
      if (!parsed) {
        return Status::InvalidInput("[migrations] layout = '" + *layout +
                                    "': use numbered, timestamped, golang-migrate or flyway")
            .WithFile(flags.config);
      }
      s.layout = *parsed;
    }
    if (auto seconds = t["run"]["lock_timeout"].value<int64_t>()) {
      s.engine.lock_timeout = std::chrono::seconds(*seconds);
    }
    // Durations and counts: a negative value is a mistake, not a default.
    auto non_negative = [&](const char* table, const char* key) -> Result<std::optional<int64_t>> {
      const toml::node* node = t[table][key].node();
      if (node == nullptr) return std::optional<int64_t>();
      const std::optional<int64_t> v = node->value<int64_t>();
      if (!v || *v < 0) {
        return Status::InvalidInput(std::string("[") + table + "] " + key +
                                    " must be a whole number of at least 0")
            .WithFile(flags.config);
      }
      return v;
    };
    STRATA_ASSIGN_OR_RETURN(auto ddl_ms, non_negative("run", "ddl_lock_timeout_ms"));
    if (ddl_ms) s.engine.ddl_lock_timeout = std::chrono::milliseconds(*ddl_ms);
    STRATA_ASSIGN_OR_RETURN(auto retries, non_negative("run", "lock_retries"));
    if (retries) s.engine.lock_retries = static_cast<int>(*retries);
    STRATA_ASSIGN_OR_RETURN(auto backoff, non_negative("run", "retry_backoff_ms"));
    if (backoff) s.engine.retry_backoff = std::chrono::milliseconds(*backoff);
    STRATA_ASSIGN_OR_RETURN(auto batch_timeout, non_negative("backfill", "statement_timeout_ms"));
    if (batch_timeout) s.engine.batch_statement_timeout = std::chrono::milliseconds(*batch_timeout);
    STRATA_RETURN_IF_ERROR(ReadLint(t, flags.config, s.lint));
    if (t["drift"]["exclude"] && !t["drift"]["exclude"].as_array()) {
      return Status::InvalidInput(flags.config +
                                  ": [drift] exclude must be an array of name patterns");
    }
    if (const toml::array* patterns = t["drift"]["exclude"].as_array()) {
      for (const auto& p : *patterns) {
        auto v = p.value<std::string>();
        if (!v) return Status::InvalidInput(flags.config + ": [drift] exclude holds a non-string");
        s.drift_exclude.push_back(*v);
      }
    }
    STRATA_RETURN_IF_ERROR(ReadBackupAndRollback(t, flags.config, s));
    // A relative migrations directory is relative to the config file.
    const auto base = std::filesystem::path(flags.config).parent_path();
    if (!base.empty() && std::filesystem::path(s.dir).is_relative()) s.dir = (base / s.dir).string();
    if (!base.empty()) s.config_dir = base.string();
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
  return s;
}

}  // namespace strata::cli
