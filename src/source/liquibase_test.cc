// Liquibase formatted SQL: the changelog parser (each construct, each malformed
// line with its place) and the loader over temporary directories.
#include "source/liquibase.h"

#include <gtest/gtest.h>

#include "base/strings.h"
#include "source/liquibase_changelog.h"
#include "source/load_test_util.h"

namespace strata::source {
namespace {

using testing::ExpectInvalid;
using testing::TempDir;

const std::string kPath = "db/changelog.sql";

std::vector<LiquibaseChangeset> MustParse(std::string_view text) {
  Result<std::vector<LiquibaseChangeset>> r = ParseLiquibaseChangelog(text, kPath);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : std::vector<LiquibaseChangeset>{};
}

// ---------------------------------------------------------------------------
// The parser

TEST(LiquibaseChangelog, ChangesetsWithTheirSqlAtTheFilesLines) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"              // 1
      "\n"                                       // 2
      "-- a comment before the first one\n"      // 3
      "--changeset alice:1\n"                    // 4
      "CREATE TABLE a (id int);\n"               // 5
      "\n"                                       // 6
      "-- ChangeSet  \"bob smith\":\"two 2\"\n"  // 7
      "--comment: adds b\n"                      // 8
      "CREATE TABLE b (id int);\n"               // 9
      "--validCheckSum: 9:abc\n"                 // 10
      "INSERT INTO b VALUES (1);\n"              // 11
      "\n\n");
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0].author, "alice");
  EXPECT_EQ(sets[0].id, "1");
  EXPECT_EQ(sets[0].line, 4);
  EXPECT_EQ(sets[0].up.first_line, 5);
  EXPECT_EQ(sets[0].up.sql, "CREATE TABLE a (id int);\n");
  EXPECT_EQ(sets[0].text, "--changeset alice:1\nCREATE TABLE a (id int);\n");
  EXPECT_EQ(sets[0].rollback.first_line, 0);
  EXPECT_FALSE(sets[0].rollback_empty);
  EXPECT_TRUE(sets[0].run_in_transaction);

  EXPECT_EQ(sets[1].author, "bob smith");
  EXPECT_EQ(sets[1].id, "two 2");
  EXPECT_EQ(sets[1].comment, "adds b");
  EXPECT_EQ(sets[1].valid_checksums, (std::vector<std::string>{"9:abc"}));
  EXPECT_EQ(sets[1].up.first_line, 9);
  // The metadata line between is blank, so line 11 stays the third line.
  EXPECT_EQ(sets[1].up.sql, "CREATE TABLE b (id int);\n\nINSERT INTO b VALUES (1);\n");
}

TEST(LiquibaseChangelog, IdsMayHoldColonsAndSpacesAfterTheDashes) {
  const auto sets = MustParse("-- liquibase formatted sql\n-- changeset a:b:c\nSELECT 1;\n");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].author, "a");
  EXPECT_EQ(sets[0].id, "b:c");
}

TEST(LiquibaseChangelog, RollbackLinesKeepTheirColumns) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"
      "--changeset a:1\n"
      "CREATE TABLE t (id int);\n"
      "--rollback DROP INDEX i;\n"  // 4
      "-- between\n"
      "--rollback DROP TABLE t;\n");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].rollback.first_line, 4);
  EXPECT_EQ(sets[0].rollback.sql, "           DROP INDEX i;\n\n           DROP TABLE t;\n");
  // A plain SQL comment is the changeset's SQL, as Liquibase reads it.
  EXPECT_EQ(sets[0].up.sql, "CREATE TABLE t (id int);\n\n-- between\n");
}

TEST(LiquibaseChangelog, RollbackBlock) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"
      "--changeset a:1\n"
      "CREATE TABLE t (id int);\n"
      "/* liquibase rollback\n"  // 4
      "DROP TABLE t;\n"
      "DROP TABLE u; */\n");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].rollback.first_line, 5);
  EXPECT_EQ(sets[0].rollback.sql, "DROP TABLE t;\nDROP TABLE u; \n");
  EXPECT_EQ(sets[0].rollback_line, 4);
}

