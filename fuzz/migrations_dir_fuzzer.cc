// A whole migrations directory through LoadDirectory: names, layout detection,
// rollback pairing (rollback/ and down files), headers, sections, directives
// and the dependency graph. The input lists files, each opened by a line
// "== <name>" (a name may start with "rollback/") and followed by its text:
//   == 001_users.sql
//   -- Depends: 002
//   CREATE TABLE users (id int);
//   == rollback/001_rollback.sql
//   DROP TABLE users;
// They are written to one temporary directory, emptied before each input.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "source/directory.h"
#include "source/graph.h"

namespace {

namespace fs = std::filesystem;
using namespace strata;

constexpr size_t kMaxFiles = 16;  // enough for any pairing or cycle; keeps runs fast

struct File {
  std::string name;
  std::string text;
};

std::vector<File> ReadFiles(std::string_view input) {
  std::vector<File> files;
  for (size_t start = 0; start < input.size();) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view line = input.substr(start, end - start);
    if (line.starts_with("== ")) {
      if (files.size() == kMaxFiles) break;
      files.push_back({std::string(line.substr(3)), ""});
    } else if (!files.empty()) {
      files.back().text.append(line).append("\n");
    }
    start = end + 1;
  }
  return files;
}

// A name the directory can hold: one entry, or one inside rollback/.
bool Writable(std::string_view name) {
  if (name.starts_with("rollback/")) name.remove_prefix(9);
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos && name.size() < 200;
}

// The directory the files go to, made once (LLVMFuzzerInitialize) and removed
// at exit.
std::string directory;

void Empty(const std::string& dir) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string pattern = (fs::temp_directory_path() / "strata-fuzz-dir.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  directory = pattern;
  // Registered after `directory` was constructed, so it runs before its destructor.
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(directory, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& dir = directory;
  Empty(dir);
  for (const File& file : ReadFiles(fuzz::AsText(data, size))) {
    if (!Writable(file.name)) continue;
    std::error_code ec;
    if (file.name.starts_with("rollback/")) fs::create_directory(dir + "/rollback", ec);
    std::ofstream(dir + "/" + file.name, std::ios::binary) << file.text;
  }

  source::LoadOptions options;
  options.dir = dir;
  options.dialect = size % 2 ? Dialect::kPostgres : Dialect::kSqlite;
  Result<source::MigrationSet> set = source::LoadDirectory(options);
  if (!set.ok()) return 0;
  const std::vector<source::Migration>& migrations = set->migrations;
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].is_repeatable()) continue;
    for (size_t dependency : source::DependencyIndexes(migrations, migrations[i])) {
      fuzz::Expect(dependency < i, "every migration follows its dependencies");
    }
    (void)migrations[i].checksums.semantic();
  }
  return 0;
}
