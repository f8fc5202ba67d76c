#include "source/new_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace strata::source {
namespace {

namespace fs = std::filesystem;

constexpr std::time_t kJan1At0900 = 1735722000;  // 2025-01-01 09:00:00 UTC
constexpr std::time_t kJan1At0930 = 1735723845;  // 2025-01-01 09:30:45 UTC

// A directory that does not exist, so that no planned file collides.
const std::string& Dir() {
  static const std::string kDir =
      (fs::temp_directory_path() / ("strata_new_file_test_" + std::to_string(::getpid()))).string();
  return kDir;
}

MigrationSet Set(Layout layout, const std::vector<std::string>& versions,
                 bool with_repeatable = false) {
  MigrationSet set;
  set.dir = Dir();
  set.layout = layout;
  for (const std::string& v : versions) {
    Migration m;
    m.id = v;
    m.version = *Version::Parse(v);
    set.migrations.push_back(m);
  }
  if (with_repeatable) {
    Migration r;
    r.kind = MigrationKind::kRepeatable;
    r.id = "R__views";
    set.migrations.push_back(r);
  }
  return set;
}

// The planned paths relative to the directory.
std::vector<std::string> Plan(const MigrationSet& set, const std::string& name = "add users",
                              const std::string& category = "schema",
                              std::time_t now = kJan1At0900) {
  Result<std::vector<NewFile>> r = PlanNewMigration(set, name, category, now);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> out;
  if (!r.ok()) return out;
  for (const NewFile& f : *r) out.push_back(fs::path(f.path).lexically_relative(set.dir).string());
  return out;
}

using Paths = std::vector<std::string>;

// A number past int64 once threw out of strata (an abort); now it is an error.
TEST(PlanNewMigration, AVersionTooLargeToCountOnFromIsAnError) {
  for (Layout layout : {Layout::kNumbered, Layout::kFlyway}) {
    Result<std::vector<NewFile>> r = PlanNewMigration(Set(layout, {"001", "9999999999999999999"}),
                                                      "add users", "schema", kJan1At0900);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().is_invalid_input());
    EXPECT_NE(r.status().message().find("9999999999999999999"), std::string::npos)
        << r.status().message();
  }
  EXPECT_EQ(Plan(Set(Layout::kNumbered, {"9223372036854775806"}))[0],
            "9223372036854775807_add_users.sql");
}