TEST(LiquibaseChangelog, EmptyRollbacks) {
  for (const char* words : {"empty", "not required", "Not Required here"}) {
    const auto sets = MustParse(std::string("--liquibase formatted sql\n--changeset a:1\n"
                                            "SELECT 1;\n--rollback ") +
                                words + "\n");
    ASSERT_EQ(sets.size(), 1u) << words;
    EXPECT_TRUE(sets[0].rollback_empty) << words;
    EXPECT_EQ(sets[0].rollback.first_line, 0);
  }
}

TEST(LiquibaseChangelog, RollbackByChangeset) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"
      "--changeset a:1\nDROP TABLE t;\n"
      "--changeset a:2\nCREATE TABLE t (id int);\n"
      "--rollback changesetId:1 changesetAuthor:a\n");
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[1].rollback_author, "a");
  EXPECT_EQ(sets[1].rollback_id, "1");
}

TEST(LiquibaseChangelog, Attributes) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"
      "--changeset a:1 runInTransaction:false splitStatements:FALSE stripComments:true "
      "endDelimiter:; dbms:postgresql,!h2 context: failOnError:true runOnChange:false "
      "runWith:jdbc\n"
      "SELECT 1;\n"
      "--changeset a:2 ignore:true rollbackSplitStatements:false labels:\"\"\n"
      "SELECT 2;\n");
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_FALSE(sets[0].run_in_transaction);
  EXPECT_FALSE(sets[0].split_statements);
  EXPECT_EQ(sets[0].dbms, (std::vector<std::string>{"postgresql", "!h2"}));
  EXPECT_FALSE(sets[0].ignore);
  EXPECT_TRUE(sets[1].ignore);
  EXPECT_TRUE(sets[1].split_statements);
  EXPECT_FALSE(sets[1].rollback_split_statements);
}

TEST(LiquibaseChangelog, Preconditions) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"
      "--changeset a:1\n"
      "--preconditions onFail:HALT onError:HALT onSqlOutput:TEST\n"
      "--precondition-sql-check expectedResult:0 SELECT count(*) FROM t;\n"  // 4
      "--precondition-sql-check 'a b' SELECT 'a b'\n"
      "SELECT 1;\n"
      "--changeset a:2\n"
      "--preconditions onFail:WARN\n"
      "--precondition-sql-check expectedResult:\"x\" SELECT 'x'\n"
      "SELECT 2;\n");
  ASSERT_EQ(sets.size(), 2u);
  ASSERT_EQ(sets[0].sql_checks.size(), 2u);
  EXPECT_FALSE(sets[0].preconditions_warn);
  EXPECT_EQ(sets[0].sql_checks[0].expected, "0");
  EXPECT_EQ(sets[0].sql_checks[0].sql, "SELECT count(*) FROM t");
  EXPECT_EQ(sets[0].sql_checks[0].line, 4);
  EXPECT_EQ(sets[0].sql_checks[1].expected, "a b");
  EXPECT_EQ(sets[0].up.first_line, 6);
  EXPECT_TRUE(sets[1].preconditions_warn);
  EXPECT_EQ(sets[1].sql_checks[0].expected, "x");
}

TEST(LiquibaseChangelog, IgnoreLines) {
  const auto sets = MustParse(
      "--liquibase formatted sql\n"
      "--changeset a:1\n"
      "SELECT 1;\n"
      "--ignoreLines:start\n"
      "not sql at all\n"
      "--ignoreLines:end\n"
      "--ignoreLines:1\n"
      "nor this\n"
      "SELECT 2;\n");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].up.sql, "SELECT 1;\n\n\n\n\n\nSELECT 2;\n");
}

