// strata lint as a user runs it: directories with context, output formats, git
// --since, target sizes on PostgreSQL, and strata up stopping on findings.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

class LintProject : public ::testing::Test {
 protected:
  RunResult Lint(std::vector<std::string> args) {
    args.insert(args.begin(), "lint");
    return RunStrata(args, dir_.path());
  }
  TempDir dir_;
};

TEST_F(LintProject, KnowsWhichTablesEarlierMigrationsCreated) {
  dir_.Write(
      "migrations/001_users.sql",
      "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text);\n"
      "CREATE INDEX idx_users_email ON users (email);\n");
  dir_.Write("migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  dir_.Write("migrations/002_index.sql",
             "-- a later migration: users exists now\n"
             "CREATE INDEX idx_users_email2 ON users (email);\n");
  dir_.Write("migrations/rollback/002_rollback.sql", "DROP INDEX idx_users_email2;\n");
  RunResult r = Lint({"--json", "migrations"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const auto js = nlohmann::json::parse(r.out);
  std::vector<std::string> concurrent;
  for (const auto& f : js["findings"]) {
    if (f["rule"] == "index-not-concurrent")
      concurrent.push_back(f["file"].get<std::string>() + ":" +
                           std::to_string(f["line"].get<int>()));
    EXPECT_NE(f["rule"], "drop-table") << "rollbacks are not held to destructive rules";
  }
  EXPECT_EQ(concurrent, (std::vector<std::string>{"migrations/002_index.sql:2"}));
}

TEST_F(LintProject, ExitCodeFollowsTheWorstSeverityAndSuppressionsNeedAReason) {
  dir_.Write("ok.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;\n");
  EXPECT_EQ(Lint({"ok.sql"}).exit_code, 0);
  dir_.Write("bad.sql", "DROP TABLE users;\n");
  RunResult bad = Lint({"bad.sql"});
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.out.find("bad.sql:1:1: error[drop-table]"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find('^'), std::string::npos);
  dir_.Write("ignored.sql",
             "SET lock_timeout = '2s';\n-- strata:lint-ignore drop-table replaced by accounts in "
             "2.0\nDROP TABLE users;\n");
  EXPECT_EQ(Lint({"ignored.sql"}).exit_code, 0);
}

TEST_F(LintProject, AStatementThatDoesNotParseIsAnErrorAtItsLine) {
  dir_.Write("typo.sql",
             "SET lock_timeout = '2s';\nSELEC 1;\nALTER TABLE users ADD COLUMN a text;\n");
  RunResult r = Lint({"typo.sql"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("typo.sql:2:1: error[syntax-error]"), std::string::npos) << r.out;
}

TEST_F(LintProject, SarifAndGithubFormats) {
  dir_.Write("bad.sql", "CREATE INDEX idx_users_email ON users (email);\n");
  RunResult sarif = Lint({"--format", "sarif", "bad.sql"});
  EXPECT_EQ(sarif.exit_code, 3);
  const auto js = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(js["version"], "2.1.0");
  const auto& run = js["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "strata");
  ASSERT_FALSE(run["results"].empty());
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "index-not-concurrent");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(run["tool"]["driver"]["rules"][result["ruleIndex"].get<int>()]["id"],
            "index-not-concurrent");

  RunResult gh = Lint({"--format", "github", "bad.sql"});
  EXPECT_NE(gh.out.find("::error file=bad.sql,line=1,col=1,title=strata index-not-concurrent::"),
            std::string::npos)
      << gh.out;
  EXPECT_EQ(Lint({"--format", "xml", "bad.sql"}).exit_code, 2);
}

TEST_F(LintProject, SinceReportsOnlyFilesChangedSinceAGitRef) {
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", dir_.path().string(), "-c", "user.email=t@example.com",
                               "-c", "user.name=t"});
    return RunTool(args).exit_code;
  };
  ASSERT_EQ(git({"init", "-q", "."}), 0);
  dir_.Write("migrations/001_a.sql", "DROP TABLE old_a;\n");
  ASSERT_EQ(git({"add", "-A"}), 0);
  ASSERT_EQ(git({"commit", "-q", "-m", "first"}), 0);
  dir_.Write("migrations/002_b.sql", "DROP TABLE old_b;\n");
  RunResult r = Lint({"--json", "--since", "HEAD"});
  const auto js = nlohmann::json::parse(r.out);
  ASSERT_FALSE(js["findings"].empty()) << r.out;
  for (const auto& f : js["findings"]) EXPECT_EQ(f["file"], "migrations/002_b.sql");
  EXPECT_EQ(Lint({"--since", "no-such-ref"}).exit_code, 2);
}

