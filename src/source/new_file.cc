#include "source/new_file.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "base/numbers.h"
#include "base/path_error.h"

namespace strata::source {
namespace {

std::string Slug(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::string UtcStamp(std::time_t now, const char* format) {
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// The first numeric part of the highest version, plus one, zero-padded like the
// existing files (at least `min_width` digits). A number past int64 is an error
// naming the version.
Result<std::string> NextNumber(const MigrationSet& set, size_t min_width) {
  int64_t highest = 0;
  size_t width = min_width;
  for (const Migration& m : set.migrations) {
    if (m.is_repeatable()) continue;
    const std::string& text = m.version.text();
    const size_t digits = std::min(text.find_first_not_of("0123456789"), text.size());
    if (digits == 0) continue;
    const Result<int64_t> number = ParseInt64(std::string_view(text).substr(0, digits));
    if (!number.ok() || *number == INT64_MAX) {
      return Status::InvalidInput("version " + text + " is too large a number to count on from");
    }
    highest = std::max(highest, *number);
    if (text[0] == '0') width = std::max(width, digits);
  }
  std::string next = std::to_string(highest + 1);
  if (next.size() < width) next.insert(0, width - next.size(), '0');
  return next;
}

constexpr const char* kUpTemplate =
    "-- Author:\n"
    "-- Ticket:\n"
    "-- Breaking: false\n"
    "-- Add \"-- Version: X.Y.Z\" for the schema version after this migration, and\n"
    "-- \"-- strata:no-transaction\" for statements such as CREATE INDEX CONCURRENTLY.\n\n";
constexpr const char* kDownTemplate =
    "-- Undo every change of the migration above, in reverse order.\n\n";

}  // namespace

Result<std::vector<NewFile>> PlanNewMigration(const MigrationSet& set, const std::string& name,
                                              const std::string& category, std::time_t now) {
  const std::string slug = Slug(name);
  if (slug.empty()) {
    return Status::InvalidInput("the migration name '" + name + "' has no letters or digits");
  }
  if (category != "schema" && category != "data" && category != "security" && category != "perf") {
    return Status::InvalidInput("--type '" + category + "': use schema, data, security or perf");
  }
  const std::filesystem::path dir(set.dir);
  std::vector<NewFile> files;
  switch (set.layout) {
    case Layout::kNumbered: {
      STRATA_ASSIGN_OR_RETURN(const std::string v, NextNumber(set, 3));
      files.push_back({(dir / (v + "_" + slug + ".sql")).string(), kUpTemplate});
      files.push_back({(dir / "rollback" / (v + "_rollback.sql")).string(), kDownTemplate});
      break;
    }
    case Layout::kTimestamped: {
      const std::string v = UtcStamp(now, "%Y%m%d_%H%M%S");
      files.push_back({(dir / (v + "_" + category + "_" + slug + ".sql")).string(), kUpTemplate});
      files.push_back({(dir / "rollback" / (v + "_rollback.sql")).string(), kDownTemplate});
      break;
    }
    case Layout::kGolangMigrate: {
      // Keep the directory's style: timestamps if it uses them, sequence numbers otherwise.
      const bool stamps =
          std::any_of(set.migrations.begin(), set.migrations.end(),
                      [](const Migration& m) { return m.version.text().size() >= 14; });
      STRATA_ASSIGN_OR_RETURN(
          const std::string v,
          stamps ? Result<std::string>(UtcStamp(now, "%Y%m%d%H%M%S")) : NextNumber(set, 6));
      files.push_back({(dir / (v + "_" + slug + ".up.sql")).string(), kUpTemplate});
      files.push_back({(dir / (v + "_" + slug + ".down.sql")).string(), kDownTemplate});
      break;
    }
    case Layout::kFlyway: {
      STRATA_ASSIGN_OR_RETURN(const std::string v, NextNumber(set, 1));
      files.push_back({(dir / ("V" + v + "__" + slug + ".sql")).string(), kUpTemplate});
      files.push_back({(dir / ("U" + v + "__" + slug + ".sql")).string(), kDownTemplate});
      break;
    }
    case Layout::kSqitch:
      return Status::InvalidInput(
          "the directory is a sqitch project: add a change with `sqitch add " + slug +
          "`, which writes its line in sqitch.plan");
    case Layout::kLiquibase:
      return Status::InvalidInput(
          "the directory holds Liquibase changelogs: add a --changeset to one of them");
  }
  // Timestamps can collide when two files are made in the same second.
  for (const NewFile& f : files) {
    std::error_code ec;
    const std::filesystem::file_status st = std::filesystem::symlink_status(f.path, ec);
    if (std::filesystem::exists(st)) {
      return Status::InvalidInput("the file already exists; try again in a second")
          .WithFile(f.path);
    }
    if (ec && st.type() != std::filesystem::file_type::not_found) {
      return PathError("create the file", f.path, ec);
    }
  }
  return files;
}

}  // namespace strata::source