TEST(LiquibaseChangelog, DbmsMatchesAsLiquibaseDoes) {
  using V = std::vector<std::string>;
  EXPECT_TRUE(DbmsMatches(V{}, "sqlite"));
  EXPECT_TRUE(DbmsMatches(V{"postgresql", "sqlite"}, "sqlite"));
  EXPECT_FALSE(DbmsMatches(V{"postgresql"}, "sqlite"));
  EXPECT_FALSE(DbmsMatches(V{"!sqlite"}, "sqlite"));
  EXPECT_TRUE(DbmsMatches(V{"!h2"}, "sqlite"));
  EXPECT_TRUE(DbmsMatches(V{"all"}, "sqlite"));
  EXPECT_FALSE(DbmsMatches(V{"none"}, "postgresql"));
  EXPECT_FALSE(DbmsMatches(V{"!h2", "postgresql"}, "sqlite"));
}

TEST(LiquibaseChangelog, TellsAChangelogByItsFirstLine) {
  EXPECT_TRUE(OpensAsLiquibaseChangelog("--liquibase formatted sql\n"));
  EXPECT_TRUE(OpensAsLiquibaseChangelog("\n  \n-- Liquibase Formatted SQL\n"));
  EXPECT_FALSE(OpensAsLiquibaseChangelog("-- liquibase\n--liquibase formatted sql\n"));
  EXPECT_FALSE(OpensAsLiquibaseChangelog("CREATE TABLE t (id int);\n"));
  EXPECT_FALSE(OpensAsLiquibaseChangelog(""));
}

// Each malformed or unsupported line: the error names its line and column.
struct Bad {
  const char* body;  // after the header line, which is line 1
  int line;
  int column;
  const char* words;
};

