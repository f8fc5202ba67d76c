// File-name grammar of each supported layout, and detection of the layout a
// directory uses. Pure functions over names; no file system access.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

// What one file name says under one layout.
struct NamedFile {
  enum class Role { kUp, kDown, kRepeatable };
  Role role = Role::kUp;
  std::string version;      // as written; empty for a repeatable
  std::string description;  // underscores turned into spaces
  std::string category;     // timestamped layout only
};

// Reads `file_name` (no directory part) under `layout`; nullopt when it does not fit.
std::optional<NamedFile> ParseFileName(Layout layout, std::string_view file_name);

// Picks the layout that every name fits, trying the most specific first. When no
// layout fits all names, the error names the first file that the closest layout
// cannot read. An empty list gives `fallback`.
Result<Layout> DetectLayout(const std::vector<std::string>& file_names, Layout fallback);

// Parses a layout name from strata.toml ("numbered", "timestamped", "golang-migrate", "flyway").
std::optional<Layout> LayoutFromName(std::string_view name);

}  // namespace strata::source
