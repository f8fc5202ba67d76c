// The plan's renderings, on a small hand-built plan.
#include "report/plan_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace strata::report {
namespace {

using engine::PlanReview;
using engine::ReviewedStatement;
using engine::ReviewedStep;
using engine::TableOrigin;

PlanReview Sample() {
  PlanReview plan;
  plan.target = "postgres://app@db/app";
  plan.dialect = Dialect::kPostgres;

  ReviewedStep alter;
  alter.id = "002";
  alter.description = "add nickname";
  alter.script = "migrations/002_add_nickname.sql";
  alter.meta.ticket = "JIRA-12";
  alter.meta.author = "alice";
  alter.meta.breaking = true;
  alter.statements = {{"ALTER TABLE users ADD COLUMN nickname text", 3, "ACCESS EXCLUSIVE", "users",
                       TableOrigin::kTarget, 1288490189, 3400000},
                      {"CREATE TABLE notes (\n  id int,\n  body text -- a | b\n)", 4, "", "notes",
                       TableOrigin::kNew, -1, -1},
                      {"SELECT 1", 8, "", "", TableOrigin::kNone, -1, -1}};
  engine::LintedFinding f;
  f.file = alter.script;
  f.line = 3;
  f.column = 1;
  f.finding = {"some-rule",
               sql::lint::Severity::kWarning,
               "users is rewritten",
               0,
               {"ACCESS EXCLUSIVE", "users"}};
  f.table_bytes = 1288490189;
  f.table_rows = 3400000;
  alter.findings = {f};
  alter.blocking_tables = {"users"};

  ReviewedStep index;
  index.id = "003";
  index.description = "index nickname";
  index.script = "migrations/003_index_nickname.sql";
  index.transactional = false;
  index.statements = {{"CREATE INDEX CONCURRENTLY idx ON users (nickname)", 2,
                       "SHARE UPDATE EXCLUSIVE", "users", TableOrigin::kTarget, -1, -1}};

  plan.steps = {alter, index};
  plan.totals.migrations = 2;
  plan.totals.steps = 2;
  plan.totals.statements = 4;
  plan.totals.warnings = 1;
  plan.totals.blocking_tables = {"users"};
  plan.totals.non_transactional = {"003"};
  plan.totals.breaking = {"002"};
  return plan;
}

std::string Render(const PlanReview& plan, PlanFormat format) {
  std::ostringstream out;
  RenderPlanReview(plan, format, out);
  return out.str();
}

TEST(RenderPlanReview, TextShowsEachStatementWithItsLockAndTableSize) {
  EXPECT_EQ(Render(Sample(), PlanFormat::kText),
            "plan for postgres://app@db/app (postgres): 2 migrations (2 steps), 4 statements\n"
            "lint: 0 errors, 1 warning, 0 notes\n"
            "ACCESS EXCLUSIVE locks on: users\n"
            "not in a transaction: 003\n"
            "breaking: 002\n"
            "\n"
            "002 add nickname (migrations/002_add_nickname.sql)\n"
            "  in a transaction | ticket JIRA-12 | author alice | BREAKING\n"
            "  line 3: ACCESS EXCLUSIVE on users (1.2 GB, ~3M rows)\n"
            "    ALTER TABLE users ADD COLUMN nickname text;\n"
            "  line 4: no table lock: notes (new table)\n"
            "    CREATE TABLE notes (\n"
            "      id int,\n"
            "      body text -- a | b\n"
            "    );\n"
            "  line 8: no table lock\n"
            "    SELECT 1;\n"
            "  lint:\n"
            "    migrations/002_add_nickname.sql:3:1: warning[some-rule]: users is rewritten "
            "(ACCESS EXCLUSIVE on users, 1.2 GB, ~3M rows)\n"
            "\n"
            "003 index nickname (migrations/003_index_nickname.sql)\n"
            "  NO TRANSACTION\n"
            "  line 2: SHARE UPDATE EXCLUSIVE on users (size unknown)\n"
            "    CREATE INDEX CONCURRENTLY idx ON users (nickname);\n");
}

TEST(RenderPlanReview, MarkdownIsAReviewReport) {
  const std::string md = Render(Sample(), PlanFormat::kMarkdown);
  for (const char* part :
       {"## strata plan: 2 pending migrations\n\nTarget: `postgres://app@db/app` (postgres)\n",
        "| Lint | 0 errors, 1 warning, 0 notes |\n", "| ACCESS EXCLUSIVE locks on | `users` |\n",
        "| Not in a transaction | 003 |\n",
        "| 002 | add nickname | 3 | yes | `users` | 1 warning | JIRA-12 | alice | **yes** |\n",
        "| 003 | index nickname | 1 | **no** |  | clean |  |  |  |\n",
        "### 002 add nickname\n\n`migrations/002_add_nickname.sql` · in a transaction · "
        "ticket JIRA-12 · author alice · **breaking**\n",
        "| 3 | ACCESS EXCLUSIVE | `users` | 1.2 GB | ~3M rows | "
        "`ALTER TABLE users ADD COLUMN nickname text` |\n",
        // On one line, the pipe escaped so that it does not end the cell.
        "| 4 |  | `notes` | new |  | `CREATE TABLE notes ( id int, body text -- a \\| b )` |\n",
        "- **warning** `some-rule` at migrations/002_add_nickname.sql:3: users is rewritten",
        "<details><summary>SQL (3 statements)</summary>\n\n```sql\nALTER TABLE users ADD "
        "COLUMN nickname text;\n",
        "</details>\n", "| 2 | SHARE UPDATE EXCLUSIVE | `users` | unknown | unknown | "}) {
    EXPECT_NE(md.find(part), std::string::npos) << "missing:\n" << part << "\nin:\n" << md;
  }
}

TEST(RenderPlanReview, MarkdownFencesOutlastBackticksInTheSql) {
  PlanReview plan = Sample();
  plan.steps[1].statements[0].text = "SELECT '```'";
  const std::string md = Render(plan, PlanFormat::kMarkdown);
  EXPECT_NE(md.find("````sql\nSELECT '```';\n````"), std::string::npos) << md;
  EXPECT_NE(md.find("`` SELECT '```' ``"), std::string::npos) << md;
}

TEST(RenderPlanReview, JsonHasEveryKeyWithRawNumbersAndNullsForTheUnknown) {
  const auto js = nlohmann::json::parse(Render(Sample(), PlanFormat::kJson));
  EXPECT_EQ(js["format_version"], 1);
  EXPECT_EQ(js["dialect"], "postgres");
  EXPECT_EQ(js["summary"]["findings"]["warning"], 1);
  EXPECT_EQ(js["summary"]["access_exclusive_tables"], nlohmann::json::array({"users"}));
  EXPECT_EQ(js["summary"]["non_transactional"], nlohmann::json::array({"003"}));
  const auto& m = js["migrations"][0];
  EXPECT_EQ(m["ticket"], "JIRA-12");
  EXPECT_EQ(m["breaking"], true);
  EXPECT_TRUE(m["phase"].is_null());
  EXPECT_EQ(m["statements"][0]["lock"], "ACCESS EXCLUSIVE");
  EXPECT_EQ(m["statements"][0]["table_bytes"], 1288490189);
  EXPECT_EQ(m["statements"][0]["table_rows"], 3400000);
  EXPECT_EQ(m["statements"][1]["table_origin"], "new");
  EXPECT_TRUE(m["statements"][1]["table_bytes"].is_null());
  EXPECT_EQ(m["findings"][0]["rule"], "some-rule");
  const auto& other = js["migrations"][1];
  EXPECT_EQ(other["transactional"], false);
  EXPECT_TRUE(other["breaking"].is_null());
  // The same keys on every migration and statement, whatever is known.
  std::vector<std::string> keys, other_keys;
  for (const auto& [k, v] : m.items()) keys.push_back(k);
  for (const auto& [k, v] : other.items()) other_keys.push_back(k);
  EXPECT_EQ(keys, other_keys);
  EXPECT_EQ(m["statements"][0].size(), m["statements"][2].size());
}

TEST(RenderPlanReview, AnEmptyPlanSaysNoMigrationIsPending) {
  PlanReview empty;
  empty.target = "sqlite:app.db";
  empty.dialect = Dialect::kSqlite;
  EXPECT_EQ(Render(empty, PlanFormat::kText),
            "nothing to do: no pending migrations on sqlite:app.db\n");
  EXPECT_NE(Render(empty, PlanFormat::kMarkdown).find("Nothing to do"), std::string::npos);
  const auto js = nlohmann::json::parse(Render(empty, PlanFormat::kJson));
  EXPECT_TRUE(js["migrations"].empty());
  EXPECT_EQ(js["summary"]["migrations"], 0);
}

TEST(ParsePlanFormat, KnowsTheThreeFormats) {
  PlanFormat f = PlanFormat::kText;
  EXPECT_TRUE(ParsePlanFormat("markdown", &f));
  EXPECT_EQ(f, PlanFormat::kMarkdown);
  EXPECT_TRUE(ParsePlanFormat("json", &f));
  EXPECT_FALSE(ParsePlanFormat("html", &f));
}

}  // namespace
}  // namespace strata::report
