// Test helpers for LoadDirectory: a temporary directory to write migrations
// into, and a look at the error loading it gives.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "source/directory.h"

namespace strata::source::testing {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("strata_" + std::string(test->test_suite_name()) + "_" + test->name() + "_" +
             std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Dir() const { return path_.string(); }
  // The path LoadDirectory reports for `relative`.
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }
  void Write(const std::string& relative, std::string_view content) const {
    const fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

inline Result<MigrationSet> Load(const TempDir& t, Layout empty_layout = Layout::kNumbered) {
  LoadOptions options;
  options.dir = t.Dir();
  options.empty_layout = empty_layout;
  return LoadDirectory(options);
}

// Expects an InvalidInput about `file` whose message mentions `words`.
inline void ExpectInvalid(const Result<MigrationSet>& r, const std::string& file,
                          const std::string& words) {
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().is_invalid_input()) << r.status().ToString();
  EXPECT_EQ(r.status().context().file, file) << r.status().ToString();
  EXPECT_NE(r.status().message().find(words), std::string::npos) << r.status().ToString();
}

}  // namespace strata::source::testing
