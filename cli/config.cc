#include "cli/config.h"

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
    // A relative migrations directory is relative to the config file.
    const auto base = std::filesystem::path(flags.config).parent_path();
    if (!base.empty() && std::filesystem::path(s.dir).is_relative()) s.dir = (base / s.dir).string();
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
