#include "cli/schema_source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/path_error.h"
#include "base/strings.h"
#include "cli/connect.h"
#include "driver/redact.h"
#include "engine/history.h"
#include "engine/replay.h"
#include "engine/schema_diff.h"
#include "snapshot/schema_json_reader.h"
#include "source/directory.h"

namespace strata::cli {
namespace fs = std::filesystem;

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What is at `path` (file_type::not_found when nothing), or why that cannot be
// told (too long, permission denied).
Result<fs::file_status> StatusOf(const std::string& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    return PathError("read the path", path, ec);
  }
  return st;
}

// True for a directory, and for a path that cannot be looked at (StatusOf says why).
bool DirectoryOrUnreadable(const std::string& path) {
  const Result<fs::file_status> st = StatusOf(path);
  return !st.ok() || fs::is_directory(st.value());
}

}  // namespace

Result<SchemaSource> ParseSource(const std::string& text) {
  SchemaSource s;
  auto explicit_form = [&text](std::string_view prefix) {
    return text.starts_with(prefix) ? std::optional<std::string>(text.substr(prefix.size()))
                                    : std::nullopt;
  };
  if (text.empty()) return Status::InvalidInput("an empty schema source");
  if (auto dir = explicit_form("migrations:")) {
    s.kind = SourceKind::kMigrations;
    s.location = *dir;
  } else if (auto file = explicit_form("snapshot:")) {
    s.kind = SourceKind::kSnapshot;
    s.location = *file;
  } else if (auto files = explicit_form("sql:")) {
    s.kind = SourceKind::kDesiredSql;
    s.location = *files;
  } else if (text.find("://") == std::string::npos && text.find('=') == std::string::npos &&
             DirectoryOrUnreadable(text)) {
    STRATA_RETURN_IF_ERROR(StatusOf(text).status());
    s.kind = SourceKind::kMigrations;
    s.location = text;
  } else if (EndsWithIgnoreCase(text, ".json")) {
    s.kind = SourceKind::kSnapshot;
    s.location = text;
  } else if (EndsWithIgnoreCase(text, ".sql")) {
    s.kind = SourceKind::kDesiredSql;
    s.location = text;
  } else {
    STRATA_RETURN_IF_ERROR(DialectOf(text).status());
    s.location = text;
    return s;
  }
  if (s.kind == SourceKind::kDesiredSql) {
    s.files = SplitAndTrim(s.location, ',');
  } else {
    s.files.push_back(s.location);
  }
  for (const std::string& f : s.files) {
    const bool want_dir = s.kind == SourceKind::kMigrations;
    STRATA_ASSIGN_OR_RETURN(const fs::file_status st, StatusOf(f));
    if (want_dir ? !fs::is_directory(st) : !fs::is_regular_file(st)) {
      return Status::InvalidInput(
          std::string(want_dir ? "no migrations directory '" : "no file '") + f + "'");
    }
  }
  return s;
}

std::string Describe(const SchemaSource& source) {
  switch (source.kind) {
    case SourceKind::kDatabase:
      return "database " + driver::RedactUrl(source.location);
    case SourceKind::kMigrations:
      return "migrations directory " + source.location;
    case SourceKind::kSnapshot:
      return "snapshot " + source.location;
    case SourceKind::kDesiredSql:
      return "desired state " + source.location;
  }
  return source.location;
}

Result<std::string> SourceReader::ShadowBase(const std::string& other_url) const {
  if (!shadow_url_.empty()) return shadow_url_;
  if (!settings_.url.empty()) return settings_.url;
  if (!other_url.empty()) return other_url;
  return Status::InvalidInput(
      "replaying migrations or SQL needs a database to do it in: pass --shadow-url (a "
      "PostgreSQL server where strata may create a scratch database, or sqlite::memory:), or "
      "--url; `strata dev-db start` runs a local PostgreSQL");
}

Result<engine::ScratchPool*> SourceReader::PoolAt(const std::string& base) {
  if (!pool_) {
    driver::ConnectOptions options = ConnectOptionsFor(settings_);
    options.url = base;
    options.application_name = "strata shadow";
    Result<std::unique_ptr<driver::ScratchDatabases>> databases = OpenScratchDatabases(options);
    if (!databases.ok()) return databases.take_status().Prefixed("shadow database: ");
    pool_ = std::make_unique<engine::ScratchPool>(
        std::move(databases).value(), Connect,
        "cannot create a shadow database (the role needs CREATEDB, or pass --shadow-url to a "
        "server where it can): ");
  }
  return pool_.get();
}

engine::FreshDatabase SourceReader::Fresh(const std::string& other_url) {
  return [this, other_url]() -> Result<std::unique_ptr<driver::Connection>> {
    STRATA_ASSIGN_OR_RETURN(std::string base, ShadowBase(other_url));
    STRATA_ASSIGN_OR_RETURN(engine::ScratchPool * pool, PoolAt(base));
    return pool->Fresh();
  };
}

Result<catalog::Catalog> SourceReader::ReadDatabase(driver::Introspection& conn) const {
  return conn.Inspect(engine::WithoutHistoryTables(settings_.engine));
}

Result<source::MigrationSet> SourceReader::LoadMigrations(const std::string& dir,
                                                          const std::string& other_url) {
  STRATA_ASSIGN_OR_RETURN(std::string base, ShadowBase(other_url));
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(base));
  return source::LoadDirectory(LoadOptionsFor(settings_, dialect, dir));
}

Result<catalog::Catalog> SourceReader::Replay(const source::MigrationSet& set,
                                              const std::string& other_url) {
  return engine::Replay(set, settings_.engine, Fresh(other_url));
}

Result<catalog::Catalog> SourceReader::Read(const SchemaSource& source,
                                            const std::string& other_url) {
  switch (source.kind) {
    case SourceKind::kDatabase: {
      driver::ConnectOptions options = ConnectOptionsFor(settings_);
      options.url = source.location;
      STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn, Connect(options));
      return ReadDatabase(*conn);
    }
    case SourceKind::kSnapshot: {
      STRATA_ASSIGN_OR_RETURN(std::string text, ReadFile(source.location));
      Result<catalog::Catalog> c = snapshot::ReadSchemaJson(text);
      if (!c.ok()) return c.take_status().Prefixed(source.location + ": ");
      return c;
    }
    case SourceKind::kDesiredSql: {
      // Where it runs first: without one, that is the error to show.
      STRATA_ASSIGN_OR_RETURN(std::string base, ShadowBase(other_url));
      STRATA_RETURN_IF_ERROR(PoolAt(base).status());
      std::vector<engine::SqlFile> files;
      for (const std::string& file : source.files) {
        STRATA_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
        files.push_back({file, std::move(text)});
      }
      return engine::RunDesiredState(files, settings_.engine, Fresh(other_url));
    }
    case SourceKind::kMigrations: {
      STRATA_ASSIGN_OR_RETURN(source::MigrationSet set, LoadMigrations(source.location, other_url));
      return Replay(set, other_url);
    }
  }
  return Status::Internal("unknown schema source");
}

Result<report::DiffReport> PlanDiff(const catalog::Catalog& from, const catalog::Catalog& to,
                                    const std::vector<std::string>& exclude) {
  STRATA_ASSIGN_OR_RETURN(engine::SchemaDiff diff,
                          engine::PlanDiff(from, to, *PlannerFor(from.dialect), exclude));
  report::DiffReport out;
  out.changes = std::move(diff.changes);
  out.plan = std::move(diff.plan);
  return out;
}

}  // namespace strata::cli
