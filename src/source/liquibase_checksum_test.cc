// Liquibase's checksum of formatted SQL changesets: the values below are the
// MD5SUMs Liquibase 4.28.0 wrote in DATABASECHANGELOG for these very changelogs
// (run on SQLite), so that each shape is checked against Liquibase itself.
#include "source/liquibase_checksum.h"

#include <gtest/gtest.h>

#include "source/liquibase_changelog.h"
#include "source/liquibase_test_changelogs.h"

namespace strata::source {
namespace {

// The changesets' checksums computed from what the parser takes as their SQL.
std::vector<std::string> ChecksumsOf(std::string_view text) {
  Result<std::vector<LiquibaseChangeset>> sets = ParseLiquibaseChangelog(text, "changelog.sql");
  EXPECT_TRUE(sets.ok()) << sets.status().ToString();
  std::vector<std::string> out;
  if (!sets.ok()) return out;
  for (const LiquibaseChangeset& cs : *sets) out.push_back(LiquibaseChecksumV9(cs.up.sql));
  return out;
}

TEST(LiquibaseChecksum, MatchesLiquibaseOnAwkwardChangesets) {
  const std::vector<std::string> sums = ChecksumsOf(testing::kAwkwardChangelog);
  EXPECT_EQ(sums, (std::vector<std::string>{
                      "9:ce3d2c3add625c906f4af6ab9b61b96f", "9:99f4eb2e33bcfee68472b68ba48b074f",
                      "9:d6743a2a303422460525e0d762af510a", "9:437bb327c9666498dbe53ffcff803275"}));
}

TEST(LiquibaseChecksum, LineEndingsAndBlankSpaceDoNotCount) {
  // A file with CRLF line endings, a line break inside a string literal.
  const std::string crlf = "9:5bbe401ff3df54c7dad973bf805ab4c6";
  EXPECT_EQ(ChecksumsOf("--liquibase formatted sql\n"
                        "\n"
                        "--changeset carol:crlf\n"
                        "CREATE TABLE crlf_notes (id integer PRIMARY KEY, body text);\n"
                        "INSERT INTO crlf_notes VALUES (1, 'line\n"
                        "two');  \n"
                        "--rollback DROP TABLE crlf_notes;\n"),
            std::vector<std::string>{crlf});
  EXPECT_EQ(LiquibaseChecksumV9("CREATE TABLE crlf_notes (id integer PRIMARY KEY, body text);\r\n"
                                "INSERT INTO crlf_notes VALUES (1, 'line\r\ntwo');  \r\n"),
            crlf);
  EXPECT_EQ(LiquibaseChecksumV9("\n\t CREATE TABLE crlf_notes(id integer PRIMARY KEY,body text);"
                                "INSERT INTO crlf_notes VALUES(1,'linetwo');"),
            crlf);
  // Anything else does count, a comment too.
  EXPECT_NE(LiquibaseChecksumV9("CREATE TABLE crlf_notes (id integer PRIMARY KEY, body text);"
                                "INSERT INTO crlf_notes VALUES (1, 'line two'); -- x"),
            crlf);
}

TEST(LiquibaseChecksum, OneStatementAndAComment) {
  // Liquibase 4.28.0's sums of a changeset with a --comment: line (not summed)
  // and of one with splitStatements:false, runInTransaction:false, a block
  // comment, a string with two spaces, trailing blanks and a line comment.
  EXPECT_EQ(ChecksumsOf("--liquibase formatted sql\n"
                        "\n"
                        "--changeset alice:1\n"
                        "--comment: the users\n"
                        "CREATE TABLE users (id integer PRIMARY KEY, email text);\n"
                        "--rollback DROP TABLE users;\n"
                        "\n"
                        "--changeset bob:2 splitStatements:false runInTransaction:false\n"
                        "/* a multi\n"
                        "   line comment */\n"
                        "INSERT INTO users VALUES (1, 'a  b');   \n"
                        "\n"
                        "-- a comment\n"
                        "INSERT INTO users VALUES (2, 'c');\n"
                        "--rollback DELETE FROM users;\n"),
            (std::vector<std::string>{"9:0a4d687961ee7a3817ec12318f53ca67",
                                      "9:798da3e98f3e8a1ed37d95741da12e0c"}));
}

TEST(LiquibaseChecksum, OtherVersionsCannotBeVerified) {
  EXPECT_EQ(LiquibaseChecksumVersionOf("9:0a4d687961ee7a3817ec12318f53ca67"), 9);
  EXPECT_EQ(LiquibaseChecksumVersionOf("8:0a4d"), 8);
  EXPECT_EQ(LiquibaseChecksumVersionOf("0a4d687961ee7a3817ec12318f53ca67"), std::nullopt);
  EXPECT_EQ(LiquibaseChecksumVersionOf(""), std::nullopt);

  const std::string sql = "CREATE TABLE users (id integer PRIMARY KEY, email text);";
  Result<std::string> same = LiquibaseChecksumLike("9:0123", sql);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, "9:0a4d687961ee7a3817ec12318f53ca67");
  Result<std::string> eight = LiquibaseChecksumLike("8:7c5a3f2e4c7b0e2a1d6f9b8e3a4c5d6e", sql);
  ASSERT_FALSE(eight.ok());
  EXPECT_NE(eight.status().message().find("cannot verify Liquibase checksum version 8 (MD5SUM "
                                          "8:7c5a3f2e4c7b0e2a1d6f9b8e3a4c5d6e)"),
            std::string::npos)
      << eight.status().message();
  Result<std::string> bare = LiquibaseChecksumLike("7c5a3f2e", sql);
  ASSERT_FALSE(bare.ok());
  EXPECT_NE(bare.status().message().find("version 1"), std::string::npos);
}

TEST(LiquibaseChecksum, ValidCheckSumNamesTheKeptOneOrAny) {
  const std::string kept = "9:0a4d687961ee7a3817ec12318f53ca67";
  EXPECT_TRUE(LiquibaseChecksumListedValid({"9:1111", kept}, kept));
  EXPECT_TRUE(LiquibaseChecksumListedValid({"ANY"}, kept));
  EXPECT_TRUE(LiquibaseChecksumListedValid({"all"}, "8:abc"));
  EXPECT_TRUE(LiquibaseChecksumListedValid({"*"}, kept));
  EXPECT_FALSE(LiquibaseChecksumListedValid({}, kept));
  EXPECT_FALSE(LiquibaseChecksumListedValid({"9:1111", "anything"}, kept));
}

}  // namespace
}  // namespace strata::source
