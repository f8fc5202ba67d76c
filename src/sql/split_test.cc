#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "sql/statement.h"

namespace strata::sql {
namespace {

namespace fs = std::filesystem;

std::vector<Statement> MustSplit(std::string_view script, Dialect dialect) {
  Result<std::vector<Statement>> r = Split(script, dialect);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<Statement>{};
}

std::vector<std::string> Texts(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  out.reserve(statements.size());
  for (const Statement& s : statements) out.push_back(s.text);
  return out;
}

// ---------------------------------------------------------------------------
// Golden files: tests/golden/split/NAME.sql is the input; NAME.postgres.out and
// NAME.sqlite.out (either may be absent) list the statements Split returns for
// that dialect, each as a block
//
//   === LINE:COLUMN
//   statement text (possibly several lines)
//
// where LINE:COLUMN is where the statement starts in NAME.sql (column in code
// points). An empty .out file means "no statement". With STRATA_UPDATE_GOLDEN=1
// the test rewrites the existing .out files instead of comparing: to add a case,
// write NAME.sql and an empty .out per dialect it is for, run, and review the diff.

std::string Render(std::string_view script, const std::vector<Statement>& statements) {
  std::string out;
  for (const Statement& s : statements) {
    const LineColumn at = LocateOffset(script, s.offset);
    out += "=== " + std::to_string(at.line) + ":" + std::to_string(at.column) + "\n";
    out += s.text + "\n";
  }
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

// The source tree: $STRATA_SOURCE_DIR, else the path strata_test() compiles in.
std::string SourceDir() {
  if (const char* dir = std::getenv("STRATA_SOURCE_DIR")) return dir;
#ifdef STRATA_TEST_SOURCE_DIR
  return STRATA_TEST_SOURCE_DIR;
#else
  return "";
#endif
}

TEST(SplitGolden, EveryCaseMatchesItsExpectedStatements) {
  const std::string source_dir = SourceDir();
  ASSERT_FALSE(source_dir.empty()) << "set STRATA_SOURCE_DIR to the source tree";
  const fs::path dir = fs::path(source_dir) / "tests" / "golden" / "split";
  const bool update = std::getenv("STRATA_UPDATE_GOLDEN") != nullptr;
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".sql") continue;
    const std::string script = ReadFile(entry.path());
    for (const auto& [dialect, suffix] : {std::pair{Dialect::kPostgres, ".postgres.out"},
                                          std::pair{Dialect::kSqlite, ".sqlite.out"}}) {
      fs::path expected_path = entry.path();
      expected_path.replace_extension(suffix);
      if (!fs::exists(expected_path)) continue;
      SCOPED_TRACE(expected_path.filename().string());
      Result<std::vector<Statement>> split = Split(script, dialect);
      ASSERT_TRUE(split.ok()) << split.status().ToString();
      const std::string got = Render(script, *split);
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << got;
      } else {
        EXPECT_EQ(got, ReadFile(expected_path));
      }
      ++compared;
    }
  }
  EXPECT_GE(compared, 10) << "golden files missing under " << dir;
}

// ---------------------------------------------------------------------------
// Split

TEST(Split, HeaderExampleHolds) {
  const std::string script = "create table t(a int); -- x\ninsert into t values (1);";
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    const std::vector<Statement> got = MustSplit(script, d);
    ASSERT_EQ(got.size(), 2u) << DialectName(d);
    EXPECT_EQ(got[0].text, "create table t(a int)");
    EXPECT_EQ(got[0].offset, 0u);
    EXPECT_EQ(got[1].text, "insert into t values (1)");
    EXPECT_EQ(got[1].offset, 28u);
  }
}

TEST(Split, OffsetsPointAtTheFirstTokenOfEachStatement) {
  const std::string script =
      "-- header\n"
      "/* block */  select 1 ;\n"
      "\n"
      "   insert into t values (';') ; -- trailing\n"
      "select 2";
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    const std::vector<Statement> got = MustSplit(script, d);
    ASSERT_EQ(got.size(), 3u) << DialectName(d);
    for (const Statement& s : got) {
      EXPECT_EQ(script.substr(s.offset, s.text.size()), s.text) << DialectName(d);
    }
    EXPECT_EQ(Texts(got),
              (std::vector<std::string>{"select 1", "insert into t values (';')", "select 2"}));
    EXPECT_EQ(got[0].offset, script.find("select 1"));
    EXPECT_EQ(got[1].offset, script.find("insert"));
    EXPECT_EQ(got[2].offset, script.find("select 2"));
  }
}