TEST(LiquibaseChangelog, MalformedLinesNameTheirPlace) {
  const Bad cases[] = {
      {"CREATE TABLE t (id int);\n--changeset a:1\nSELECT 1;\n", 2, 1,
       "SQL before the first '--changeset"},
      {"--comment: early\n--changeset a:1\nSELECT 1;\n", 2, 1, "--comment outside a changeset"},
      {"--changeset\nSELECT 1;\n", 2, 1, "expected '--changeset author:id"},
      {"--changeset alice\nSELECT 1;\n", 2, 1, "expected '--changeset author:id"},
      {"--changeset alice: 1\nSELECT 1;\n", 2, 19, "needs an author and an id"},
      {"-changeset a:1\nSELECT 1;\n", 2, 1, "expected '--changeset author:id"},
      {"--changeset \"a:b\":1\nSELECT 1;\n", 2, 13, "author holding ':'"},
      {"--changeset a:1\nSELECT 1;\n--changeset a:1\nSELECT 2;\n", 4, 13, "a:1 is also at line 2"},
      {"--changeset a:1\n\n--changeset a:2\nSELECT 2;\n", 2, 1, "a:1 has no SQL"},
      {"--changeset a:1 runInTransction:false\nSELECT 1;\n", 2, 17,
       "unknown changeset attribute 'runInTransction'; did you mean runInTransaction?"},
      {"--changeset a:1 banana:1\nSELECT 1;\n", 2, 17, "known: runInTransaction"},
      {"--changeset a:1 verbose\nSELECT 1;\n", 2, 17, "expected attribute:value, found 'verbose'"},
      {"--changeset a:1 runInTransaction:no\nSELECT 1;\n", 2, 17, "takes true or false"},
      {"--changeset a:1 context:\"test\nSELECT 1;\n", 2, 17, "is not closed"},
      {"--changeset a:1  runAlways:true\nSELECT 1;\n", 2, 18, "runAlways:true is not supported"},
      {"--changeset a:1 runOnChange:true\nSELECT 1;\n", 2, 17, "not supported yet"},
      {"--changeset a:1 context:test\nSELECT 1;\n", 2, 17, "context:test is not supported yet"},
      {"--changeset a:1 labels:x\nSELECT 1;\n", 2, 17, "labels:x is not supported yet"},
      {"--changeset a:1 failOnError:false\nSELECT 1;\n", 2, 17, "not supported yet"},
      {"--changeset a:1 endDelimiter:GO\nSELECT 1;\n", 2, 17, "endDelimiter:GO is not supported"},
      {"--changeset a:1 logicalFilePath:x.sql\nSELECT 1;\n", 2, 17, "not supported yet"},
      {"--changeset a:1 runWith:psql\nSELECT 1;\n", 2, 17, "not supported yet"},
      {"--changeset a:1\nSELECT 1;\n-rollback DROP TABLE t;\n", 4, 1, "expected '--rollback"},
      {"--changeset a:1\nSELECT 1;\n--comments: x\n", 4, 1, "expected '--comment: <text>'"},
      {"--changeset a:1\nSELECT 1;\n/* liquibase rollback\nDROP TABLE t;\n", 4, 1,
       "is not closed with '*/'"},
      {"--changeset a:1\nSELECT 1;\n--rollback changesetId:9 changesetAuthor:a\n", 4, 1,
       "a:9, which is not earlier in this file"},
      {"--changeset a:1\nSELECT 1;\n--rollback changesetId:9\n", 4, 1, "changesetAuthor"},
      {"--changeset a:1\n--preconditions onFail:MARK_RAN\nSELECT 1;\n", 3, 17,
       "onFail:MARK_RAN is not supported yet"},
      {"--changeset a:1\n--preconditions onError:WARN\nSELECT 1;\n", 3, 17, "not supported yet"},
      {"--changeset a:1\n--preconditions onFial:HALT\nSELECT 1;\n", 3, 17, "did you mean onFail?"},
      {"--changeset a:1\n--preconditions onFail:STOP\nSELECT 1;\n", 3, 17,
       "takes HALT, CONTINUE, MARK_RAN or WARN"},
      {"--changeset a:1\n--precondition-sql-check expectedResult:0\nSELECT 1;\n", 3, 1,
       "expected '--precondition-sql-check expectedResult:<value> <sql>'"},
      {"--changeset a:1\n--precondition-sql-check\nSELECT 1;\n", 3, 1,
       "expected '--precondition-sql-check"},
      {"--changeset a:1\n--precondition-table-exists table:t\nSELECT 1;\n", 3, 1,
       "--precondition-table-exists is not supported yet"},
      {"--changeset a:1\n--precondition-foo x\nSELECT 1;\n", 3, 1, "'foo' precondition type"},
      {"--changeset a:1\n--precondition-sql-check 0 SELECT 0\n--preconditions onFail:WARN\n"
       "SELECT 1;\n",
       4, 1, "put --preconditions first"},
      {"--property name:x value:y\n--changeset a:1\nSELECT 1;\n", 2, 1,
       "--property is not supported yet"},
      {"--changeset a:1\nSELECT 1;\n--ignoreLines:start\n", 4, 1, "without its --ignoreLines:end"},
  };
  for (const Bad& c : cases) {
    Result<std::vector<LiquibaseChangeset>> r =
        ParseLiquibaseChangelog(std::string("--liquibase formatted sql\n") + c.body, kPath);
    ASSERT_FALSE(r.ok()) << c.body;
    const Status& st = r.status();
    EXPECT_TRUE(st.is_invalid_input()) << st.ToString();
    EXPECT_EQ(st.context().file, kPath) << c.body;
    EXPECT_EQ(st.context().line, c.line) << c.body << st.ToString();
    EXPECT_EQ(st.context().column, c.column) << c.body << st.ToString();
    EXPECT_NE(st.message().find(c.words), std::string::npos) << c.body << st.ToString();
  }
}

