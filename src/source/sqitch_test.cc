// sqitch projects: the plan parser (sqitch_plan.h), sqitch.conf (sqitch_conf.h)
// and the loader over temporary directories (sqitch.h).
#include "source/sqitch.h"

#include <gtest/gtest.h>

#include "source/checksum.h"
#include "source/load_test_util.h"
#include "source/sqitch_conf.h"
#include "source/sqitch_plan.h"

namespace strata::source {
namespace {

namespace fs = std::filesystem;
using testing::Load;
using testing::TempDir;

constexpr const char* kPlanPath = "proj/sqitch.plan";
constexpr const char* kHeader = "%syntax-version=1.0.0\n%project=flipr\n\n";
constexpr const char* kWhen = " 2024-01-02T03:04:05Z Ann Planner <ann@example.com>";

std::string Entry(const std::string& head, const std::string& note = "") {
  return head + kWhen + (note.empty() ? "" : " # " + note) + "\n";
}

SqitchPlan MustParse(const std::string& text) {
  Result<SqitchPlan> r = ParseSqitchPlan(text, kPlanPath);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : SqitchPlan{};
}

// ---------------------------------------------------------------------------
// The plan

TEST(SqitchPlan, ReadsPragmasChangesTagsAndNotes) {
  const SqitchPlan plan = MustParse(
      "%syntax-version=1.0.0\n"
      "% project = flipr # the project\n"
      "%uri=https://example.com/flipr/\n"
      "\n"
      "# a comment line\n"
      "  \n" +
      Entry("appschema", "Add schema # with a hash") +
      "users [appschema] 2024-01-02T03:04:05Z Ann Q. Planner <ann@example.com>\n" +
      Entry("+flips[users appschema]") + Entry("@v1.0", "first release"));
  EXPECT_EQ(plan.syntax_version, "1.0.0");
  EXPECT_EQ(plan.project, "flipr");
  EXPECT_EQ(plan.uri, "https://example.com/flipr/");
  ASSERT_EQ(plan.changes.size(), 3u);
  EXPECT_EQ(plan.changes[0].name, "appschema");
  EXPECT_EQ(plan.changes[0].line, 7);
  EXPECT_EQ(plan.changes[0].note, "Add schema # with a hash");
  EXPECT_EQ(plan.changes[1].requires_changes, (std::vector<size_t>{0}));
  EXPECT_EQ(plan.changes[2].name, "flips");
  EXPECT_EQ(plan.changes[2].requires_changes, (std::vector<size_t>{1, 0}));
  EXPECT_EQ(plan.changes[2].tags, (std::vector<std::string>{"v1.0"}));
  EXPECT_TRUE(plan.changes[2].rework_tags.empty());
}

TEST(SqitchPlan, ReworkNamesTheEarlierInstanceAfterTheTagsBetween) {
  const SqitchPlan plan = MustParse(
      std::string(kHeader) + Entry("users") + Entry("@v1.0") + Entry("flips [users]") +
      Entry("@v1.1") + Entry("@v1.1b") + Entry("users [users@v1.0 flips@v1.1]") + Entry("@v2.0") +
      Entry("users [users@v2.0]") + Entry("@v3.0") + Entry("grants [@v1.1 users]"));
  ASSERT_EQ(plan.changes.size(), 5u);
  // The latest tags first, then the instance's own.
  EXPECT_EQ(plan.changes[0].rework_tags, (std::vector<std::string>{"v1.1", "v1.1b", "v1.0"}));
  EXPECT_EQ(plan.changes[2].rework_tags, (std::vector<std::string>{"v2.0"}));
  EXPECT_TRUE(plan.changes[3].rework_tags.empty());
  EXPECT_EQ(plan.changes[2].requires_changes, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(plan.changes[3].requires_changes, (std::vector<size_t>{2}));
  // `@v1.1` is the change it tags; `users` the latest instance before.
  EXPECT_EQ(plan.changes[4].requires_changes, (std::vector<size_t>{1, 3}));
}

TEST(SqitchPlan, ConflictsWithChangesNotDeployedBeforeAreAccepted) {
  const SqitchPlan plan = MustParse(std::string(kHeader) + Entry("a [!b]") + Entry("b") +
                                    Entry("c [flipr:a !other_thing]"));
  ASSERT_EQ(plan.changes.size(), 3u);
  EXPECT_EQ(plan.changes[2].requires_changes, (std::vector<size_t>{0}));
}

TEST(SqitchPlan, EveryMalformedLineIsAnErrorNamingIt) {
  const std::string h = kHeader;  // lines 1-3
  struct Case {
    std::string text;
    int line;
    int column;
    const char* words;
  } cases[] = {
      {"%syntax-version=1.0.0\n%projct=flipr\n\n", 2, 1, "did you mean %project?"},
      {"%syntax-version=1.0.0\n%colour=blue\n\n", 2, 1, "unknown pragma %colour"},
      {"%syntax-version=2.0.0\n%project=x\n\n", 1, 1, "syntax version 1.0.0"},
      {"%project=x\n%project=y\n\n", 2, 1, "given twice (first on line 1)"},
      {"%project=\n\n", 1, 1, "needs a value"},
      {"%project=-x\n\n", 1, 1, "invalid project name"},
      {"%project=x\n" + Entry("users"), 2, 1, "a blank line must come between"},
      {"%syntax-version=1.0.0\n\n" + Entry("users"), 3, 1, "missing %project"},
      {"", 1, 1, "missing %project"},
      {h + Entry("users") + "%uri=x\n", 5, 1, "pragma after the first blank line"},
      {h + Entry("-users"), 4, 1, "revert entry"},
      {h + Entry("us:ers"), 4, 1, "contains ':'"},
      {h + Entry("users!"), 4, 1, "ends in punctuation"},
      {h + Entry("v^2"), 4, 1, "ends in digits after ^"},
      {h + Entry("HEAD"), 4, 1, "reserves"},
      {h + "users 2024-01-02T03:04:05Z\n", 4, 27, "missing planner name and email"},
      {h + "users Ann <ann@example.com>\n", 4, 7, "missing timestamp"},
      {h + "users 2024-13-02T03:04:05Z Ann <a@b>\n", 4, 7, "invalid timestamp"},
      {h + "users [a 2024-01-02T03:04:05Z Ann <a@b>\n", 4, 7, "'[' without its ']'"},
      {h + Entry("@v1"), 4, 2, "before any change"},
      {h + Entry("users") + Entry("@v1 [users]"), 5, 5, "a tag cannot have dependencies"},
      {h + Entry("users") + Entry("@v1") + Entry("@v1"), 6, 2, "declared twice (first on line 5)"},
      {h + Entry("users") + Entry("@rel/a"), 5, 2, "cannot contain '/'"},
      {h + Entry("users") + Entry("users"), 5, 1, "tag the plan in between"},
      {h + Entry("users [flips]") + Entry("flips"), 4, 8, "not earlier in the plan"},
      {h + Entry("users [users]"), 4, 8, "cannot require itself"},
      {h + Entry("a") + Entry("users [a a]"), 5, 10, "given twice"},
      {h + Entry("a") + Entry("users [other:a]"), 5, 8, "not supported yet"},
      {h + Entry("users [0123456789abcdef0123456789abcdef01234567]"), 4, 8, "by its ID"},
      {h + Entry("users [a@v9]"), 4, 8, "tag @v9, which is not declared"},
      {h + Entry("a") + Entry("@v1") + Entry("b") + Entry("c [b@v1]"), 7, 4,
       "not in the plan before"},
      {h + Entry("a") + Entry("b [!a]"), 5, 4, "conflicts with a (line 4)"},
      {h + Entry("a") + Entry("b [a,]"), 5, 4, "not a valid dependency"},
  };
  for (const Case& c : cases) {
    const Result<SqitchPlan> r = ParseSqitchPlan(c.text, kPlanPath);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_TRUE(r.status().is_invalid_input()) << r.status().ToString();
    EXPECT_EQ(r.status().context().file, kPlanPath);
    EXPECT_EQ(r.status().context().line, c.line) << r.status().ToString();
    EXPECT_EQ(r.status().context().column, c.column) << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.words), std::string::npos)
        << r.status().ToString() << "\nwanted: " << c.words;
  }
}

// ---------------------------------------------------------------------------
// sqitch.conf

TEST(SqitchConf, ReadsWhereTheFilesAreAndTheEngineSectionWins) {
  const Result<SqitchPaths> r = ParseSqitchConf(
      "[core]\n"
      "\tengine = pg\n"
      "\ttop_dir = db ; a comment\n"
      "\t# deploy_dir = nope\n"
      "\textension = .sql\n"
      "[engine \"pg\"]\n"
      "\ttarget = db:pg:flipr\n"
      "\tdeploy_dir = \"db/my deploy\"\n"
      "[engine \"sqlite\"]\n"
      "\trevert_dir = sqlite_revert\n"
      "[user]\n"
      "\tname = Ann\n",
      "sqitch.conf", Dialect::kPostgres);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->top_dir, "db");
  EXPECT_EQ(r->deploy_dir, "db/my deploy");
  EXPECT_EQ(r->revert_dir, "");
  EXPECT_EQ(r->extension, "sql");
}

