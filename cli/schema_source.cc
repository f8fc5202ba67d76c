#include "cli/schema_source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/path_error.h"
#include "base/strings.h"
#include "cli/connect.h"
#include "diff/diff.h"
#include "driver/redact.h"
#include "engine/engine.h"
#include "engine/history.h"
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

Result<Shadow*> SourceReader::ShadowAt(const std::string& base) {
  if (!shadow_) {
    driver::ConnectOptions options = ConnectOptionsFor(settings_);
    options.url = base;
    options.application_name = "strata shadow";
    STRATA_ASSIGN_OR_RETURN(shadow_, Shadow::Open(options));
  }
  return shadow_.get();
}

Result<std::unique_ptr<driver::Connection>> SourceReader::FreshShadow(
    const std::string& other_url) {
  STRATA_ASSIGN_OR_RETURN(std::string base, ShadowBase(other_url));
  STRATA_ASSIGN_OR_RETURN(Shadow * shadow, ShadowAt(base));
  return shadow->Fresh();
}

Result<catalog::Catalog> SourceReader::ReadDatabase(driver::Connection& conn) const {
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
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn, FreshShadow(other_url));
  engine::NullLogger quiet;
  engine::Engine engine(*conn, set, settings_.engine, quiet);
  engine::UpOptions up;
  up.allow_out_of_order = true;
  Result<engine::RunReport> run = engine.Up(up);
  if (!run.ok()) {
    return run.take_status().Prefixed("replaying " + set.dir + " in a shadow database: ");
  }
  return ReadDatabase(*conn);
}

Result<catalog::Catalog> SourceReader::RunDesired(const SchemaSource& source,
                                                  const std::string& base) {
  STRATA_ASSIGN_OR_RETURN(Shadow * shadow, ShadowAt(base));
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn, shadow->Fresh());
  for (const std::string& file : source.files) {
    STRATA_ASSIGN_OR_RETURN(std::string sql, ReadFile(file));
    Status ran = conn->Execute(sql);
    if (!ran.ok()) return std::move(ran).WithFile(file);
  }
  return ReadDatabase(*conn);
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
      STRATA_ASSIGN_OR_RETURN(std::string base, ShadowBase(other_url));
      return RunDesired(source, base);
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
  if (from.dialect != to.dialect) {
    return Status::InvalidInput("cannot compare a " + std::string(DialectName(from.dialect)) +
                                " schema with a " + std::string(DialectName(to.dialect)) + " one");
  }
  std::unique_ptr<driver::Planner> planner = PlannerFor(from.dialect);
  report::DiffReport out;
  diff::DiffOptions options;
  options.exclude = exclude;
  out.changes = diff::Diff(from, to, planner->DiffRules(), options);
  out.plan = planner->PlanChanges(out.changes, from, to);
  return out;
}

}  // namespace strata::cli