TEST(LiquibaseChangelog, NoHeaderLine) {
  Result<std::vector<LiquibaseChangeset>> r =
      ParseLiquibaseChangelog("\n--changeset a:1\nSELECT 1;\n", kPath);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().line, 2);
  EXPECT_NE(r.status().message().find("--liquibase formatted sql"), std::string::npos);
}

// ---------------------------------------------------------------------------
// The loader

Result<MigrationSet> LoadAs(const TempDir& t, Dialect dialect,
                            std::map<std::string, std::string> placeholders = {}) {
  LoadOptions options;
  options.dir = t.Dir();
  options.dialect = dialect;
  options.placeholders.values = std::move(placeholders);
  return LoadDirectory(options);
}

MigrationSet MustLoad(const TempDir& t, Dialect dialect = Dialect::kPostgres) {
  Result<MigrationSet> r = LoadAs(t, dialect);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : MigrationSet{};
}

constexpr const char* kFirst =
    "--liquibase formatted sql\n"
    "\n"
    "--changeset alice:create-users\n"  // 3
    "CREATE TABLE users (id int PRIMARY KEY, email text);\n"
    "--rollback DROP TABLE users;\n"
    "\n"
    "--changeset alice:users-email runInTransaction:false\n"  // 7
    "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
    "--rollback DROP INDEX CONCURRENTLY users_email;\n";
constexpr const char* kSecond =
    "--liquibase formatted sql\n"
    "--changeset bob:1 dbms:sqlite\n"  // 2
    "CREATE TABLE lite (id int);\n"
    "--changeset bob:2\n"  // 4
    "--preconditions onFail:HALT onError:HALT\n"
    "--precondition-sql-check expectedResult:0 SELECT count(*) FROM users\n"  // 6
    "-- strata:check post expect=1\n"
    "SELECT count(*) FROM users;\n"
    "INSERT INTO users VALUES (1, 'a@example.com');\n"
    "--rollback empty\n";

TEST(LoadLiquibase, ChangesetsBecomeMigrations) {
  TempDir t;
  t.Write("001_users.sql", kFirst);
  t.Write("002_more.sql", kSecond);
  t.Write("master.xml", "<databaseChangeLog/>");
  const MigrationSet set = MustLoad(t);
  EXPECT_EQ(set.layout, Layout::kLiquibase);
  EXPECT_EQ(std::string(LayoutName(set.layout)), "liquibase");
  ASSERT_EQ(set.migrations.size(), 3u);
  // Version 3 (bob:1, for SQLite) is left out on PostgreSQL and keeps its number.
  EXPECT_EQ(set.migrations[0].id, "1");
  EXPECT_EQ(set.migrations[1].id, "2");
  EXPECT_EQ(set.migrations[2].id, "4");
  EXPECT_EQ(set.migrations[2].version, *Version::Parse("4"));
  ASSERT_EQ(set.left_out.size(), 1u);
  EXPECT_EQ(set.left_out[0], t.Path("002_more.sql") + ":2: bob:1 (dbms:sqlite, not postgresql)");

  const Migration& users = set.migrations[0];
  EXPECT_EQ(users.description, "alice:create-users");
  EXPECT_EQ(users.meta.author, "alice");
  EXPECT_EQ(users.up.path, t.Path("001_users.sql"));
  EXPECT_EQ(users.up.first_line, 4);
  ASSERT_TRUE(users.down.has_value());
  EXPECT_EQ(users.down->first_line, 5);
  EXPECT_NE(users.down->sql.find("DROP TABLE users;"), std::string::npos);
  EXPECT_FALSE(users.up.no_transaction);

  const Migration& index = set.migrations[1];
  EXPECT_TRUE(index.meta.no_transaction);
  EXPECT_TRUE(index.up.no_transaction);
  EXPECT_TRUE(index.down->no_transaction);

  const Migration& insert = set.migrations[2];
  ASSERT_EQ(insert.up.checks.size(), 2u);
  const Check& pre = insert.up.checks[0];
  EXPECT_EQ(pre.when, Check::When::kPre);
  EXPECT_TRUE(pre.critical);
  EXPECT_EQ(pre.expect, "0");
  EXPECT_EQ(pre.query, "SELECT count(*) FROM users");
  EXPECT_EQ(pre.line, 6);
  EXPECT_EQ(insert.up.checks[1].when, Check::When::kPost);
  EXPECT_EQ(insert.up.checks[1].line, 7);
  ASSERT_TRUE(insert.down.has_value());
  EXPECT_EQ(Trim(insert.down->sql), "");

  const std::optional<LiquibaseChangesetId> id = LiquibaseChangesetOf(insert);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->author, "bob");
  EXPECT_EQ(id->id, "2");
  EXPECT_EQ(id->filename, "002_more.sql");
}