TEST(SqitchConf, WhatItCannotReadIsAnErrorNamingTheLineAndKey) {
  struct Case {
    const char* text;
    int line;
    const char* words;
  } cases[] = {
      {"[core]\n  top_dir = ~/db\n", 2, "top_dir = ~/db"},
      {"[core]\n  deploy_dir = \"db\n", 2, "deploy_dir: a value with an unterminated quote"},
      {"[core\n", 1, "without its ']'"},
      {"[core]\n  = x\n", 2, "neither a [section] nor key = value"},
      {"[core]\n  extension = a/b\n", 2, "cannot hold '/'"},
      {"[core]\n  plan_file\n", 2, "plan_file needs a value"},
  };
  for (const Case& c : cases) {
    const Result<SqitchPaths> r = ParseSqitchConf(c.text, "sqitch.conf", Dialect::kPostgres);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().context().line, c.line) << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.words), std::string::npos) << r.status().ToString();
  }
}

// ---------------------------------------------------------------------------
// The loader

void WriteProject(const TempDir& t) {
  t.Write("sqitch.plan", std::string(kHeader) + Entry("appschema") + Entry("users [appschema]") +
                             Entry("@v1.0") + Entry("users [users@v1.0]", "reworked"));
  t.Write("deploy/appschema.sql", "BEGIN;\nCREATE SCHEMA app;\nCOMMIT;\n");
  t.Write("revert/appschema.sql", "DROP SCHEMA app;\n");
  t.Write("deploy/users@v1.0.sql", "CREATE TABLE app.users (id int);\n");
  t.Write("verify/users@v1.0.sql",
          "-- Verify\nBEGIN;\n\nSELECT id\n  FROM app.users WHERE FALSE;\nROLLBACK;\n");
  t.Write("deploy/users.sql", "ALTER TABLE app.users ADD name text;\n");
  t.Write("revert/users.sql", "ALTER TABLE app.users DROP name;\n");
  t.Write("verify/users.sql",
          "SELECT name FROM app.users WHERE FALSE;\nSELECT 1/COUNT(*) FROM app.users;\n");
}

