#include "report/verify_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace strata::report {
namespace {

using catalog::Action;
using catalog::Change;
using catalog::ObjectKind;
using engine::MigrationVerdict;
using engine::VerifyReport;
using engine::VerifyStage;
using engine::VerifyStatus;

Change Made(Action action, ObjectKind kind, std::string table, std::string member = "") {
  Change c;
  c.action = action;
  c.kind = kind;
  c.name = {"public", std::move(table)};
  c.member = std::move(member);
  return c;
}

MigrationVerdict Verdict(std::string id, VerifyStatus status) {
  MigrationVerdict v;
  v.id = std::move(id);
  v.description = "step " + v.id;
  v.file = "migrations/" + v.id + "_step.sql";
  v.rollback = "migrations/rollback/" + v.id + "_rollback.sql";
  v.status = status;
  return v;
}

// One of each outcome, as Verify would give them for a series that stops at 004.
VerifyReport Mixed() {
  VerifyReport r;
  r.migrations.push_back(Verdict("001", VerifyStatus::kOk));
  MigrationVerdict incomplete = Verdict("002", VerifyStatus::kRollbackIncomplete);
  incomplete.after_rollback = {Made(Action::kCreate, ObjectKind::kIndex, "orders_customer_idx"),
                               Made(Action::kDrop, ObjectKind::kColumn, "users", "email")};
  incomplete.stage = VerifyStage::kUpAgain;
  incomplete.error = Status::Database("relation \"orders_customer_idx\" already exists")
                         .WithFile("migrations/002_step.sql")
                         .WithLocation(3, 1);
  r.migrations.push_back(incomplete);
  MigrationVerdict none = Verdict("003", VerifyStatus::kNoRollback);
  none.rollback.clear();
  none.error = Status::Conflict(
                   "it has no rollback (add rollback/003_rollback.sql or a -- "
                   "strata:down section)")
                   .WithFile("migrations/003_step.sql");
  r.migrations.push_back(none);
  MigrationVerdict failed = Verdict("004", VerifyStatus::kFailed);
  failed.stage = VerifyStage::kUp;
  failed.error =
      Status::Database("syntax error").WithFile("migrations/004_step.sql").WithLocation(2, 5);
  r.migrations.push_back(failed);
  r.migrations.push_back(Verdict("005", VerifyStatus::kNotVerified));
  r.stopped =
      "verification stopped at 004: it does not apply, and the migrations after it build on it";
  return r;
}

TEST(VerifyText, NamesEachObjectTheRollbackLeftOrRemovedUnderItsMigration) {
  const std::string text = VerifyText(Mixed(), "in-memory SQLite databases");
  EXPECT_NE(text.find("ok    001  step 001\n"), std::string::npos) << text;
  EXPECT_NE(text.find("FAIL  002  step 002\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      + index public.orders_customer_idx (left behind by the rollback)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("      - column public.users.email (removed by the rollback, though it was "
                      "there before the migration)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("applying it again after its rollback failed: migrations/002_step.sql:3:1: "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("no rollback: migrations/003_step.sql: it has no rollback"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("applying it failed: migrations/004_step.sql:2:5: syntax error"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("--    005  step 005  (not verified)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("verification stopped at 004"), std::string::npos) << text;
  EXPECT_NE(text.find("3 of 5 migration(s) fail verification, 1 not verified.\n"),
            std::string::npos)
      << text;
}

TEST(VerifyText, SaysAllPassAndCountsSkippedRepeatables) {
  VerifyReport r;
  r.migrations.push_back(Verdict("001", VerifyStatus::kOk));
  r.migrations.push_back(Verdict("R__views", VerifyStatus::kSkipped));
  const std::string text = VerifyText(r, "x");
  EXPECT_NE(text.find("skip  R__views"), std::string::npos) << text;
  EXPECT_NE(text.find("All 1 migration(s) roll back exactly and apply again the same way (1 "
                      "repeatable(s) skipped).\n"),
            std::string::npos)
      << text;
}

TEST(VerifyJson, HasStableKeysAndNullsForWhatIsAbsent) {
  const nlohmann::json j = nlohmann::json::parse(VerifyJson(Mixed(), "here"));
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["passed"], false);
  EXPECT_EQ(j["counts"]["ok"], 1);
  EXPECT_EQ(j["counts"]["failed"], 3);
  EXPECT_EQ(j["counts"]["not_verified"], 1);
  ASSERT_EQ(j["migrations"].size(), 5u);
  const auto& ok = j["migrations"][0];
  EXPECT_EQ(ok["status"], "ok");
  EXPECT_TRUE(ok["stage"].is_null());
  EXPECT_TRUE(ok["error"].is_null());
  EXPECT_TRUE(ok["after_rollback"].empty());
  const auto& incomplete = j["migrations"][1];
  EXPECT_EQ(incomplete["status"], "rollback_incomplete");
  EXPECT_EQ(incomplete["stage"], "up_again");
  EXPECT_EQ(incomplete["after_rollback"][0]["action"], "create");
  EXPECT_EQ(incomplete["after_rollback"][0]["object"], "index");
  EXPECT_EQ(incomplete["after_rollback"][0]["name"], "public.orders_customer_idx");
  EXPECT_EQ(incomplete["error"]["line"], 3);
  EXPECT_TRUE(j["migrations"][2]["rollback"].is_null());
  EXPECT_EQ(j["migrations"][2]["status"], "no_rollback");
  EXPECT_FALSE(j["stopped"].is_null());
}

}  // namespace
}  // namespace strata::report