TEST(LoadLiquibase, DbmsFiltersByTheDialect) {
  TempDir t;
  t.Write("001_users.sql", kFirst);
  t.Write("002_more.sql", kSecond);
  const MigrationSet set = MustLoad(t, Dialect::kSqlite);
  ASSERT_EQ(set.migrations.size(), 4u);
  EXPECT_EQ(set.migrations[2].description, "bob:1");
  EXPECT_TRUE(set.left_out.empty());
}

TEST(LoadLiquibase, EditingOneChangesetKeepsTheOthersChecksums) {
  TempDir t;
  t.Write("001_users.sql", kFirst);
  const MigrationSet before = MustLoad(t);
  std::string edited = kFirst;
  edited.replace(edited.find("users_email ON"), 11, "users_mail_");
  t.Write("001_users.sql", edited + "\n\n");
  const MigrationSet after = MustLoad(t);
  ASSERT_EQ(before.migrations.size(), 2u);
  ASSERT_EQ(after.migrations.size(), 2u);
  EXPECT_EQ(before.migrations[0].checksums.content(), after.migrations[0].checksums.content());
  EXPECT_NE(before.migrations[1].checksums.content(), after.migrations[1].checksums.content());
}

TEST(LoadLiquibase, RollbackByChangesetIsThatChangesetsSql) {
  TempDir t;
  t.Write("a.sql",
          "--liquibase formatted sql\n"
          "--changeset a:drop\nDROP TABLE t;\n"
          "--changeset a:create\nCREATE TABLE t (id int);\n"
          "--rollback changesetId:drop changesetAuthor:a\n");
  const MigrationSet set = MustLoad(t);
  ASSERT_EQ(set.migrations.size(), 2u);
  ASSERT_TRUE(set.migrations[1].down.has_value());
  EXPECT_EQ(set.migrations[1].down->sql, "DROP TABLE t;\n");
  EXPECT_EQ(set.migrations[1].down->first_line, 3);
}

