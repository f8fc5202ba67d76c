#include "cli/toml_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::cli {
namespace {

using Empty = TomlReader::Empty;

// A parsed document with its text, and a reader over it.
class Doc {
 public:
  explicit Doc(std::string text)
      : text_(std::move(text)),
        table_(toml::parse(std::string_view(text_), std::string_view("strata.toml"))) {}
  TomlReader Reader() const { return TomlReader(table_, text_, file_); }

 private:
  std::string text_;
  toml::table table_;
  std::string file_ = "strata.toml";
};

TEST(TomlReader, AbsentKeysAndTablesGiveTheFallback) {
  Doc doc("");
  TomlReader root = doc.Reader();
  Result<TomlReader> run = root.Table("run");
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(*run->Integer("lock_retries", 10, 0, 1000, ""), 10);
  EXPECT_EQ(*run->String("dir", "migrations", Empty::kRefused), "migrations");
  EXPECT_TRUE(run->Finish().ok());
  EXPECT_TRUE(root.Finish().ok());
}

TEST(TomlReader, IntegersAreStrictAndRanged) {
  struct Case {
    std::string value;
    bool ok;
  };
  const Case cases[] = {
      {"0", true},     {"60", true},    {"86400", true}, {"86401", false},
      {"-5", false},   {"1e2", false},  {"60.0", false}, {"\"60\"", false},
      {"true", false}, {"[60]", false}, {"0x10", true},  {"1_000", true},
  };
  for (const Case& c : cases) {
    Doc doc("[run]\nlock_timeout = " + c.value + "\n");
    TomlReader root = doc.Reader();
    TomlReader run = *root.Table("run");
    Result<int64_t> v = run.Integer("lock_timeout", 60, 0, 86'400, "seconds");
    EXPECT_EQ(v.ok(), c.ok) << c.value;
    if (!v.ok()) {
      EXPECT_TRUE(v.status().is_invalid_input());
      EXPECT_EQ(v.status().context().file, "strata.toml");
      EXPECT_EQ(v.status().context().line, 2);
      EXPECT_EQ(v.status().message(), "[run] lock_timeout = " + c.value +
                                          ": expected a whole number of seconds from 0 to 86400");
    }
  }
}

TEST(TomlReader, StringsAndChoices) {
  Doc doc("[m]\ndir = \"\"\nschema = \"\"\nlayout = \"numberd\"\non_up = \"loud\"\nname = 'x'\n");
  TomlReader root = doc.Reader();
  TomlReader m = *root.Table("m");
  EXPECT_EQ(m.String("dir", "d", Empty::kRefused).status().message(),
            "[m] dir = \"\": expected a non-empty string");
  EXPECT_EQ(*m.String("schema", "public", Empty::kAllowed), "");
  EXPECT_EQ(*m.String("name", "", Empty::kRefused), "x");
  constexpr std::string_view kLayouts[] = {"numbered", "flyway"};
  EXPECT_EQ(m.OneOf("layout", "numbered", kLayouts).status().message(),
            "[m] layout = \"numberd\": expected numbered or flyway (did you mean numbered?)");
  constexpr std::string_view kSeverities[] = {"off", "info", "warning", "error"};
  EXPECT_EQ(m.OneOf("on_up", "off", kSeverities).status().message(),
            "[m] on_up = \"loud\": expected off, info, warning or error");
}

TEST(TomlReader, ArraysOfStrings) {
  Doc doc("[d]\nok = [\"a\", 'b']\nnot_array = \"a\"\nmixed = [\"a\", 3]\n");
  TomlReader root = doc.Reader();
  TomlReader d = *root.Table("d");
  EXPECT_EQ(*d.Strings("ok", {}), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(d.Strings("not_array", {}).status().message(),
            "[d] not_array = \"a\": expected an array of strings");
  const Status mixed = d.Strings("mixed", {}).status();
  EXPECT_EQ(mixed.message(), "[d] mixed holds 3: expected an array of strings");
  EXPECT_EQ(mixed.context().column, 15);  // at the 3
}

TEST(TomlReader, UnknownKeysAreReportedFirstInTheFileWithTheNearestSpelling) {
  Doc doc("# c\n[lint]\nzzz = 1\nonup = \"error\"\n[databse]\n");
  TomlReader root = doc.Reader();
  TomlReader lint = *root.Table("lint");
  (void)lint.OneOf("on_up", "off", {});
  (void)lint.Table("rules");
  const Status unknown = lint.Finish();
  // zzz comes first in the file, though the table keeps its keys in order.
  EXPECT_EQ(unknown.message(), "[lint] zzz: unknown key (known keys: on_up, rules)");
  EXPECT_EQ(unknown.context().line, 3);
  (void)root.Table("database");
  const Status table = root.Finish();
  EXPECT_EQ(table.message(), "[databse]: unknown table; did you mean [database]?");
  EXPECT_EQ(table.context().line, 5);
}

TEST(TomlReader, UnknownKeySuggestsANearMiss) {
  Doc doc("[lint]\nonup = \"error\"\n");
  TomlReader root = doc.Reader();
  TomlReader lint = *root.Table("lint");
  (void)lint.OneOf("on_up", "off", {});
  EXPECT_EQ(lint.Finish().ToString(),
            "strata.toml:2:1: [lint] onup: unknown key; did you mean on_up?");
}

TEST(TomlReader, TablesMustBeTables) {
  Doc doc("run = 5\n[lint]\nrules = \"all\"\n");
  TomlReader root = doc.Reader();
  EXPECT_EQ(root.Table("run").status().message(), "[run] must be a table, not 5");
  TomlReader lint = *root.Table("lint");
  EXPECT_EQ(lint.Table("rules").status().message(), "[lint.rules] must be a table, not \"all\"");
}

TEST(TomlReader, ValuesAreQuotedAsWrittenAndWithoutPasswords) {
  Doc doc(
      "[x]\n"
      "utf8 = \"\xC3\xA9t\xC3\xA9\"  # a comment\n"
      "multi = \"\"\"\nline one\nline two\"\"\"\n"
      "url = 42\n"
      "secret = [\"postgres://u:s3cret@h/db\"]\n");
  TomlReader root = doc.Reader();
  TomlReader x = *root.Table("x");
  EXPECT_EQ(x.Integer("utf8", 0, 0, 1, "").status().message(),
            "[x] utf8 = \"\xC3\xA9t\xC3\xA9\": expected a whole number from 0 to 1");
  EXPECT_EQ(x.Integer("multi", 0, 0, 1, "").status().message(),
            "[x] multi = \"\"\" ...: expected a whole number from 0 to 1");
  EXPECT_EQ(x.String("url", "", Empty::kRefused).status().message(),
            "[x] url = 42: expected a non-empty string");
  EXPECT_EQ(x.String("secret", "", Empty::kRefused).status().message(),
            "[x] secret = [\"postgres://u:********@h/db\"]: expected a non-empty string");
}

}  // namespace
}  // namespace strata::cli
