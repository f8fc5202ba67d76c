// The strata binary against real SQLite files, as a user runs it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// A project directory with a SQLite database beside its migrations.
class SqliteProject : public ::testing::Test {
 protected:
  std::string db() const { return (dir_.path() / "app.db").string(); }
  std::string migrations() const { return (dir_.path() / "migrations").string(); }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", "sqlite:" + db(), "--dir", migrations()});
    return RunStrata(args);
  }
  std::string Scalar(const std::string& sql) { return SqliteScalar(db(), sql); }
  TempDir dir_;
};

TEST_F(SqliteProject, WorkflowExampleAppliesAndRollsBackToAnEmptySchema) {
  const std::string example = (SourceDir() / "examples/workflow-sqlite/migrations").string();
  RunResult up = RunStrata({"--url", "sqlite:" + db(), "--dir", example, "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult status = RunStrata({"--url", "sqlite:" + db(), "--dir", example, "--json", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto js = nlohmann::json::parse(status.out);
  EXPECT_EQ(js["pending"], 0);
  EXPECT_GE(js["applied"].get<int>(), 5);
  EXPECT_NE(Scalar("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'strata%' AND "
                   "name NOT LIKE 'sqlite_%'"),
            "0");

  RunResult down = RunStrata({"--url", "sqlite:" + db(), "--dir", example, "down", "--all"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'strata%' AND "
                   "name NOT LIKE 'sqlite_%'"),
            "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history"), "0");
}

TEST_F(SqliteProject, FailureInTheMiddleOfASeriesKeepsEarlierMigrationsAndRollsBackTheFailedOne) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  dir_.Write("migrations/002_b.sql",
             "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
             "-- the next statement fails\n"
             "INSERT INTO b (id) SELECT missing_col FROM b;\n");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  // file:line:column of the failing token, and the database's own message.
  EXPECT_NE(up.err.find("002_b.sql:3:27"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("no such column: missing_col"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('b', 'c')"), "0");
  EXPECT_EQ(Scalar("SELECT group_concat(version) FROM strata_schema_history"), "001");

  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
  RunResult again = Strata({"up"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Scalar("SELECT group_concat(version) FROM strata_schema_history"), "001,002,003");
}

TEST_F(SqliteProject, ValidateTellsAFormattingEditFromARealChange) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);

  dir_.Write("migrations/001_a.sql",
             "-- reviewed\ncreate table a (\n  id INTEGER PRIMARY KEY\n);\r\n");
  RunResult formatting = Strata({"validate"});
  EXPECT_EQ(formatting.exit_code, 0) << formatting.out;
  EXPECT_NE(formatting.out.find("warning"), std::string::npos) << formatting.out;
  // status tells them apart too, though it reads the semantic checksums only then.
  RunResult status = Strata({"status"});
  EXPECT_NE(status.out.find("applied (reformatted)"), std::string::npos) << status.out;

  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);\n");
  RunResult tampered = Strata({"--json", "validate"});
  EXPECT_EQ(tampered.exit_code, 3);
  const auto js = nlohmann::json::parse(tampered.out);
  EXPECT_FALSE(js["valid"].get<bool>());
  EXPECT_EQ(js["problems"][0]["id"], "001");
  const auto changed = nlohmann::json::parse(Strata({"--json", "status"}).out)["migrations"][0];
  EXPECT_TRUE(changed["checksum_changed"].get<bool>()) << changed.dump();
  EXPECT_FALSE(changed["formatting_changed"].get<bool>()) << changed.dump();
  // up refuses to build on a changed history; repair accepts an approved edit.
  EXPECT_EQ(Strata({"up"}).exit_code, 1);
  EXPECT_EQ(Strata({"repair"}).exit_code, 0);
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

// A checksum changed in the history by hand, to hide an edit of the file or by
// mistake, disagrees with the row's seal: validate and status report it (exit
// 3), not as a formatting edit, up refuses, and repair seals the row again
// with the file's checksums.
TEST_F(SqliteProject, AHandEditedChecksumIsReportedAsTampering) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  ASSERT_EQ(Strata({"validate"}).exit_code, 0);
  Scalar("UPDATE strata_schema_history SET checksum_content = '" + std::string(64, 'a') +
         "' WHERE version = '002'");

  RunResult validate = Strata({"validate"});
  EXPECT_EQ(validate.exit_code, 3) << validate.out;
  EXPECT_NE(validate.out.find("002"), std::string::npos) << validate.out;
  EXPECT_NE(validate.out.find("edited outside strata"), std::string::npos) << validate.out;
  EXPECT_EQ(validate.out.find("formatting-only"), std::string::npos) << validate.out;
  RunResult status = Strata({"--json", "status"});
  EXPECT_EQ(status.exit_code, 3) << status.err;
  const auto items = nlohmann::json::parse(status.out)["migrations"];
  EXPECT_FALSE(items[0]["tampered"].get<bool>()) << items.dump();
  EXPECT_TRUE(items[1]["tampered"].get<bool>()) << items.dump();
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1) << up.err;
  EXPECT_NE(up.err.find("edited outside strata"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'c'"), "0");

  RunResult repair = Strata({"repair"});
  EXPECT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_NE(repair.out.find("002: sealed its history again"), std::string::npos) << repair.out;
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT checksum_content <> '" + std::string(64, 'a') +
                   "' FROM strata_schema_history WHERE version = '002'"),
            "1");
  EXPECT_EQ(Strata({"up"}).exit_code, 0);
}