TEST(PlanNewMigration, NumberedTakesTheNextNumberWithItsPadding) {
  struct Case {
    std::vector<std::string> versions;
    Paths want;
  };
  const Case cases[] = {
      {{}, {"001_add_users.sql", "rollback/001_rollback.sql"}},
      {{"001", "002"}, {"003_add_users.sql", "rollback/003_rollback.sql"}},
      {{"002", "001"}, {"003_add_users.sql", "rollback/003_rollback.sql"}},
      {{"1", "2"}, {"003_add_users.sql", "rollback/003_rollback.sql"}},  // at least 3 digits
      {{"0001", "0009"}, {"0010_add_users.sql", "rollback/0010_rollback.sql"}},
      {{"998", "999"}, {"1000_add_users.sql", "rollback/1000_rollback.sql"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Plan(Set(Layout::kNumbered, c.versions)), c.want) << c.want[0];
  }
}

TEST(PlanNewMigration, TimestampedUsesUtcTimeAndCategory) {
  const MigrationSet set = Set(Layout::kTimestamped, {"20241231_235959"});
  EXPECT_EQ(
      Plan(set, "add users", "schema", kJan1At0900),
      (Paths{"20250101_090000_schema_add_users.sql", "rollback/20250101_090000_rollback.sql"}));
  EXPECT_EQ(
      Plan(set, "Backfill emails", "data", kJan1At0930),
      (Paths{"20250101_093045_data_backfill_emails.sql", "rollback/20250101_093045_rollback.sql"}));
}

TEST(PlanNewMigration, GolangMigrateKeepsTheDirectorysVersionStyle) {
  EXPECT_EQ(Plan(Set(Layout::kGolangMigrate, {})),
            (Paths{"000001_add_users.up.sql", "000001_add_users.down.sql"}));
  EXPECT_EQ(Plan(Set(Layout::kGolangMigrate, {"000001", "000002"})),
            (Paths{"000003_add_users.up.sql", "000003_add_users.down.sql"}));
  EXPECT_EQ(Plan(Set(Layout::kGolangMigrate, {"20240101120000"})),
            (Paths{"20250101090000_add_users.up.sql", "20250101090000_add_users.down.sql"}));
}

TEST(PlanNewMigration, FlywayTakesTheNextMajorVersionAndIgnoresRepeatables) {
  EXPECT_EQ(Plan(Set(Layout::kFlyway, {})), (Paths{"V1__add_users.sql", "U1__add_users.sql"}));
  EXPECT_EQ(Plan(Set(Layout::kFlyway, {"1", "1.2", "2"}, true)),
            (Paths{"V3__add_users.sql", "U3__add_users.sql"}));
  EXPECT_EQ(Plan(Set(Layout::kFlyway, {"9.9"})),
            (Paths{"V10__add_users.sql", "U10__add_users.sql"}));
}

TEST(PlanNewMigration, NameBecomesASlug) {
  struct Case {
    const char* name;
    const char* file;
  };
  const Case cases[] = {
      {"add users email", "001_add_users_email.sql"},
      {"Add Users' E-mail!", "001_add_users_e_mail.sql"},
      {"  add__users  ", "001_add_users.sql"},
      {"add_users_email", "001_add_users_email.sql"},
      {"v2", "001_v2.sql"},
  };
  for (const Case& c : cases) {
    const Paths got = Plan(Set(Layout::kNumbered, {}), c.name);
    ASSERT_FALSE(got.empty()) << c.name;
    EXPECT_EQ(got[0], c.file) << c.name;
  }
}

TEST(PlanNewMigration, TemplatesCarryTheHeaderAndTheRollbackNote) {
  Result<std::vector<NewFile>> r =
      PlanNewMigration(Set(Layout::kNumbered, {}), "x", "schema", kJan1At0900);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_NE((*r)[0].content.find("-- Author:"), std::string::npos);
  EXPECT_NE((*r)[0].content.find("-- Breaking: false"), std::string::npos);
  EXPECT_NE((*r)[1].content.find("Undo"), std::string::npos);
}

TEST(PlanNewMigration, RejectsBadNameAndBadType) {
  for (const char* name : {"", "   ", "!!!", "-_-"}) {
    const Result<std::vector<NewFile>> r =
        PlanNewMigration(Set(Layout::kNumbered, {}), name, "schema", kJan1At0900);
    ASSERT_FALSE(r.ok()) << "'" << name << "'";
    EXPECT_TRUE(r.status().is_invalid_input());
  }
  for (const char* type : {"", "Schema", "feature", "perf "}) {
    const Result<std::vector<NewFile>> r =
        PlanNewMigration(Set(Layout::kTimestamped, {}), "x", type, kJan1At0900);
    ASSERT_FALSE(r.ok()) << "'" << type << "'";
    EXPECT_TRUE(r.status().is_invalid_input());
    EXPECT_NE(r.status().message().find("--type"), std::string::npos);
  }
}

TEST(PlanNewMigration, ExistingFileIsAnError) {
  const fs::path dir = fs::path(Dir() + "_existing");
  fs::create_directories(dir);
  std::ofstream(dir / "20250101_090000_schema_x.sql") << "SELECT 1;\n";
  MigrationSet set = Set(Layout::kTimestamped, {});
  set.dir = dir.string();
  const Result<std::vector<NewFile>> r = PlanNewMigration(set, "x", "schema", kJan1At0900);
  fs::remove_all(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().is_invalid_input());
  EXPECT_EQ(r.status().context().file, (dir / "20250101_090000_schema_x.sql").string());
}

}  // namespace
}  // namespace strata::source
