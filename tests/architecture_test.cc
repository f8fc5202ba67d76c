// The arrows of docs/architecture.md, checked against every `#include "x/..."`
// of src/ and cli/. Link lists catch a forbidden call, but not a header-only
// include across a seam (strata_base exports src/ to everyone): this does.
// Also: no header of ours includes a C library's header, so that the dialect
// libraries stay behind their driver folders.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::vector<std::string> Split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != std::string::npos;) {
    parts.push_back(Trim(text.substr(start, at - start)));
    start = at + separator.size();
  }
  parts.push_back(Trim(text.substr(start)));
  return parts;
}

// Which folders may include which: the closure of the arrows, each folder
// reaching itself. "driver/<dialect>" in the arrows stands for every folder
// `dialects` names.
class Arrows {
 public:
  Arrows(const std::string& block, const std::vector<std::string>& dialects) {
    std::istringstream lines(block);
    for (std::string line; std::getline(lines, line);) {
      line = line.substr(0, line.find('('));               // "(the only place ...)" is prose
      if (line.find("->") == std::string::npos) continue;  // prose continued
      std::vector<std::set<std::string>> chain;
      for (const std::string& group : Split(line, "->")) {
        std::set<std::string>& nodes = chain.emplace_back();
        for (const std::string& node : Split(group, ",")) {
          if (node == "driver/<dialect>") {
            for (const std::string& d : dialects) nodes.insert("driver/" + d);
          } else if (!node.empty()) {
            nodes.insert(node);
          }
        }
      }
      for (size_t i = 0; i + 1 < chain.size(); ++i) {
        for (const std::string& from : chain[i]) {
          for (const std::string& to : chain[i + 1]) edges_[from].insert(to);
        }
      }
      for (const std::set<std::string>& nodes : chain) folders_.insert(nodes.begin(), nodes.end());
    }
  }

  bool Knows(const std::string& folder) const { return folders_.count(folder) > 0; }

  bool Reaches(const std::string& from, const std::string& to) const {
    std::set<std::string> seen = {from};
    std::vector<std::string> to_visit = {from};
    while (!to_visit.empty()) {
      const std::string at = to_visit.back();
      to_visit.pop_back();
      if (at == to) return true;
      auto it = edges_.find(at);
      if (it == edges_.end()) continue;
      for (const std::string& next : it->second) {
        if (seen.insert(next).second) to_visit.push_back(next);
      }
    }
    return false;
  }

  // The folder of the arrows a path ("engine/up.h", "sql/lint/rules/x.cc",
  // "driver/postgres/driver.h") belongs to: its two first parts when the arrows
  // name them, else its first.
  std::string FolderOf(const std::string& path) const {
    const std::vector<std::string> parts = Split(path, "/");
    if (parts.size() > 2 && Knows(parts[0] + "/" + parts[1])) return parts[0] + "/" + parts[1];
    return parts[0];
  }

 private:
  std::map<std::string, std::set<std::string>> edges_;
  std::set<std::string> folders_;
};

// The fenced block after "## Arrows" in docs/architecture.md.
std::string ArrowsBlock(const std::string& doc) {
  const size_t section = doc.find("## Arrows");
  if (section == std::string::npos) return "";
  const size_t open = doc.find("```", section);
  if (open == std::string::npos) return "";
  const size_t start = doc.find('\n', open) + 1;
  const size_t close = doc.find("```", start);
  return close == std::string::npos ? "" : doc.substr(start, close - start);
}

struct Include {
  std::string path;  // as written between the quotes
  int line = 0;
};

std::vector<Include> QuotedIncludes(const std::string& text) {
  std::vector<Include> out;
  std::istringstream lines(text);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    const std::string trimmed = Trim(line);
    if (trimmed.rfind("#include \"", 0) != 0) continue;
    const size_t open = trimmed.find('"');
    const size_t close = trimmed.find('"', open + 1);
    if (close != std::string::npos)
      out.push_back({trimmed.substr(open + 1, close - open - 1), number});
  }
  return out;
}

// "file:line: engine may not include cli/x.h (engine -> cli is no arrow)" for
// each include of `text` (the file `file`, in folder `from`) that the arrows forbid.
std::vector<std::string> Violations(const Arrows& arrows, const std::string& file,
                                    const std::string& from, const std::string& text) {
  std::vector<std::string> out;
  for (const Include& inc : QuotedIncludes(text)) {
    const std::string to = arrows.FolderOf(inc.path);
    if (!arrows.Knows(to)) {
      // A folder the arrows do not know: "tests/..." from src, or a new folder
      // whose arrows the document does not give yet.
      if (inc.path.find('/') != std::string::npos) {
        out.push_back(file + ":" + std::to_string(inc.line) + ": " + inc.path +
                      " is in a folder docs/architecture.md's arrows do not name");
      }
      continue;
    }
    if (!arrows.Reaches(from, to)) {
      out.push_back(file + ":" + std::to_string(inc.line) + ": " + from + " may not include " +
                    inc.path + " (no arrow leads from " + from + " to " + to + ")");
    }
  }
  return out;
}

