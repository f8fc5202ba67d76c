#include "source/directory.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "base/strings.h"
#include "source/checksum.h"
#include "source/graph.h"
#include "source/header.h"
#include "source/layout.h"

namespace strata::source {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> SqlFileNames(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Reads a file, rejects bytes that are not UTF-8, and normalizes line endings.
Result<std::string> ReadSqlFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io("cannot read the file").WithFile(path);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string raw = std::move(buf).str();
  size_t bad = 0;
  if (!IsValidUtf8(raw, &bad)) {
    const LineColumn at = LocateOffset(raw, bad);
    return Status::InvalidInput("the file is not valid UTF-8 (byte " + std::to_string(bad) + ")")
        .WithFile(path)
        .WithLocation(at.line, at.column);
  }
  if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);  // BOM
  return NormalizeLineEndings(raw);
}

// The version that a rollback/ file belongs to: "003_rollback.sql", "003.sql",
// "20250101_090000_schema_x.sql" and "20250101_090000_rollback.sql" all work.
std::optional<Version> RollbackVersion(const std::string& name) {
  static const std::regex kLead(R"(^(\d{8}_\d{6}|\d+)(?:_.*)?\.sql$)");
  std::smatch m;
  if (!std::regex_match(name, m, kLead)) return std::nullopt;
  return Version::Parse(m[1].str());
}

Status DuplicateVersion(const Migration& a, const std::string& other_path) {
  return Status::InvalidInput("version " + a.version.text() + " is also used by " + a.up.path)
      .WithFile(other_path);
}

}  // namespace

Result<MigrationSet> LoadDirectory(const LoadOptions& options) {
  const fs::path dir(options.dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("the migrations directory does not exist (strata init creates it)")
        .WithFile(options.dir);
  }
  MigrationSet set;
  set.dir = options.dir;
  const std::vector<std::string> names = SqlFileNames(dir);
  Result<Layout> layout = DetectLayout(names, options.empty_layout);
  if (!layout.ok()) {
    Status st = layout.take_status();
    st.mutable_context().file = (dir / st.context().file).string();
    return st;
  }
  set.layout = *layout;

  std::vector<std::pair<Version, Script>> down_scripts;
  for (const std::string& name : names) {
    const std::string path = (dir / name).string();
    const NamedFile named = *ParseFileName(set.layout, name);
    STRATA_ASSIGN_OR_RETURN(std::string text, ReadSqlFile(path));
    if (named.role == NamedFile::Role::kDown) {
      down_scripts.emplace_back(*Version::Parse(named.version), Script{path, std::move(text), 1});
      continue;
    }
    Migration m;
    m.description = named.description;
    m.category = named.category;
    if (named.role == NamedFile::Role::kRepeatable) {
      m.kind = MigrationKind::kRepeatable;
      m.id = "R__" + fs::path(name).stem().string().substr(3);
    } else {
      m.version = *Version::Parse(named.version);
      m.id = named.version;
    }
    STRATA_ASSIGN_OR_RETURN(m.meta, ParseMetadata(text, path));
    STRATA_ASSIGN_OR_RETURN(Sections sections, SplitSections(text, path));
    m.meta.no_transaction = m.meta.no_transaction || sections.no_transaction;
    m.up = std::move(sections.up);
    m.down = std::move(sections.down);
    m.checksums = ComputeChecksums(text, options.dialect);
    if (!m.is_repeatable()) {
      if (const Migration* other = set.FindVersion(m.version)) return DuplicateVersion(*other, path);
    }
    set.migrations.push_back(std::move(m));
  }

  // Rollback files beside the migrations (rollback/NNN_rollback.sql, seed 002).
  const fs::path rollback_dir = dir / "rollback";
  for (const std::string& name : SqlFileNames(rollback_dir)) {
    const std::string path = (rollback_dir / name).string();
    const std::optional<Version> v = RollbackVersion(name);
    if (!v) {
      return Status::InvalidInput("cannot tell which migration this rollback belongs to; name it "
                                  "like 003_rollback.sql")
          .WithFile(path);
    }
    STRATA_ASSIGN_OR_RETURN(std::string text, ReadSqlFile(path));
    down_scripts.emplace_back(*v, Script{path, std::move(text), 1});
  }

  for (auto& [version, script] : down_scripts) {
    Migration* target = nullptr;
    for (Migration& m : set.migrations) {
      if (!m.is_repeatable() && m.version == version) target = &m;
    }
    if (target == nullptr) {
      return Status::InvalidInput("rollback for version " + version.text() +
                                  ", but no migration has that version")
          .WithFile(script.path);
    }
    if (target->down) {
      return Status::InvalidInput("a second rollback for " + target->up.path + " (the first is " +
                                  target->down->path + ")")
          .WithFile(script.path);
    }
    target->down = std::move(script);
  }

  STRATA_RETURN_IF_ERROR(OrderByDependencies(set.migrations));
  return set;
}

}  // namespace strata::source
