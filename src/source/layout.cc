#include "source/layout.h"

#include <algorithm>
#include <array>

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

namespace {

// Hand-written grammars: std::regex cost more than the rest of loading a
// directory of 500 files together.

size_t LeadingDigits(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  return n;
}

// Removes `suffix` from the end of `s`; false when `s` does not end with it.
bool EatSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// "<digits>_<rest>" with a non-empty rest.
bool SplitNumberPrefix(std::string_view s, std::string_view* number, std::string_view* rest) {
  const size_t d = LeadingDigits(s);
  if (d == 0 || d + 1 >= s.size() || s[d] != '_') return false;
  *number = s.substr(0, d);
  *rest = s.substr(d + 1);
  return true;
}

// "YYYYMMDD_HHMMSS_" at the start of `s`.
bool StartsWithTimestamp(std::string_view s) {
  return s.size() > 16 && LeadingDigits(s) == 8 && s[8] == '_' && LeadingDigits(s.substr(9)) == 6 &&
         s[15] == '_';
}

std::optional<NamedFile> ParseFlyway(std::string_view s) {
  if (s.empty() || !EatSuffix(s, ".sql")) return std::nullopt;
  const char prefix = s[0];
  if (prefix != 'V' && prefix != 'U' && prefix != 'R') return std::nullopt;
  const size_t sep = s.find("__", 1);
  if (sep == std::string_view::npos || sep + 2 >= s.size()) return std::nullopt;
  const std::string_view version = s.substr(1, sep - 1);
  // digits, optionally separated by single '.' or '_'
  for (size_t i = 0; i < version.size(); ++i) {
    const bool digit = version[i] >= '0' && version[i] <= '9';
    const bool separator = (version[i] == '.' || version[i] == '_') && i > 0 &&
                           i + 1 < version.size() && version[i - 1] != '.' && version[i - 1] != '_';
    if (!digit && !separator) return std::nullopt;
  }
  if ((prefix == 'R') != version.empty()) return std::nullopt;
  NamedFile f;
  f.role = prefix == 'V'   ? NamedFile::Role::kUp
           : prefix == 'U' ? NamedFile::Role::kDown
                           : NamedFile::Role::kRepeatable;
  f.version = std::string(version);
  f.description = Words(std::string(s.substr(sep + 2)));
  return f;
}

std::optional<NamedFile> ParseGolang(std::string_view s) {
  NamedFile f;
  if (EatSuffix(s, ".up.sql")) {
    f.role = NamedFile::Role::kUp;
  } else if (EatSuffix(s, ".down.sql")) {
    f.role = NamedFile::Role::kDown;
  } else {
    return std::nullopt;
  }
  std::string_view number, rest;
  if (!SplitNumberPrefix(s, &number, &rest)) return std::nullopt;
  f.version = std::string(number);
  f.description = Words(std::string(rest));
  return f;
}

std::optional<NamedFile> ParseTimestamped(std::string_view s) {
  if (!EatSuffix(s, ".sql") || !StartsWithTimestamp(s)) return std::nullopt;
  const std::string_view rest = s.substr(16);
  const size_t sep = rest.find('_');
  if (sep == std::string_view::npos || sep + 1 >= rest.size()) return std::nullopt;
  const std::string category(rest.substr(0, sep));
  if (!IsCategory(category)) return std::nullopt;
  NamedFile f;
  f.version = std::string(s.substr(0, 15));
  f.category = category;
  f.description = Words(std::string(rest.substr(sep + 1)));
  return f;
}

std::optional<NamedFile> ParseNumbered(std::string_view s) {
  // A golang-migrate or timestamped name would fit this grammar too; it is not a
  // numbered file, even with a misspelt category (or a timestamped directory with
  // one typo would load as numbered, with versions like 20250101).
  if (ParseGolang(s) || StartsWithTimestamp(s) || !EatSuffix(s, ".sql")) return std::nullopt;
  std::string_view number, rest;
  if (!SplitNumberPrefix(s, &number, &rest)) return std::nullopt;
  NamedFile f;
  f.version = std::string(number);
  f.description = Words(std::string(rest));
  return f;
}

}  // namespace

std::optional<NamedFile> ParseFileName(Layout layout, std::string_view file_name) {
  switch (layout) {
    case Layout::kFlyway:
      return ParseFlyway(file_name);
    case Layout::kGolangMigrate:
      return ParseGolang(file_name);
    case Layout::kTimestamped:
      return ParseTimestamped(file_name);
    case Layout::kNumbered:
      return ParseNumbered(file_name);
    case Layout::kSqitch:  // read from their plan, not from file names
    case Layout::kLiquibase:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<Layout> DetectLayout(const std::vector<std::string>& file_names, Layout fallback) {
  if (file_names.empty()) return fallback;
  auto fits = [](Layout layout) {
    return [layout](const std::string& name) { return ParseFileName(layout, name).has_value(); };
  };
  // A layout that does not fit usually fails on the first name: stop there.
  for (Layout layout : kDetectionOrder) {
    if (std::all_of(file_names.begin(), file_names.end(), fits(layout))) return layout;
  }
  // None fits every name: the error names the first misfit of the closest one.
  Layout closest = Layout::kNumbered;
  size_t closest_fits = 0;
  for (Layout layout : kDetectionOrder) {
    const auto fits_count =
        static_cast<size_t>(std::count_if(file_names.begin(), file_names.end(), fits(layout)));
    if (fits_count > closest_fits) {
      closest = layout;
      closest_fits = fits_count;
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
    case Layout::kSqitch:
      return "sqitch";
    case Layout::kLiquibase:
      return "liquibase";
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