// Test code may reach any layer it links (a real driver in an engine test).
bool IsTestCode(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.find("_test") != std::string::npos || name.find("test_") != std::string::npos) {
    return true;
  }
  for (const fs::path& part : path) {
    if (part == "testing") return true;
  }
  return false;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path SourceDir() {
  const char* env = std::getenv("STRATA_SOURCE_DIR");
  return env != nullptr ? fs::path(env) : fs::path(STRATA_TEST_SOURCE_DIR);
}

// The dialect folders under src/driver/ (every folder but testing/).
std::vector<std::string> DialectFolders(const fs::path& root) {
  std::vector<std::string> out;
  for (const fs::directory_entry& e : fs::directory_iterator(root / "src" / "driver")) {
    if (e.is_directory() && e.path().filename() != "testing") {
      out.push_back(e.path().filename().string());
    }
  }
  return out;
}

const char* const kTestArrows = R"(
cli -> engine -> driver -> base
       engine -> sql/lint -> sql -> base
cli -> driver/postgres   (prose)
       driver/<dialect> -> driver
)";

TEST(Arrows, AnIncludeAlongTheArrowsOrTheirClosureIsAllowed) {
  const Arrows arrows(kTestArrows, {"postgres", "sqlite"});
  EXPECT_TRUE(
      Violations(arrows, "engine/up.cc", "engine", "#include \"driver/driver.h\"\n").empty());
  EXPECT_TRUE(Violations(arrows, "engine/up.cc", "engine", "#include \"base/status.h\"\n").empty());
  EXPECT_TRUE(
      Violations(arrows, "engine/up.cc", "engine", "#include \"engine/history.h\"\n").empty());
  EXPECT_TRUE(
      Violations(arrows, "sql/lint/x.cc", "sql/lint", "#include \"sql/model.h\"\n").empty());
  EXPECT_TRUE(Violations(arrows, "driver/sqlite/driver.cc", "driver/sqlite",
                         "#include \"driver/driver.h\"\n")
                  .empty());
  EXPECT_TRUE(Violations(arrows, "cli/main.cc", "cli", "#include <gtest/gtest.h>\n").empty());
}

TEST(Arrows, AnIncludeAgainstTheArrowsIsNamedWithItsFileAndLine) {
  const Arrows arrows(kTestArrows, {"postgres", "sqlite"});
  const std::vector<std::string> back =
      Violations(arrows, "engine/up.cc", "engine", "// x\n#include \"cli/settings.h\"\n");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0],
            "engine/up.cc:2: engine may not include cli/settings.h (no arrow leads from "
            "engine to cli)");
  // A concrete driver only from the CLI; "driver/<dialect>" covers both dialects.
  EXPECT_EQ(
      Violations(arrows, "engine/up.cc", "engine", "#include \"driver/sqlite/driver.h\"\n").size(),
      1u);
  EXPECT_EQ(Violations(arrows, "sql/x.cc", "sql", "#include \"sql/lint/rule.h\"\n").size(), 1u);
  EXPECT_EQ(Violations(arrows, "base/x.cc", "base", "#include \"tests/harness.h\"\n").size(), 1u);
}

TEST(Arrows, EveryIncludeOfTheTreeFollowsTheArrowsOfArchitectureMd) {
  const fs::path root = SourceDir();
  const std::string block = ArrowsBlock(Read(root / "docs" / "architecture.md"));
  ASSERT_FALSE(block.empty()) << "no ``` block after ## Arrows in docs/architecture.md";
  const Arrows arrows(block, DialectFolders(root));
  std::vector<std::string> problems;
  int files = 0;
  for (const fs::path& top : {root / "src", root / "cli"}) {
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(top)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cc" && ext != ".h") || IsTestCode(e.path())) continue;
      const std::string rel =
          fs::relative(e.path(), top.filename() == "src" ? top : root).generic_string();
      const std::string from = arrows.FolderOf(rel);
      if (!arrows.Knows(from)) {
        problems.push_back(rel + ": its folder " + from +
                           " is not in docs/architecture.md's arrows");
        continue;
      }
      ++files;
      for (std::string& p : Violations(arrows, rel, from, Read(e.path()))) {
        problems.push_back(std::move(p));
      }
    }
  }
  EXPECT_GT(files, 100);
  for (const std::string& p : problems) ADD_FAILURE() << p;
}

// The C libraries' headers stay in the .cc files of the folders that own them:
// a header of ours that includes one hands its names to every includer.
TEST(Arrows, NoHeaderOfOursIncludesACLibraryHeader) {
  const fs::path root = SourceDir();
  const std::vector<std::string> c_headers = {"libpq-fe.h", "sqlite3.h", "pg_query.h", "mysql.h",
                                              "mysql/",     "zlib.h",    "openssl/"};
  int headers = 0;
  for (const fs::path& top : {root / "src", root / "cli"}) {
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(top)) {
      if (!e.is_regular_file() || e.path().extension() != ".h") continue;
      ++headers;
      std::istringstream lines(Read(e.path()));
      int number = 0;
      for (std::string line; std::getline(lines, line);) {
        ++number;
        if (Trim(line).rfind("#include <", 0) != 0) continue;
        for (const std::string& c : c_headers) {
          if (line.find("<" + c) != std::string::npos) {
            ADD_FAILURE() << fs::relative(e.path(), root).generic_string() << ":" << number
                          << ": includes <" << c << "...>; include it in the .cc file";
          }
        }
      }
    }
  }
  EXPECT_GT(headers, 50);
}

}  // namespace
}  // namespace strata::testing
