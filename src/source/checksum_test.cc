#include "source/checksum.h"

#include <gtest/gtest.h>

#include "base/strings.h"

namespace strata::source {
namespace {

Checksums Of(std::string_view text, Dialect dialect = Dialect::kPostgres) {
  return ComputeChecksums(NormalizeLineEndings(std::string(text)), dialect);
}

TEST(Sha256Hex, MatchesKnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ComputeChecksums, ContentIgnoresCrLfOnceNormalized) {
  const Checksums lf = Of("CREATE TABLE t (a int);\n-- note\n");
  const Checksums crlf = Of("CREATE TABLE t (a int);\r\n-- note\r\n");
  const Checksums cr = Of("CREATE TABLE t (a int);\r-- note\r");
  EXPECT_EQ(crlf.content(), lf.content());
  EXPECT_EQ(cr.content(), lf.content());
  EXPECT_EQ(crlf.semantic(), lf.semantic());
  EXPECT_EQ(lf.content().size(), 64u);
  EXPECT_EQ(lf.semantic().size(), 64u);
}

TEST(ComputeChecksums, ContentSeesEveryOtherByte) {
  const Checksums a = Of("CREATE TABLE t (a int);\n");
  EXPECT_NE(Of("CREATE TABLE t (a int);\n\n").content(), a.content());
  EXPECT_NE(Of("create table t (a int);\n").content(), a.content());
}

TEST(ComputeChecksums, SemanticIsEqualForFormattingOnlyChanges) {
  const std::string base =
      "-- Author: a\n"
      "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);\n"
      "INSERT INTO users VALUES (1, 'Ann');\n";
  const std::string variants[] = {
      // whitespace and line breaks
      "-- Author: a\n\nCREATE   TABLE users(\n  id int PRIMARY KEY,\n  name text NOT NULL\n);\n"
      "INSERT INTO users VALUES (1,'Ann');",
      // comments added, changed, removed
      "/* users */ CREATE TABLE users (id int PRIMARY KEY, -- the key\n"
      "name text NOT NULL);\nINSERT INTO users VALUES (1, 'Ann'); -- seed\n",
      // keyword and unquoted identifier case
      "-- Author: b\ncreate table USERS (ID INT primary key, Name TEXT not null);\n"
      "insert into Users values (1, 'Ann');\n",
  };
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    const Checksums want = Of(base, d);
    for (const std::string& v : variants) {
      const Checksums got = Of(v, d);
      EXPECT_EQ(got.semantic(), want.semantic()) << DialectName(d) << ":\n" << v;
      EXPECT_NE(got.content(), want.content()) << v;
    }
  }
}

TEST(ComputeChecksums, SemanticChangesForRealChanges) {
  const std::string base = "CREATE TABLE users (id int, name text DEFAULT 'x');\n";
  const std::string variants[] = {
      "CREATE TABLE users (id int, name text DEFAULT 'y');\n",      // literal
      "CREATE TABLE users (id int, name text DEFAULT 'X');\n",      // literal case
      "CREATE TABLE members (id int, name text DEFAULT 'x');\n",    // identifier
      "CREATE TABLE \"Users\" (id int, name text DEFAULT 'x');\n",  // quoted identifier
      "CREATE TABLE users (id bigint, name text DEFAULT 'x');\n",   // type
      "CREATE TABLE users (id int, name text DEFAULT 'x');\nDROP TABLE users;\n",
  };
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    const Checksums want = Of(base, d);
    for (const std::string& v : variants) {
      EXPECT_NE(Of(v, d).semantic(), want.semantic()) << DialectName(d) << ": " << v;
    }
  }
}

TEST(ComputeChecksums, SemanticCountsStrataDirectives) {
  const std::string body = "CREATE INDEX CONCURRENTLY i ON t (a);\n";
  const Checksums plain = Of(body);
  const Checksums directive = Of("-- strata:no-transaction\n" + body);
  EXPECT_NE(directive.semantic(), plain.semantic());
  // ...but not the formatting of the directive itself.
  EXPECT_EQ(Of("--strata:no-transaction\n" + body).semantic(), directive.semantic());
  EXPECT_EQ(Of("--   STRATA:no-transaction   \n\n" + body).semantic(), directive.semantic());
  // Section markers are directives too: moving a statement across them matters.
  EXPECT_NE(Of("-- strata:up\nA;\n-- strata:down\nB;\n").semantic(),
            Of("-- strata:up\nA;\nB;\n-- strata:down\n").semantic());
}

TEST(ComputeChecksums, PostgresBodiesAreCheckedAsWritten) {
  // A function body is one dollar-quoted string: its text counts byte for byte.
  const std::string a = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;";
  const std::string b = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 2 $$ LANGUAGE sql;";
  EXPECT_NE(Of(a).semantic(), Of(b).semantic());
  EXPECT_EQ(Of(a).semantic(),
            Of("create function f() returns int as $$ SELECT 1 $$\nlanguage SQL;").semantic());
}

}  // namespace
}  // namespace strata::source