TEST_F(SqliteProject, ValidateListsMissingFilesAndOutOfOrderPendingMigrations) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
  std::filesystem::remove(dir_.path() / "migrations/001_a.sql");
  RunResult v = Strata({"--json", "validate"});
  EXPECT_EQ(v.exit_code, 3);
  const auto problems = nlohmann::json::parse(v.out)["problems"];
  ASSERT_EQ(problems.size(), 2u) << v.out;
  std::string all = problems.dump();
  EXPECT_NE(all.find("its file is gone"), std::string::npos);
  EXPECT_NE(all.find("older than the newest applied version 003"), std::string::npos);
  // A history row that matches no file stops up before anything runs.
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("no file in the migrations directory has that version"), std::string::npos)
      << up.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), "0");
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("--allow-out-of-order"), std::string::npos) << up.err;
}

TEST_F(SqliteProject, DownRefusesAMigrationWithoutRollbackAndNamesIt) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
  dir_.Write("migrations/rollback/001_rollback.sql", "DROP TABLE a;\n");
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  RunResult down = Strata({"down", "--all"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("cannot roll back 002: it has no rollback"), std::string::npos)
      << down.err;
  // Nothing was rolled back, not even 001 which has a rollback.
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history"), "2");
}

TEST_F(SqliteProject, UpToAndDownStepsAndTo) {
  for (int i = 1; i <= 4; ++i) {
    const std::string n = "00" + std::to_string(i);
    dir_.Write("migrations/" + n + "_t.sql", "CREATE TABLE t" + n + " (id INTEGER);\n");
    dir_.Write("migrations/rollback/" + n + "_rollback.sql", "DROP TABLE t" + n + ";\n");
  }
  ASSERT_EQ(Strata({"up", "--to", "2"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT group_concat(version) FROM strata_schema_history"), "001,002");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  ASSERT_EQ(Strata({"down", "--steps", "2"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT group_concat(version) FROM strata_schema_history"), "001,002");
  ASSERT_EQ(Strata({"down", "--to", "001"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT group_concat(version) FROM strata_schema_history"), "001");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 't00%'"), "1");
  RunResult dry = Strata({"up", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0);
  EXPECT_NE(dry.out.find("CREATE TABLE t004"), std::string::npos) << dry.out;
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history"), "1");
}

TEST_F(SqliteProject, GolangMigrateFlywayAndDbmateLayoutsApplyAndRollBack) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> files;
  };
  const std::vector<Case> cases = {
      {{{"1_users.up.sql", "CREATE TABLE users (id INTEGER);"},
        {"1_users.down.sql", "DROP TABLE users;"},
        {"2_posts.up.sql", "CREATE TABLE posts (id INTEGER);"},
        {"2_posts.down.sql", "DROP TABLE posts;"}}},
      {{{"V1__users.sql", "CREATE TABLE users (id INTEGER);"},
        {"U1__users.sql", "DROP TABLE users;"},
        {"V1.1__posts.sql", "CREATE TABLE posts (id INTEGER);"},
        {"U1.1__posts.sql", "DROP TABLE posts;"}}},
      {{{"20250101120000_users.sql",
         "-- migrate:up\nCREATE TABLE users (id INTEGER);\n-- migrate:down\nDROP TABLE users;\n"},
        {"20250102120000_posts.sql",
         "-- strata:up\nCREATE TABLE posts (id INTEGER);\n-- strata:down\nDROP TABLE posts;\n"}}},
  };
  for (const Case& c : cases) {
    TempDir project;
    for (const auto& [name, sql] : c.files) project.Write("m/" + name, sql);
    const std::string url = "sqlite:" + (project.path() / "x.db").string();
    const std::string dir = (project.path() / "m").string();
    RunResult up = RunStrata({"--url", url, "--dir", dir, "up"});
    ASSERT_EQ(up.exit_code, 0) << c.files[0].first << ": " << up.err;
    EXPECT_EQ(SqliteScalar(project.path() / "x.db",
                           "SELECT count(*) FROM sqlite_schema WHERE name IN ('users', 'posts')"),
              "2");
    RunResult down = RunStrata({"--url", url, "--dir", dir, "down", "--all"});
    ASSERT_EQ(down.exit_code, 0) << c.files[0].first << ": " << down.err;
    EXPECT_EQ(SqliteScalar(project.path() / "x.db",
                           "SELECT count(*) FROM sqlite_schema WHERE name IN ('users', 'posts')"),
              "0");
  }
}

TEST_F(SqliteProject, FlywayRepeatableRunsAgainWhenItChanges) {
  dir_.Write("migrations/V1__t.sql", "CREATE TABLE t (id INTEGER);");
  dir_.Write("migrations/R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT 1 AS one;");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  RunResult again = Strata({"up"});
  EXPECT_NE(again.out.find("nothing to do"), std::string::npos) << again.out;
  dir_.Write("migrations/R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT 2 AS two;");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT two FROM v"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history WHERE kind = 'repeatable'"), "2");
}

