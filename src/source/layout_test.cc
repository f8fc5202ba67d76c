#include "source/layout.h"

#include <gtest/gtest.h>

namespace strata::source {
namespace {

using Role = NamedFile::Role;

struct NameCase {
  Layout layout;
  const char* name;
  bool fits;
  Role role = Role::kUp;
  const char* version = "";
  const char* description = "";
  const char* category = "";
};

TEST(ParseFileName, ReadsEveryLayoutsGrammar) {
  const NameCase cases[] = {
      // numbered
      {Layout::kNumbered, "001_create_users.sql", true, Role::kUp, "001", "create users"},
      {Layout::kNumbered, "1_x.sql", true, Role::kUp, "1", "x"},
      {Layout::kNumbered, "0042_add_email_to_users.sql", true, Role::kUp, "0042",
       "add email to users"},
      {Layout::kNumbered, "001_create_users.up.sql", false},  // a golang-migrate name
      {Layout::kNumbered, "001.sql", false},
      {Layout::kNumbered, "001_x.txt", false},
      {Layout::kNumbered, "V1__x.sql", false},
      {Layout::kNumbered, "create_users.sql", false},
      // A timestamped name is not a numbered one (see DetectLayout below).
      {Layout::kNumbered, "20250101_090000_schema_x.sql", false},
      {Layout::kNumbered, "20250101_090000_shcema_x.sql", false},
      // timestamped
      {Layout::kTimestamped, "20250101_090000_schema_create_users.sql", true, Role::kUp,
       "20250101_090000", "create users", "schema"},
      {Layout::kTimestamped, "20250203_160000_data_seed_rows.sql", true, Role::kUp,
       "20250203_160000", "seed rows", "data"},
      {Layout::kTimestamped, "20250210_111500_security_rls.sql", true, Role::kUp, "20250210_111500",
       "rls", "security"},
      {Layout::kTimestamped, "20250217_083000_perf_index.sql", true, Role::kUp, "20250217_083000",
       "index", "perf"},
      {Layout::kTimestamped, "20250101_090000_schemas_x.sql", false},  // not a category
      {Layout::kTimestamped, "20250101_090000_create_users.sql", false},
      {Layout::kTimestamped, "20250101_090000_Schema_x.sql", false},
      {Layout::kTimestamped, "20250101_090000_schema.sql", false},  // no description
      {Layout::kTimestamped, "20250101_0900_schema_x.sql", false},
      {Layout::kTimestamped, "001_schema_x.sql", false},
      // golang-migrate
      {Layout::kGolangMigrate, "1_create_users.up.sql", true, Role::kUp, "1", "create users"},
      {Layout::kGolangMigrate, "000001_create_users.down.sql", true, Role::kDown, "000001",
       "create users"},
      {Layout::kGolangMigrate, "20250101090000_x.up.sql", true, Role::kUp, "20250101090000", "x"},
      {Layout::kGolangMigrate, "1_create_users.sql", false},
      {Layout::kGolangMigrate, "1_x.sideways.sql", false},
      {Layout::kGolangMigrate, "x.up.sql", false},
      // Flyway
      {Layout::kFlyway, "V1__create_users.sql", true, Role::kUp, "1", "create users"},
      {Layout::kFlyway, "V1.2__add_column.sql", true, Role::kUp, "1.2", "add column"},
      {Layout::kFlyway, "V1_2__add_column.sql", true, Role::kUp, "1_2", "add column"},
      {Layout::kFlyway, "V2.0.10__x.sql", true, Role::kUp, "2.0.10", "x"},
      {Layout::kFlyway, "U1__create_users.sql", true, Role::kDown, "1", "create users"},
      {Layout::kFlyway, "U1.2__add_column.sql", true, Role::kDown, "1.2", "add column"},
      {Layout::kFlyway, "R__refresh_views.sql", true, Role::kRepeatable, "", "refresh views"},
      {Layout::kFlyway, "R1__x.sql", false},  // a repeatable has no version
      {Layout::kFlyway, "V__x.sql", false},   // a versioned one needs one
      {Layout::kFlyway, "U__x.sql", false},
      {Layout::kFlyway, "V1_x.sql", false},  // one underscore is not the separator
      {Layout::kFlyway, "v1__x.sql", false},
      {Layout::kFlyway, "V1..2__x.sql", false},
      {Layout::kFlyway, "B1__x.sql", false},
      {Layout::kFlyway, "V1__.sql", false},
  };
  for (const NameCase& c : cases) {
    SCOPED_TRACE(std::string(LayoutName(c.layout)) + ": " + c.name);
    const std::optional<NamedFile> f = ParseFileName(c.layout, c.name);
    ASSERT_EQ(f.has_value(), c.fits);
    if (!f) continue;
    EXPECT_EQ(f->role, c.role);
    EXPECT_EQ(f->version, c.version);
    EXPECT_EQ(f->description, c.description);
    EXPECT_EQ(f->category, c.category);
  }
}

TEST(DetectLayout, PicksTheLayoutEveryNameFits) {
  struct Case {
    std::vector<std::string> names;
    Layout want;
  };
  const Case cases[] = {
      {{"001_a.sql", "002_b.sql"}, Layout::kNumbered},
      {{"20250101_090000_schema_a.sql", "20250102_090000_data_b.sql"}, Layout::kTimestamped},
      {{"1_a.up.sql", "1_a.down.sql", "2_b.up.sql"}, Layout::kGolangMigrate},
      {{"V1__a.sql", "U1__a.sql", "V1.1__b.sql", "R__views.sql"}, Layout::kFlyway},
  };
  for (const Case& c : cases) {
    const Result<Layout> got = DetectLayout(c.names, Layout::kNumbered);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, c.want) << c.names[0];
  }
}

TEST(DetectLayout, EmptyListGivesTheFallback) {
  for (Layout fallback :
       {Layout::kNumbered, Layout::kTimestamped, Layout::kGolangMigrate, Layout::kFlyway}) {
    const Result<Layout> got = DetectLayout({}, fallback);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, fallback);
  }
}