TEST(Split, EmptyOrCommentOnlyScriptsGiveNoStatement) {
  const std::string scripts[] = {"",  "   \n\t", "-- only a comment", "/* a */ -- b\n/* c */",
                                 ";", " ; ;; "};
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    for (const std::string& s : scripts) {
      EXPECT_TRUE(MustSplit(s, d).empty()) << DialectName(d) << ": '" << s << "'";
    }
  }
}

// The parser refuses this script; the tokenizer fallback still finds the
// statements, and the server will report the syntax error with its position.
TEST(Split, PostgresScriptThatDoesNotParseIsStillSplit) {
  const std::string script = "CREAT TABLE t (a int);\nSELECT 'x;y';";
  const std::vector<Statement> got = MustSplit(script, Dialect::kPostgres);
  EXPECT_EQ(Texts(got), (std::vector<std::string>{"CREAT TABLE t (a int)", "SELECT 'x;y'"}));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].offset, script.find("SELECT"));
}

// libpg_query's scanner splitter drops a statement that does not start with a
// keyword; a migration would then have skipped it silently.
TEST(Split, PostgresTypoStatementIsKeptNotDropped) {
  const std::vector<Statement> got =
      MustSplit("CREATE TABLE a (id int);\nSELEC 1;\nCREATE TABLE b (id int);", Dialect::kPostgres);
  EXPECT_EQ(Texts(got), (std::vector<std::string>{"CREATE TABLE a (id int)", "SELEC 1",
                                                  "CREATE TABLE b (id int)"}));
}

TEST(Split, SqliteStatementsInsideATriggerBodyStayTogether) {
  const std::string script =
      "CREATE TRIGGER trg AFTER INSERT ON t BEGIN\n"
      "  UPDATE t SET n = CASE WHEN new.n > 0 THEN 1 ELSE 0 END;\n"
      "  DELETE FROM u;\n"
      "END;\n"
      "SELECT 1;";
  const std::vector<Statement> got = MustSplit(script, Dialect::kSqlite);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].text, script.substr(0, script.rfind("END;") + 3));
  EXPECT_EQ(got[1].text, "SELECT 1");
}

TEST(Split, WordTriggerOutsideCreateTriggerDoesNotJoinStatements) {
  const std::vector<Statement> got =
      MustSplit("DROP TRIGGER IF EXISTS trg; BEGIN; SELECT 1; COMMIT;", Dialect::kSqlite);
  EXPECT_EQ(Texts(got), (std::vector<std::string>{"DROP TRIGGER IF EXISTS trg", "BEGIN", "SELECT 1",
                                                  "COMMIT"}));
}

// ---------------------------------------------------------------------------
// Describe

TEST(Describe, RecognizesTransactionControl) {
  struct Case {
    const char* sql;
    bool tx_control;
  };
  const Case cases[] = {
      {"BEGIN", true},
      {"begin transaction", true},
      {"BEGIN IMMEDIATE", true},
      {"START TRANSACTION ISOLATION LEVEL SERIALIZABLE", true},
      {"COMMIT", true},
      {"commit work", true},
      {"END", true},
      {"END TRANSACTION", true},
      {"ROLLBACK", true},
      {"ROLLBACK AND CHAIN", true},
      {"/* why */ ROLLBACK", true},
      {"ROLLBACK TO SAVEPOINT sp", false},
      {"rollback to sp", false},
      {"ROLLBACK TRANSACTION TO SAVEPOINT sp", false},
      {"ROLLBACK WORK TO SAVEPOINT sp", false},
      {"SAVEPOINT sp", false},
      {"RELEASE SAVEPOINT sp", false},
      {"SELECT 1", false},
      {"CREATE TABLE begin_log (id int)", false},
      {"", false},
  };
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    for (const Case& c : cases) {
      const StatementInfo info = Describe(c.sql, d);
      EXPECT_EQ(info.kind == DescribedKind::kTransactionControl, c.tx_control)
          << DialectName(d) << ": " << c.sql;
    }
  }
}