TEST_F(SqliteProject, BadFileNameIsExit2NamesTheFileAndChangesNothing) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);");
  dir_.Write("migrations/add_b.sql", "CREATE TABLE b (id INTEGER);");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_NE(up.err.find("add_b.sql"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema"), "0");
}

TEST_F(SqliteProject, TransactionControlThatCannotWorkIsRejectedWithItsLine) {
  dir_.Write("migrations/001_z.sql", "CREATE TABLE z (id INTEGER);\n");
  dir_.Write("migrations/002_a.sql",
             "-- Author: a@example.com\nBEGIN;\nCREATE TABLE a (id INTEGER);\nVACUUM;\nCOMMIT;\n");
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_NE(up.err.find("002_a.sql:4:1"), std::string::npos) << up.err;
  // Bad input changes nothing, not even the good migration before it.
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'z')"), "0");
  // The same file without the VACUUM is wrapped in its own transaction, which
  // strata runs as the migration's.
  dir_.Write("migrations/002_a.sql",
             "-- Author: a@example.com\nBEGIN;\nCREATE TABLE a (id INTEGER);\nCOMMIT;\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT transaction_mode || ':' || transactional FROM strata_schema_history "
                   "WHERE version = '002'"),
            "wrapped:1");
}

TEST_F(SqliteProject, DependencyCycleAndMissingDependencyAreExit2) {
  dir_.Write("migrations/001_a.sql", "-- Depends: 002\nCREATE TABLE a (id INTEGER);");
  dir_.Write("migrations/002_b.sql", "-- Depends: 001\nCREATE TABLE b (id INTEGER);");
  RunResult cycle = Strata({"up"});
  EXPECT_EQ(cycle.exit_code, 2);
  EXPECT_NE(cycle.err.find("dependency cycle"), std::string::npos) << cycle.err;
  dir_.Write("migrations/002_b.sql", "-- Depends: 009\nCREATE TABLE b (id INTEGER);");
  RunResult missing = Strata({"up"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("'009'"), std::string::npos) << missing.err;
}

TEST_F(SqliteProject, BaselineAdoptsAnExistingDatabase) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);");
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER);");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id INTEGER);");
  ASSERT_EQ(Strata({"baseline", "--version", "002"}).exit_code, 0);
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'c'"), "1");
  EXPECT_EQ(Strata({"baseline", "--version", "002"}).exit_code, 1);  // history not empty
}

