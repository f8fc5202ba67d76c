#include "source/layout.h"

#include <algorithm>
#include <array>
#include <regex>

namespace strata::source {
namespace {

std::string Words(std::string s) {
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

bool IsCategory(const std::string& s) {
  return s == "schema" || s == "data" || s == "security" || s == "perf";
}

constexpr std::array<Layout, 4> kDetectionOrder = {Layout::kFlyway, Layout::kGolangMigrate,
                                                   Layout::kTimestamped, Layout::kNumbered};

}  // namespace

std::optional<NamedFile> ParseFileName(Layout layout, std::string_view file_name) {
  // File names are short; std::regex keeps each grammar readable in one line.
  static const std::regex kFlyway(R"(^([VUR])(\d+(?:[._]\d+)*)?__(.+)\.sql$)");
  static const std::regex kGolang(R"(^(\d+)_(.+)\.(up|down)\.sql$)");
  static const std::regex kTimestamped(R"(^(\d{8}_\d{6})_([a-z]+)_(.+)\.sql$)");
  static const std::regex kNumbered(R"(^(\d+)_(.+)\.sql$)");
  static const std::regex kStartsWithTimestamp(R"(^\d{8}_\d{6}_.*)");
  const std::string name(file_name);
  std::smatch m;
  NamedFile f;
  switch (layout) {
    case Layout::kFlyway: {
      if (!std::regex_match(name, m, kFlyway)) return std::nullopt;
      const char prefix = m[1].str()[0];
      if ((prefix == 'R') != (m[2].length() == 0)) return std::nullopt;
      f.role = prefix == 'V'   ? NamedFile::Role::kUp
               : prefix == 'U' ? NamedFile::Role::kDown
                               : NamedFile::Role::kRepeatable;
      f.version = m[2].str();
      f.description = Words(m[3].str());
      return f;
    }
    case Layout::kGolangMigrate:
      if (!std::regex_match(name, m, kGolang)) return std::nullopt;
      f.role = m[3].str() == "up" ? NamedFile::Role::kUp : NamedFile::Role::kDown;
      f.version = m[1].str();
      f.description = Words(m[2].str());
      return f;
    case Layout::kTimestamped:
      if (!std::regex_match(name, m, kTimestamped) || !IsCategory(m[2].str())) return std::nullopt;
      f.version = m[1].str();
      f.category = m[2].str();
      f.description = Words(m[3].str());
      return f;
    case Layout::kNumbered:
      // A golang-migrate or timestamped name would fit this grammar too; it is not a
      // numbered file, even with a misspelt category (or a timestamped directory with
      // one typo would load as numbered, with versions like 20250101).
      if (!std::regex_match(name, m, kNumbered) || std::regex_match(name, kGolang) ||
          std::regex_match(name, kStartsWithTimestamp))
        return std::nullopt;
      f.version = m[1].str();
      f.description = Words(m[2].str());
      return f;
  }
  return std::nullopt;
}

Result<Layout> DetectLayout(const std::vector<std::string>& file_names, Layout fallback) {
  if (file_names.empty()) return fallback;
  Layout closest = Layout::kNumbered;
  size_t closest_fits = 0;
  for (Layout layout : kDetectionOrder) {
    size_t fits = 0;
    for (const std::string& name : file_names) fits += ParseFileName(layout, name).has_value();
    if (fits == file_names.size()) return layout;
    if (fits > closest_fits) {
      closest = layout;
      closest_fits = fits;
    }
  }
  for (const std::string& name : file_names) {
    if (!ParseFileName(closest, name)) {
      return Status::InvalidInput(std::string("cannot read the migration file name; the directory "
                                              "looks like the ") +
                                  LayoutName(closest) + " layout, which names files like " +
                                  (closest == Layout::kFlyway          ? "V1__create_users.sql"
                                   : closest == Layout::kGolangMigrate ? "1_create_users.up.sql"
                                   : closest == Layout::kTimestamped
                                       ? "20250101_090000_schema_create_users.sql"
                                       : "001_create_users.sql"))
          .WithFile(name);
    }
  }
  return closest;
}

std::optional<Layout> LayoutFromName(std::string_view name) {
  for (Layout layout : kDetectionOrder) {
    if (name == LayoutName(layout)) return layout;
  }
  return std::nullopt;
}

const char* LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kNumbered:
      return "numbered";
    case Layout::kTimestamped:
      return "timestamped";
    case Layout::kGolangMigrate:
      return "golang-migrate";
    case Layout::kFlyway:
      return "flyway";
  }
  return "unknown";
}

const Migration* MigrationSet::FindVersion(const Version& v) const {
  for (const Migration& m : migrations) {
    if (!m.is_repeatable() && m.version == v) return &m;
  }
  return nullptr;
}

}  // namespace strata::source
