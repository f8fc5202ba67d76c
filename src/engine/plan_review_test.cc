// BuildPlanReview is pure: a dry run, the migration set, lint findings and table
// sizes in; locks, sizes, findings per step and totals out.
#include "engine/plan_review.h"

#include <gtest/gtest.h>

namespace strata::engine {
namespace {

source::Migration Migration(const std::string& id, const std::string& sql, int first_line = 1) {
  source::Migration m;
  m.id = id;
  m.version = *source::Version::Parse(id);
  m.description = "m" + id;
  m.up.path = "migrations/" + id + "_m.sql";
  m.up.sql = sql;
  m.up.first_line = first_line;
  return m;
}

// The step a dry run makes of `script`.
StepReport StepOf(const source::Migration& m, const source::Script& script, Dialect dialect,
                  const std::string& phase = "") {
  StepReport step;
  step.id = m.id;
  step.description = m.description;
  step.phase = phase;
  step.script = script.path;
  step.transactional = !m.meta.no_transaction;
  step.statements = *sql::Split(script.sql, dialect);
  return step;
}

LintedFinding Finding(const std::string& file, int line, sql::lint::Severity severity) {
  LintedFinding f;
  f.file = file;
  f.line = line;
  f.column = 1;
  f.finding.rule = "some-rule";
  f.finding.severity = severity;
  return f;
}

TEST(BuildPlanReview, LocksComeFromTheLintLayerAndSizesFromTheTarget) {
  source::MigrationSet set;
  set.migrations = {Migration("002",
                              "ALTER TABLE users ADD COLUMN nickname text;\n"
                              "CREATE TABLE notes (id int);\n"
                              "ALTER TABLE notes ADD COLUMN body text;\n"
                              "CREATE INDEX CONCURRENTLY idx ON app.orders (id);\n"
                              "ALTER TABLE ghosts ADD COLUMN x int;\n"
                              "SELECT 1;\n",
                              /*first_line=*/4)};
  RunReport run;
  run.steps = {StepOf(set.migrations[0], set.migrations[0].up, Dialect::kPostgres)};
  const std::vector<driver::TableSize> sizes = {{"public", "users", 8192, 1000},
                                                {"app", "orders", 1 << 20, 50000}};
  const PlanReview plan = BuildPlanReview(run, set, Dialect::kPostgres, {}, sizes);

  ASSERT_EQ(plan.steps.size(), 1u);
  const std::vector<ReviewedStatement>& s = plan.steps[0].statements;
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].line, 4);
  EXPECT_EQ(s[0].lock, "ACCESS EXCLUSIVE");
  EXPECT_EQ(s[0].impact, sql::lint::LockImpact::kBlocksAll);
  EXPECT_EQ(s[0].table, "users");
  EXPECT_EQ(s[0].origin, TableOrigin::kTarget);
  EXPECT_EQ(s[0].table_bytes, 8192);
  EXPECT_EQ(s[0].table_rows, 1000);
  // Created by the plan: new, not unknown, and its lock does not count.
  EXPECT_EQ(s[1].lock, "");
  EXPECT_EQ(s[1].table, "notes");
  EXPECT_EQ(s[1].origin, TableOrigin::kNew);
  EXPECT_EQ(s[2].lock, "ACCESS EXCLUSIVE");
  EXPECT_EQ(s[2].origin, TableOrigin::kNew);
  EXPECT_EQ(s[2].table_bytes, -1);
  EXPECT_EQ(s[3].lock, "SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(s[3].impact, sql::lint::LockImpact::kSchemaChanges);
  EXPECT_EQ(s[3].table, "app.orders");
  EXPECT_EQ(s[3].table_rows, 50000);
  EXPECT_EQ(s[3].line, 7);
  EXPECT_EQ(s[4].origin, TableOrigin::kUnknown);
  EXPECT_EQ(s[5].lock, "");
  EXPECT_EQ(s[5].origin, TableOrigin::kNone);

  EXPECT_EQ(plan.totals.statements, 6u);
  EXPECT_EQ(plan.totals.blocking_tables, (std::vector<std::string>{"users", "ghosts"}));
  EXPECT_EQ(plan.steps[0].blocking_tables, plan.totals.blocking_tables);
}

TEST(BuildPlanReview, ATableCreatedByAnEarlierStepIsNewInALaterOne) {
  source::MigrationSet set;
  set.migrations = {Migration("001", "CREATE TABLE a (id int);\n"),
                    Migration("002", "ALTER TABLE a ADD COLUMN b int;\n")};
  RunReport run;
  for (const auto& m : set.migrations) run.steps.push_back(StepOf(m, m.up, Dialect::kPostgres));
  const PlanReview plan = BuildPlanReview(run, set, Dialect::kPostgres, {}, {});
  EXPECT_EQ(plan.steps[1].statements[0].origin, TableOrigin::kNew);
  EXPECT_TRUE(plan.totals.blocking_tables.empty());
}

TEST(BuildPlanReview, CreateTableIfNotExistsOfAnExistingTableCreatesNothing) {
  source::MigrationSet set;
  set.migrations = {Migration("001",
                              "CREATE TABLE IF NOT EXISTS a (id int);\n"
                              "ALTER TABLE a ADD COLUMN b int;\n")};
  RunReport run;
  run.steps = {StepOf(set.migrations[0], set.migrations[0].up, Dialect::kPostgres)};
  const PlanReview plan =
      BuildPlanReview(run, set, Dialect::kPostgres, {}, {{"public", "a", 100, 3}});
  EXPECT_EQ(plan.steps[0].statements[1].origin, TableOrigin::kTarget);
  EXPECT_EQ(plan.steps[0].statements[1].table_rows, 3);
}

TEST(BuildPlanReview, SqliteStatementsThatWriteTakeTheDatabaseWriteLock) {
  source::MigrationSet set;
  set.migrations = {Migration("001",
                              "ALTER TABLE users ADD COLUMN nickname text;\n"
                              "SELECT 1;\n"
                              "CREATE TABLE t (id INTEGER);\n")};
  RunReport run;
  run.steps = {StepOf(set.migrations[0], set.migrations[0].up, Dialect::kSqlite)};
  const PlanReview plan = BuildPlanReview(run, set, Dialect::kSqlite, {}, {{"", "users", -1, -1}});
  const auto& s = plan.steps[0].statements;
  EXPECT_EQ(s[0].lock, "DATABASE WRITE");
  EXPECT_EQ(s[0].impact, sql::lint::LockImpact::kBlocksWrites);
  EXPECT_EQ(s[0].table, "users");
  EXPECT_EQ(s[0].origin, TableOrigin::kTarget);
  EXPECT_EQ(s[1].lock, "");
  EXPECT_EQ(s[1].impact, sql::lint::LockImpact::kNone);
  EXPECT_EQ(s[2].lock, "DATABASE WRITE");
  EXPECT_EQ(s[2].origin, TableOrigin::kNew);
  EXPECT_TRUE(plan.totals.blocking_tables.empty());
}

TEST(BuildPlanReview, FindingsGoToTheStepWhoseScriptHoldsThem) {
  // A phased migration: both phases in one file, told apart by their lines.
  source::Migration phased = Migration("003", "");
  phased.meta.ticket = "JIRA-12";
  phased.meta.author = "alice";
  phased.meta.breaking = true;
  source::PhaseScripts expand{
      source::Phase::kExpand, {phased.up.path, "ALTER TABLE a ADD COLUMN c int;\n", 2, {}, {}}, {}};
  source::PhaseScripts contract{
      source::Phase::kContract, {phased.up.path, "ALTER TABLE a DROP COLUMN b;\n", 5, {}, {}}, {}};
  phased.phases = {expand, contract};
  source::Migration plain = Migration("004", "CREATE INDEX CONCURRENTLY i ON a (c);\n");
  plain.meta.no_transaction = true;
  plain.down = source::Script{"migrations/rollback/004_rollback.sql", "DROP INDEX i;\n", 1, {}, {}};
  source::MigrationSet set;
  set.migrations = {phased, plain};

  RunReport run;
  run.steps = {StepOf(phased, phased.phases[0].up, Dialect::kPostgres, "expand"),
               StepOf(phased, phased.phases[1].up, Dialect::kPostgres, "contract"),
               StepOf(plain, plain.up, Dialect::kPostgres)};
  LintReport lint;
  lint.findings = {Finding(phased.up.path, 2, sql::lint::Severity::kWarning),
                   Finding(phased.up.path, 5, sql::lint::Severity::kError),
                   Finding("migrations/rollback/004_rollback.sql", 1, sql::lint::Severity::kInfo),
                   Finding("migrations/999_elsewhere.sql", 1, sql::lint::Severity::kError)};
  const PlanReview plan = BuildPlanReview(run, set, Dialect::kPostgres, lint, {});

  ASSERT_EQ(plan.steps.size(), 3u);
  ASSERT_EQ(plan.steps[0].findings.size(), 1u);
  EXPECT_EQ(plan.steps[0].findings[0].line, 2);
  ASSERT_EQ(plan.steps[1].findings.size(), 1u);
  EXPECT_EQ(plan.steps[1].findings[0].line, 5);
  EXPECT_EQ(plan.steps[1].statements[0].line, 5);
  ASSERT_EQ(plan.steps[2].findings.size(), 1u);  // the rollback's, beside its migration
  EXPECT_EQ(plan.steps[0].meta.ticket, "JIRA-12");
  EXPECT_EQ(plan.steps[1].meta.author, "alice");
  EXPECT_FALSE(plan.steps[2].transactional);

  const ReviewTotals& t = plan.totals;
  EXPECT_EQ(t.migrations, 2u);
  EXPECT_EQ(t.steps, 3u);
  EXPECT_EQ(t.errors, 1u);  // the finding outside the plan is left out
  EXPECT_EQ(t.warnings, 1u);
  EXPECT_EQ(t.infos, 1u);
  EXPECT_EQ(t.breaking, (std::vector<std::string>{"003"}));
  EXPECT_EQ(t.non_transactional, (std::vector<std::string>{"004"}));

  EXPECT_EQ(PlanFiles(run, set),
            (std::set<std::string>{phased.up.path, plain.up.path, plain.down->path}));
}

}  // namespace
}  // namespace strata::engine