// A database built by hand up to 002, adopted with baseline --version 002:
// drift replays 001 and 002 (the baseline's own version included) and finds
// nothing; a table made by hand since is drift.
TEST_F(SqliteProject, DriftAfterABaselineReplaysItsVersionToo) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);");
  dir_.Write("migrations/002_b.sql", "CREATE TABLE b (id INTEGER);");
  dir_.Write("migrations/003_c.sql", "CREATE TABLE c (id INTEGER);");
  ASSERT_EQ(RunTool({"sqlite3", db(), "CREATE TABLE a (id INTEGER); CREATE TABLE b (id INTEGER);"})
                .exit_code,
            0);
  ASSERT_EQ(Strata({"baseline", "--version", "002"}).exit_code, 0);
  RunResult drift = Strata({"drift"});
  EXPECT_EQ(drift.exit_code, 0) << drift.out << drift.err;
  EXPECT_NE(drift.out.find("2 applied migration(s)"), std::string::npos) << drift.out;
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  EXPECT_EQ(Strata({"drift"}).exit_code, 0);
  ASSERT_EQ(RunTool({"sqlite3", db(), "CREATE TABLE by_hand (id INTEGER);"}).exit_code, 0);
  RunResult after = Strata({"drift"});
  EXPECT_EQ(after.exit_code, 3) << after.out;
  EXPECT_NE(after.out.find("+ table by_hand"), std::string::npos) << after.out;
}

TEST_F(SqliteProject, EightConcurrentRunsApplyEachMigrationExactlyOnce) {
  for (int i = 1; i <= 20; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%03d_t.sql", i);
    dir_.Write(std::string("migrations/") + name, "CREATE TABLE t" + std::to_string(i) +
                                                      " (id INTEGER);\n"
                                                      "INSERT INTO t" +
                                                      std::to_string(i) + " VALUES (1);\n");
  }
  constexpr int kRunners = 8;
  std::vector<pid_t> pids;
  pids.reserve(kRunners);
  for (int p = 0; p < kRunners; ++p) {
    pids.push_back(SpawnStrata({"--url", "sqlite:" + db(), "--dir", migrations(), "up"},
                               (dir_.path() / ("run" + std::to_string(p))).string()));
  }
  for (size_t p = 0; p < pids.size(); ++p) {
    EXPECT_EQ(WaitFor(pids[p]), 0) << dir_.Read("run" + std::to_string(p) + ".err");
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history"), "20");
  EXPECT_EQ(Scalar("SELECT count(DISTINCT version) FROM strata_schema_history"), "20");
  EXPECT_EQ(
      Scalar(
          "SELECT sum(n) FROM (SELECT count(*) AS n FROM t1 UNION ALL SELECT count(*) FROM t20)"),
      "2");
}

TEST_F(SqliteProject, InitAndNewFollowTheDirectoryLayout) {
  RunResult init = RunStrata({"init"}, dir_.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "strata.toml"));
  EXPECT_EQ(RunStrata({"init"}, dir_.path()).exit_code, 2);  // never overwrites
  RunResult first = RunStrata({"new", "create users"}, dir_.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "migrations/001_create_users.sql"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "migrations/rollback/001_rollback.sql"));
  ASSERT_EQ(RunStrata({"new", "add email"}, dir_.path()).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "migrations/002_add_email.sql"));
  // The generated files apply and roll back (they hold only comments).
  RunResult up = RunStrata({"up"}, dir_.path());
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(RunStrata({"down", "--all"}, dir_.path()).exit_code, 0);
}