TEST(DetectLayout, MixedNamesNameTheFileTheClosestLayoutCannotRead) {
  struct Case {
    std::vector<std::string> names;
    const char* offending;
    const char* layout_in_message;
  };
  const Case cases[] = {
      {{"001_a.sql", "002_b.sql", "V3__c.sql"}, "V3__c.sql", "numbered"},
      {{"001_a.sql", "002_b.sql", "003_c.up.sql"}, "003_c.up.sql", "numbered"},
      {{"V1__a.sql", "V2__b.sql", "003_c.sql"}, "003_c.sql", "flyway"},
      {{"1_a.up.sql", "1_a.down.sql", "2_b.sql"}, "2_b.sql", "golang-migrate"},
      {{"001_a.sql", "002_b.sql", "20250101_090000_schema_c.sql"},
       "20250101_090000_schema_c.sql",
       "numbered"},
      {{"001_a.sql", "notes.sql"}, "notes.sql", "numbered"},
      {{"notes.sql"}, "notes.sql", "numbered"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.offending);
    const Result<Layout> got = DetectLayout(c.names, Layout::kNumbered);
    ASSERT_FALSE(got.ok());
    EXPECT_TRUE(got.status().is_invalid_input());
    EXPECT_EQ(got.status().context().file, c.offending);
    EXPECT_NE(got.status().message().find(c.layout_in_message), std::string::npos)
        << got.status().message();
  }
}

// A timestamped directory with one misspelt category once loaded as a numbered
// directory (every timestamped name also fits "NNN_anything.sql"), with versions
// like 20250101 and the time of day in the description.
TEST(DetectLayout, WrongCategoryIsAnErrorNotANumberedDirectory) {
  const Result<Layout> got = DetectLayout(
      {"20250101_090000_schema_a.sql", "20250102_090000_shcema_b.sql"}, Layout::kNumbered);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().is_invalid_input());
  EXPECT_EQ(got.status().context().file, "20250102_090000_shcema_b.sql");
  EXPECT_NE(got.status().message().find("timestamped"), std::string::npos)
      << got.status().message();
}

TEST(LayoutName, RoundTripsThroughLayoutFromName) {
  for (Layout layout :
       {Layout::kNumbered, Layout::kTimestamped, Layout::kGolangMigrate, Layout::kFlyway}) {
    EXPECT_EQ(LayoutFromName(LayoutName(layout)), layout) << LayoutName(layout);
  }
  EXPECT_EQ(LayoutName(Layout::kGolangMigrate), std::string("golang-migrate"));
  EXPECT_FALSE(LayoutFromName("Numbered").has_value());
  EXPECT_FALSE(LayoutFromName("dbmate").has_value());
  EXPECT_FALSE(LayoutFromName("").has_value());
}

}  // namespace
}  // namespace strata::source