// --since went to git through a shell: a ref could run code or pass git an option.
TEST_F(LintProject, SinceRefIsNeitherShellNorAnOption) {
  ASSERT_EQ(RunTool({"git", "-C", dir_.path().string(), "init", "-q", "."}).exit_code, 0);
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  const std::filesystem::path pwned = dir_.path() / "pwned";
  const std::filesystem::path output = dir_.path() / "output";
  for (const std::string& ref :
       {"$(touch " + pwned.string() + ")", "HEAD; touch " + pwned.string(),
        "`touch " + pwned.string() + "`", "--output=" + output.string(), "-o" + output.string()}) {
    RunResult r = Lint({"--since", ref});
    EXPECT_EQ(r.exit_code, 2) << ref << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("--since '" + ref + "'"), std::string::npos) << r.err;
    std::error_code ec;
    EXPECT_FALSE(std::filesystem::exists(pwned, ec)) << ref;
    EXPECT_FALSE(std::filesystem::exists(output, ec)) << ref;
  }
}

TEST_F(LintProject, ListRulesWritesMarkdownFromTheRegistry) {
  RunResult r = Lint({"--list-rules", "--format", "markdown"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("# strata lint rules"), std::string::npos);
  for (const char* id : {"drop-table", "index-not-concurrent", "missing-lock-timeout"}) {
    EXPECT_NE(r.out.find(std::string("## ") + id), std::string::npos) << id;
  }
}

TEST_F(LintProject, UpStopsOnErrorFindingsWhenTheConfigAsksAndAppliesNothing) {
  dir_.Write("strata.toml", "[database]\nurl = \"sqlite:app.db\"\n[lint]\non_up = \"error\"\n");
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  dir_.Write("migrations/002_b.sql", "DROP TABLE legacy;\n");
  RunResult up = RunStrata({"up"}, dir_.path());
  EXPECT_EQ(up.exit_code, 3);
  EXPECT_NE(up.err.find("drop-table"), std::string::npos) << up.err;
  EXPECT_EQ(
      SqliteScalar(dir_.path() / "app.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'a'"),
      "0");
  // Without [lint] on_up, up does not lint.
  dir_.Write("strata.toml", "[database]\nurl = \"sqlite:app.db\"\n");
  dir_.Write("migrations/002_b.sql", "DROP TABLE IF EXISTS legacy;\n");
  EXPECT_EQ(RunStrata({"up"}, dir_.path()).exit_code, 0);
}

TEST(LintExamples, BothExampleProjectsLintClean) {
  for (const char* project : {"examples/skms-postgres", "examples/workflow-sqlite"}) {
    const auto config = (SourceDir() / project / "strata.toml").string();
    RunResult r = RunStrata({"--config", config, "lint", "--json"});
    EXPECT_EQ(r.exit_code, 0) << project << ": " << r.err;
    const auto js = nlohmann::json::parse(r.out);
    EXPECT_TRUE(js["findings"].empty()) << project << ": " << js["findings"].dump(2);
    EXPECT_GT(js["statements"].get<int>(), 50) << project;
  }
}

// docs/lint-rules.md is written from the registry; a rule change must regenerate it.
TEST(LintDocs, LintRulesMarkdownMatchesTheRegistry) {
  RunResult r = RunStrata({"lint", "--list-rules", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0);
  std::ifstream in(SourceDir() / "docs/lint-rules.md");
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), r.out)
      << "regenerate: build/cli/strata lint --list-rules --format markdown > docs/lint-rules.md";
}

TEST(LintTarget, FindingsNameTheLockedTablesSizeOnThePostgresTarget) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  ASSERT_TRUE(db.conn().Execute("CREATE TABLE users (id bigint PRIMARY KEY, email text)").ok());
  ASSERT_TRUE(db.conn()
                  .Execute("INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 5000) g")
                  .ok());
  ASSERT_TRUE(db.conn().Execute("ANALYZE users").ok());
  TempDir dir;
  dir.Write("change.sql", "CREATE INDEX idx_users_email ON users (email);\n");
  RunResult r = RunStrata({"--url", db.url(), "lint", "--json", "change.sql"}, dir.path());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const auto js = nlohmann::json::parse(r.out);
  bool sized = false;
  for (const auto& f : js["findings"]) {
    if (f["rule"] == "index-not-concurrent") {
      EXPECT_EQ(f["table_rows"], 5000);
      EXPECT_GT(f["table_bytes"].get<int64_t>(), 0);
      sized = true;
    }
  }
  EXPECT_TRUE(sized) << r.out;
  RunResult text = RunStrata({"--url", db.url(), "lint", "change.sql"}, dir.path());
  EXPECT_NE(text.out.find("SHARE on users, "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("~5.0k rows"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace strata::testing