TEST_F(SqliteProject, UsageErrorsAreExit2AndHelpHasAnExample) {
  EXPECT_EQ(Strata({"up", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(Strata({"down", "--steps", "1", "--all"}).exit_code, 2);
  for (const char* cmd :
       {"init", "new", "up", "down", "status", "history", "validate", "repair", "baseline"}) {
    RunResult help = RunStrata({cmd, "--help"});
    EXPECT_EQ(help.exit_code, 0) << cmd;
    EXPECT_NE(help.out.find("Example:"), std::string::npos) << cmd;
  }
}

TEST_F(SqliteProject, TheUrlComesFromFlagThenStrataUrlThenDatabaseUrlThenConfig) {
  dir_.Write("strata.toml", "[database]\nurl = \"sqlite:config.db\"\n");
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);");
  // status creates no database: each exists, empty.
  for (const char* db : {"config.db", "database.db", "strata.db", "flag.db"}) dir_.Write(db, "");
  auto target = [&](std::vector<std::string> args, const std::vector<std::string>& env) {
    args.insert(args.end(), {"--json", "status"});
    RunResult r = RunStrata(args, dir_.path(), env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out.empty() ? "{}" : r.out).value("target", "");
  };
  EXPECT_EQ(target({}, {}), "sqlite:config.db");
  EXPECT_EQ(target({}, {"DATABASE_URL=sqlite:database.db"}), "sqlite:database.db");
  EXPECT_EQ(target({}, {"DATABASE_URL=sqlite:database.db", "STRATA_URL=sqlite:strata.db"}),
            "sqlite:strata.db");
  EXPECT_EQ(target({"--url", "sqlite:flag.db"}, {"STRATA_URL=sqlite:strata.db"}), "sqlite:flag.db");
}

TEST_F(SqliteProject, HistoryRecordsChecksumsUserTimeAndToolVersion) {
  dir_.Write("migrations/001_a.sql",
             "-- Version: 1.0.0\n-- Author: dev@example.com\nCREATE TABLE a (id INTEGER);");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  RunResult h = Strata({"--json", "history"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  const auto row = nlohmann::json::parse(h.out)[0];
  EXPECT_EQ(row["version"], "001");
  EXPECT_EQ(row["stream"], "main");
  EXPECT_EQ(row["schema_version"], "1.0.0");
  EXPECT_EQ(row["checksum_content"].get<std::string>().size(), 64u);
  EXPECT_EQ(row["checksum_semantic"].get<std::string>().size(), 64u);
  EXPECT_NE(row["checksum_content"], row["checksum_semantic"]);
  EXPECT_TRUE(row["success"].get<bool>());
  EXPECT_FALSE(row["applied_by"].get<std::string>().empty());
  EXPECT_EQ(row["applied_at"].get<std::string>().back(), 'Z');
  EXPECT_FALSE(row["tool_version"].get<std::string>().empty());
}

}  // namespace
}  // namespace strata::testing