TEST(LoadSqitchProject, EachChangeIsAMigrationInPlanOrder) {
  TempDir t;
  WriteProject(t);
  Result<MigrationSet> r = Load(t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->layout, Layout::kSqitch);
  EXPECT_EQ(r->dir, t.Dir());
  ASSERT_EQ(r->migrations.size(), 3u);
  const Migration& schema = r->migrations[0];
  EXPECT_EQ(schema.id, "1");
  EXPECT_EQ(schema.version, *Version::Parse("1"));
  EXPECT_EQ(schema.description, "appschema");
  EXPECT_EQ(schema.up.path, t.Path("deploy/appschema.sql"));
  ASSERT_TRUE(schema.down.has_value());
  EXPECT_EQ(schema.down->path, t.Path("revert/appschema.sql"));
  EXPECT_TRUE(schema.up.checks.empty());

  const Migration& old_users = r->migrations[1];
  EXPECT_EQ(old_users.id, "2");
  EXPECT_EQ(old_users.description, "users@v1.0");
  EXPECT_EQ(old_users.up.path, t.Path("deploy/users@v1.0.sql"));
  EXPECT_FALSE(old_users.down.has_value());
  EXPECT_EQ(old_users.meta.depends, (std::vector<std::string>{"1"}));
  ASSERT_EQ(old_users.up.checks.size(), 1u);  // BEGIN and ROLLBACK are not checks
  const Check& check = old_users.up.checks[0];
  EXPECT_EQ(check.expect, "any");
  EXPECT_TRUE(check.critical);
  EXPECT_EQ(check.when, Check::When::kPost);
  EXPECT_EQ(check.path, t.Path("verify/users@v1.0.sql"));
  EXPECT_EQ(check.line, 4);
  EXPECT_EQ(check.query_line, 4);
  EXPECT_EQ(check.query, "SELECT id\n  FROM app.users WHERE FALSE");

  const Migration& users = r->migrations[2];
  EXPECT_EQ(users.id, "3");
  EXPECT_EQ(users.description, "users");
  EXPECT_EQ(users.meta.depends, (std::vector<std::string>{"2"}));
  ASSERT_EQ(users.up.checks.size(), 2u);
  EXPECT_EQ(users.up.checks[1].line, 2);
  // The checksum is the deploy script's alone.
  EXPECT_EQ(
      users.checksums.content(),
      ComputeChecksums("ALTER TABLE app.users ADD name text;\n", Dialect::kPostgres).content());
}