TEST(Describe, ReadsPostgresCreateIndex) {
  struct Case {
    const char* sql;
    bool concurrently;
    const char* schema;
    const char* name;
  };
  const Case cases[] = {
      {"CREATE INDEX CONCURRENTLY idx_users_email ON app.users (email)", true, "app",
       "idx_users_email"},
      {"create unique index concurrently if not exists uq_x on s.t(a, b)", true, "s", "uq_x"},
      {"CREATE INDEX idx_t_a ON t (a)", false, "", "idx_t_a"},
      {"CREATE INDEX \"Mixed Case\" ON t (a)", false, "", "Mixed Case"},
      {"CREATE INDEX ON t (a)", false, "", ""},
      {"CREATE INDEX CONCURRENTLY ON s.t USING btree (lower(email))", true, "s", ""},
  };
  for (const Case& c : cases) {
    const StatementInfo info = Describe(c.sql, Dialect::kPostgres);
    EXPECT_EQ(info.kind, DescribedKind::kCreateIndex) << c.sql;
    EXPECT_EQ(info.concurrently, c.concurrently) << c.sql;
    EXPECT_EQ(info.index_schema, c.schema) << c.sql;
    EXPECT_EQ(info.index_name, c.name) << c.sql;
  }
}

TEST(Describe, ReadsSqliteCreateIndex) {
  struct Case {
    const char* sql;
    const char* schema;
    const char* name;
  };
  const Case cases[] = {
      {"CREATE INDEX idx_t_a ON t (a)", "", "idx_t_a"},
      {"create unique index if not exists uq_t_b on t(b)", "", "uq_t_b"},
      {"CREATE INDEX main.idx_t_a ON t (a)", "main", "idx_t_a"},
      {"CREATE UNIQUE INDEX IF NOT EXISTS main.uq_t_b ON t (b)", "main", "uq_t_b"},
      {"CREATE INDEX \"quoted idx\" ON t (a)", "", "quoted idx"},
      {"CREATE INDEX [bracket idx] ON t (a)", "", "bracket idx"},
      {"CREATE INDEX `tick idx` ON t (a)", "", "tick idx"},
      {"CREATE INDEX \"a\"\"b\" ON t (a)", "", "a\"b"},
      {"CREATE INDEX \"Main\".\"Idx\" ON t (a)", "Main", "Idx"},
  };
  for (const Case& c : cases) {
    const StatementInfo info = Describe(c.sql, Dialect::kSqlite);
    EXPECT_EQ(info.kind, DescribedKind::kCreateIndex) << c.sql;
    EXPECT_FALSE(info.concurrently) << c.sql;
    EXPECT_EQ(info.index_schema, c.schema) << c.sql;
    EXPECT_EQ(info.index_name, c.name) << c.sql;
  }
}

TEST(Describe, OtherStatementsAreKindOther) {
  const char* statements[] = {"CREATE TABLE t (a int)", "CREATE VIEW v AS SELECT 1",
                              "DROP TABLE idx", "INSERT INTO t VALUES (1)",
                              "CREATE TABLE index_log (a int)"};
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    for (const char* sql : statements) {
      const StatementInfo info = Describe(sql, d);
      EXPECT_EQ(info.kind, DescribedKind::kOther) << DialectName(d) << ": " << sql;
      EXPECT_TRUE(info.index_name.empty()) << sql;
    }
  }
}

TEST(Describe, ReadsDropIndex) {
  struct Case {
    const char* sql;
    Dialect dialect;
    bool concurrently;
    const char* schema;
    const char* name;
  };
  const Case cases[] = {
      {"DROP INDEX CONCURRENTLY IF EXISTS app.idx_a", Dialect::kPostgres, true, "app", "idx_a"},
      {"drop index idx_b", Dialect::kPostgres, false, "", "idx_b"},
      {"DROP INDEX IF EXISTS main.idx_c", Dialect::kSqlite, false, "main", "idx_c"},
      {"DROP INDEX \"Odd Name\"", Dialect::kSqlite, false, "", "Odd Name"},
  };
  for (const Case& c : cases) {
    const StatementInfo info = Describe(c.sql, c.dialect);
    EXPECT_EQ(info.kind, DescribedKind::kDropIndex) << c.sql;
    EXPECT_EQ(info.concurrently, c.concurrently) << c.sql;
    EXPECT_EQ(info.outside_transaction, c.concurrently) << c.sql;
    EXPECT_EQ(info.index_schema, c.schema) << c.sql;
    EXPECT_EQ(info.index_name, c.name) << c.sql;
  }
}

