#include "source/placeholders.h"

#include <gtest/gtest.h>

namespace strata::source {
namespace {

Placeholders Schema() {
  Placeholders p;
  p.values = {{"schema", "app"}, {"flyway:defaultSchema", "app"}};
  return p;
}

TEST(ReplacePlaceholders, ReplacesEachOccurrence) {
  Result<std::string> r = ReplacePlaceholders(
      "CREATE SCHEMA ${schema};\nCREATE TABLE ${schema}.t (a int);\nSET search_path = "
      "${flyway:defaultSchema};\n",
      Schema(), "V1__a.sql");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\nSET search_path = app;\n");
}

TEST(ReplacePlaceholders, AMissingValueNamesTheLineAndTheKnownNames) {
  Result<std::string> r =
      ReplacePlaceholders("SELECT 1;\nGRANT ALL ON t TO ${owner};\n", Schema(), "V1__a.sql");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().line, 2);
  EXPECT_EQ(r.status().context().column, 19);
  EXPECT_NE(r.status().message().find("${owner}"), std::string::npos);
  EXPECT_NE(r.status().message().find("flyway:defaultSchema, schema"), std::string::npos);
}

TEST(ReplacePlaceholders, NothingIsReplacedWithoutValues) {
  const std::string text = "INSERT INTO t VALUES ('${not_ours}');\n";
  Result<std::string> r = ReplacePlaceholders(text, Placeholders{}, "V1__a.sql");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, text);
}

TEST(ReplacePlaceholders, APrefixWithoutANameAndSuffixIsText) {
  Result<std::string> r =
      ReplacePlaceholders("SELECT '${', '${ x }', '${schema';\n", Schema(), "a");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "SELECT '${', '${ x }', '${schema';\n");
}

TEST(ReplacePlaceholders, AnotherPrefixAndSuffix) {
  Placeholders p = Schema();
  p.prefix = "#[";
  p.suffix = "]";
  Result<std::string> r = ReplacePlaceholders("CREATE SCHEMA #[schema]; -- ${schema}\n", p, "a");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "CREATE SCHEMA app; -- ${schema}\n");
}

}  // namespace
}  // namespace strata::source
