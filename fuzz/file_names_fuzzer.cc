// Migration file names (source/layout.h, source/version.h): one name a line.
// Every name under every layout, the versions they carry, and the detection of
// the layout a directory uses. LoadDirectory trusts two things checked here:
// every name fits the layout DetectLayout picks, and a versioned name's version
// parses unless it has too many digits.
#include <algorithm>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "source/layout.h"
#include "source/version.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  using source::Layout;
  const std::string_view text = fuzz::AsText(data, size);
  std::vector<std::string> names;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    names.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }

  std::vector<source::Version> versions;
  for (const std::string& name : names) {
    for (Layout layout :
         {Layout::kNumbered, Layout::kTimestamped, Layout::kGolangMigrate, Layout::kFlyway}) {
      const std::optional<source::NamedFile> named = source::ParseFileName(layout, name);
      if (!named || named->role == source::NamedFile::Role::kRepeatable) continue;
      fuzz::Expect(!named->version.empty(), "a versioned name has a version");
      if (std::optional<source::Version> v = source::Version::Parse(named->version)) {
        versions.push_back(*v);
      }
    }
    (void)source::LayoutFromName(name);
    if (std::optional<source::Version> v = source::Version::Parse(name)) versions.push_back(*v);
  }

  // The names of a directory: those ending in .sql (SqlFileNames), sorted.
  std::vector<std::string> sql_names;
  for (const std::string& name : names) {
    if (name.ends_with(".sql")) sql_names.push_back(name);
  }
  std::sort(sql_names.begin(), sql_names.end());
  Result<Layout> layout = source::DetectLayout(sql_names, Layout::kNumbered);
  if (layout.ok()) {
    for (const std::string& name : sql_names) {
      fuzz::Expect(source::ParseFileName(*layout, name).has_value(),
                   "every name fits the layout DetectLayout picked");
    }
  }

  // Versions order as a total order: sorting must not trip over them.
  std::sort(versions.begin(), versions.end());
  for (size_t i = 1; i < versions.size(); ++i) {
    fuzz::Expect(versions[i - 1] <= versions[i] && (versions[i] <=> versions[i - 1]) >= 0,
                 "sorted versions compare in order");
  }
  return 0;
}