TEST(LoadLiquibase, PlaceholdersInSqlRollbackAndPreconditions) {
  TempDir t;
  t.Write("a.sql",
          "--liquibase formatted sql\n"
          "--changeset a:1\n"
          "--precondition-sql-check expectedResult:0 SELECT count(*) FROM ${schema}.t\n"
          "CREATE TABLE ${schema}.t (id int);\n"
          "--rollback DROP TABLE ${schema}.t;\n"
          "--changeset a:2\n"
          "SELECT ${missing};\n");
  Result<MigrationSet> r = LoadAs(t, Dialect::kPostgres, {{"schema", "app"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().file, t.Path("a.sql"));
  EXPECT_EQ(r.status().context().line, 7);
  EXPECT_NE(r.status().message().find("${missing} has no value"), std::string::npos);

  t.Write("a.sql",
          "--liquibase formatted sql\n"
          "--changeset a:1\n"
          "--precondition-sql-check expectedResult:0 SELECT count(*) FROM ${schema}.t\n"
          "CREATE TABLE ${schema}.t (id int);\n"
          "--rollback DROP TABLE ${schema}.t;\n");
  Result<MigrationSet> ok = LoadAs(t, Dialect::kPostgres, {{"schema", "app"}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  const Migration& m = ok->migrations[0];
  EXPECT_EQ(m.up.sql, "CREATE TABLE app.t (id int);\n");
  EXPECT_NE(m.down->sql.find("DROP TABLE app.t;"), std::string::npos);
  EXPECT_EQ(m.up.checks[0].query, "SELECT count(*) FROM app.t");
}

TEST(LoadLiquibase, SplitStatementsFalseOnOneStatementOnly) {
  TempDir t;
  t.Write("a.sql",
          "--liquibase formatted sql\n"
          "--changeset a:1 splitStatements:false\n"
          "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
          "--changeset a:2 splitStatements:false\n"
          "CREATE TABLE x (id int);\n"
          "CREATE TABLE y (id int);\n");
  Result<MigrationSet> r = LoadAs(t, Dialect::kPostgres);
  ExpectInvalid(r, t.Path("a.sql"), "splitStatements:false on 2 statements is not supported yet");
  EXPECT_EQ(r.status().context().line, 4);
}

TEST(LoadLiquibase, EveryFileMustBeAChangelog) {
  TempDir t;
  t.Write("001_a.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
  t.Write("002_b.sql", "CREATE TABLE b (id int);\n");
  ExpectInvalid(LoadAs(t, Dialect::kPostgres), t.Path("002_b.sql"), "not a Liquibase changelog");
}

TEST(LoadLiquibase, ErrorsNameTheFileAndLine) {
  TempDir t;
  t.Write("001_a.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
  t.Write("002_b.sql", "--liquibase formatted sql\n\n--changeset b:1 contxt:x\nSELECT 1;\n");
  Result<MigrationSet> r = LoadAs(t, Dialect::kPostgres);
  ExpectInvalid(r, t.Path("002_b.sql"), "did you mean context?");
  EXPECT_EQ(r.status().context().line, 3);
  EXPECT_EQ(r.status().context().column, 17);
}

TEST(LoadLiquibase, RunInTransactionFalseContradictsStrataTransaction) {
  TempDir t;
  t.Write("a.sql",
          "--liquibase formatted sql\n--changeset a:1 runInTransaction:false\n"
          "-- strata:transaction\nSELECT 1;\n");
  ExpectInvalid(LoadAs(t, Dialect::kPostgres), t.Path("a.sql"), "contradicts");
}

TEST(LoadLiquibase, StrataDirectivesInAChangesetNameTheFilesLine) {
  TempDir t;
  t.Write("a.sql",
          "--liquibase formatted sql\n\n\n--changeset a:1\n"
          "-- strata:check post expect=1\n"  // 5: no query after it
          "--rollback SELECT 1;\n");
  Result<MigrationSet> r = LoadAs(t, Dialect::kPostgres);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().line, 5) << r.status().ToString();
}

TEST(LoadLiquibase, IgnoredChangesetsAreLeftOutAndIdsKeepTheirColons) {
  TempDir t;
  t.Write("a.sql",
          "--liquibase formatted sql\n"
          "--changeset a:skip ignore:true\nSELECT 1;\n"
          "--changeset a:b:c\nSELECT 2;\n");
  const MigrationSet set = MustLoad(t);
  ASSERT_EQ(set.migrations.size(), 1u);
  EXPECT_EQ(set.migrations[0].id, "2");
  ASSERT_EQ(set.left_out.size(), 1u);
  EXPECT_EQ(set.left_out[0], t.Path("a.sql") + ":2: a:skip (ignore:true)");
  const std::optional<LiquibaseChangesetId> id = LiquibaseChangesetOf(set.migrations[0]);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->author, "a");
  EXPECT_EQ(id->id, "b:c");
  EXPECT_EQ(id->filename, "a.sql");
}

}  // namespace
}  // namespace strata::source