TEST(LoadSqitchProject, HonoursSqitchConfPathsAndExtension) {
  TempDir t;
  t.Write("sqitch.conf",
          "[core]\n  engine = pg\n  top_dir = db\n  extension = psql\n"
          "[engine \"pg\"]\n  verify_dir = checks\n");
  t.Write("db/sqitch.plan", std::string(kHeader) + Entry("users"));
  t.Write("db/deploy/users.psql", "CREATE TABLE users (id int);\n");
  t.Write("checks/users.psql", "SELECT id FROM users WHERE FALSE;\n");
  Result<MigrationSet> r = Load(t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->migrations.size(), 1u);
  EXPECT_EQ(r->migrations[0].up.path, t.Path("db/deploy/users.psql"));
  ASSERT_EQ(r->migrations[0].up.checks.size(), 1u);
  EXPECT_EQ(r->migrations[0].up.checks[0].path, t.Path("checks/users.psql"));
}

TEST(LoadSqitchProject, PlaceholdersApplyToEveryScript) {
  TempDir t;
  t.Write("sqitch.plan", std::string(kHeader) + Entry("users"));
  t.Write("deploy/users.sql", "CREATE TABLE ${schema}.users (id int);\n");
  t.Write("verify/users.sql", "SELECT id FROM ${schema}.users WHERE FALSE;\n");
  LoadOptions options;
  options.dir = t.Dir();
  options.placeholders.values["schema"] = "app";
  Result<MigrationSet> r = LoadDirectory(options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->migrations[0].up.sql, "CREATE TABLE app.users (id int);\n");
  EXPECT_EQ(r->migrations[0].up.checks[0].query, "SELECT id FROM app.users WHERE FALSE");
}

TEST(LoadSqitchProject, ProblemsNameTheFileAndLine) {
  {
    TempDir t;  // a change without its deploy script
    t.Write("sqitch.plan", std::string(kHeader) + Entry("users"));
    const Result<MigrationSet> r = Load(t);
    testing::ExpectInvalid(r, t.Path("sqitch.plan"), "no deploy script");
    EXPECT_EQ(r.status().context().line, 4);
  }
  {
    TempDir t;  // a verify statement that writes
    t.Write("sqitch.plan", std::string(kHeader) + Entry("users"));
    t.Write("deploy/users.sql", "CREATE TABLE users (id int);\n");
    t.Write("verify/users.sql", "BEGIN;\nINSERT INTO users VALUES (1);\nROLLBACK;\n");
    const Result<MigrationSet> r = Load(t);
    testing::ExpectInvalid(r, t.Path("verify/users.sql"), "a verify script holds queries");
    EXPECT_EQ(r.status().context().line, 2);
  }
  {
    TempDir t;  // a bad plan line
    t.Write("sqitch.plan", std::string(kHeader) + "users\n");
    const Result<MigrationSet> r = Load(t);
    testing::ExpectInvalid(r, t.Path("sqitch.plan"), "missing timestamp");
  }
  {
    TempDir t;  // sqitch.conf pointing to a plan that is not there
    t.Write("sqitch.conf", "[core]\n  plan_file = other.plan\n");
    const Result<MigrationSet> r = Load(t);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().is_not_found()) << r.status().ToString();
    EXPECT_EQ(r.status().context().file, t.Path("other.plan"));
  }
}

TEST(LoadSqitchProject, AReworkedScriptIsFoundUnderAnyOfItsTags) {
  TempDir t;  // the tags between, latest first, then the change's own
  t.Write("sqitch.plan", std::string(kHeader) + Entry("users") + Entry("@v1") + Entry("orders") +
                             Entry("@v2") + Entry("users"));
  t.Write("deploy/users@v1.sql", "CREATE TABLE users (id int);\n");
  t.Write("deploy/orders.sql", "CREATE TABLE orders (id int);\n");
  t.Write("deploy/users.sql", "ALTER TABLE users ADD name text;\n");
  // A verify script may hold a DO block on PostgreSQL.
  t.Write("verify/users.sql", "DO $$ BEGIN PERFORM name FROM users; END $$;\n");
  Result<MigrationSet> r = Load(t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->migrations[0].description, "users@v1");
  EXPECT_EQ(r->migrations[2].up.checks.size(), 1u);

  fs::remove(t.Path("deploy/users@v1.sql"));  // none there: the first tag's name is missing
  const Result<MigrationSet> missing = Load(t);
  testing::ExpectInvalid(missing, t.Path("sqitch.plan"), "deploy/users@v2.sql");
  EXPECT_EQ(missing.status().context().line, 4);
}

TEST(LoadSqitchProject, AnEmptyPlanIsAnEmptySet) {
  TempDir t;
  t.Write("sqitch.plan", kHeader);
  Result<MigrationSet> r = Load(t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->layout, Layout::kSqitch);
  EXPECT_TRUE(r->migrations.empty());
}

}  // namespace
}  // namespace strata::source