// What must run bare in a migration without a transaction: PostgreSQL refuses
// these inside a transaction block (SQLSTATE 25001), SQLite refuses VACUUM.
TEST(Describe, KnowsWhatRunsOutsideATransaction) {
  struct Case {
    const char* sql;
    Dialect dialect;
    bool outside;
  };
  const Case cases[] = {
      {"CREATE INDEX CONCURRENTLY i ON t (a)", Dialect::kPostgres, true},
      {"CREATE INDEX i ON t (a)", Dialect::kPostgres, false},
      {"DROP INDEX CONCURRENTLY i", Dialect::kPostgres, true},
      {"REINDEX INDEX CONCURRENTLY i", Dialect::kPostgres, true},
      {"REINDEX TABLE t", Dialect::kPostgres, false},
      {"REINDEX SCHEMA app", Dialect::kPostgres, true},
      {"VACUUM (ANALYZE) t", Dialect::kPostgres, true},
      {"vacuum full", Dialect::kPostgres, true},
      {"CLUSTER", Dialect::kPostgres, true},
      {"CLUSTER t USING i", Dialect::kPostgres, false},
      {"CREATE DATABASE scratch", Dialect::kPostgres, true},
      {"DROP DATABASE scratch", Dialect::kPostgres, true},
      {"ALTER SYSTEM SET work_mem = '64MB'", Dialect::kPostgres, true},
      {"ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY", Dialect::kPostgres, true},
      {"ALTER TABLE m DETACH PARTITION m_2020", Dialect::kPostgres, false},
      {"ALTER TYPE mood ADD VALUE 'meh'", Dialect::kPostgres, false},
      {"INSERT INTO t SELECT generate_series(1, 10)", Dialect::kPostgres, false},
      {"VACUUM", Dialect::kSqlite, true},
      {"CREATE INDEX i ON t (a)", Dialect::kSqlite, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Describe(c.sql, c.dialect).outside_transaction, c.outside) << c.sql;
  }
}

// ---------------------------------------------------------------------------
// CanonicalTokens

TEST(CanonicalTokens, IgnoresFormattingButNotContent) {
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    const std::string base = CanonicalTokens("CREATE TABLE t (a int); -- note\n", d);
    EXPECT_EQ(CanonicalTokens("create   table T(\n  a INT\n)  ;", d), base) << DialectName(d);
    EXPECT_EQ(CanonicalTokens("/* c */ create table t (a int);", d), base) << DialectName(d);
    EXPECT_NE(CanonicalTokens("create table t (b int);", d), base) << DialectName(d);
    EXPECT_NE(CanonicalTokens("create table \"T\" (a int);", d), base) << DialectName(d);
    EXPECT_NE(CanonicalTokens("create table t (a int)", d), base) << "the ';' counts";
    // Adjacent tokens stay apart: "a b" is not "ab".
    EXPECT_NE(CanonicalTokens("select a b", d), CanonicalTokens("select ab", d));
    EXPECT_NE(CanonicalTokens("select 'X'", d), CanonicalTokens("select 'x'", d));
  }
}

TEST(CanonicalTokens, DirectiveCommentsCountOtherCommentsDoNot) {
  const Dialect d = Dialect::kPostgres;
  const std::string plain = CanonicalTokens("select 1;", d);
  EXPECT_NE(CanonicalTokens("-- strata:no-transaction\nselect 1;", d), plain);
  EXPECT_EQ(CanonicalTokens("-- strata:no-transaction\nselect 1;", d),
            CanonicalTokens("--   STRATA:no-transaction  \n\nselect 1;", d));
  EXPECT_EQ(CanonicalTokens("--strata:no-transaction\nselect 1;", d),
            CanonicalTokens("-- strata:no-transaction\nselect 1;", d));
  EXPECT_NE(CanonicalTokens("-- strata:up\nselect 1;", d),
            CanonicalTokens("-- strata:down\nselect 1;", d));
  EXPECT_EQ(CanonicalTokens("-- about strata: nothing\nselect 1;", d), plain);
}

}  // namespace
}  // namespace strata::sql
