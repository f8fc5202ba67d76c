// Backups before `up` ([backup] in strata.toml) and the safety checks of `down`
// ([rollback], -- Depends:), with the real binary against SQLite files and the
// PostgreSQL test cluster.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

// Down sections make every migration reversible.
std::string Reversible(const std::string& up, const std::string& down,
                       const std::string& header = "") {
  return header + "-- strata:up\n" + up + "\n-- strata:down\n" + down + "\n";
}

// A project run from its own directory: strata.toml there names the database
// (app.db beside it) and holds whatever [backup] and [rollback] a test sets.
class BackupProject : public ::testing::Test {
 protected:
  void Config(const std::string& extra = "") {
    dir_.Write("strata.toml", "[database]\nurl = \"sqlite:" + db().string() +
                                  "\"\n\n[migrations]\ndir = \"migrations\"\n\n" + extra);
  }
  fs::path db() const { return dir_.path() / "app.db"; }
  RunResult Strata(const std::vector<std::string>& args) { return RunStrata(args, dir_.path()); }
  std::string Scalar(const std::string& sql) { return SqliteScalar(db(), sql); }
  nlohmann::json History() {
    RunResult h = Strata({"--json", "history"});
    EXPECT_EQ(h.exit_code, 0) << h.err;
    return nlohmann::json::parse(h.out);
  }
  std::vector<fs::path> Backups() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_.path() / "backups", ec))
      out.push_back(e.path());
    return out;
  }
  TempDir dir_;
};

TEST_F(BackupProject, DirTakesATimestampedCopyOfThePreRunDatabaseAndRecordsItsPath) {
  Config();
  dir_.Write("migrations/001_a.sql",
             Reversible("CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;"));
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  Scalar("INSERT INTO a (id) VALUES (7)");
  Config("[backup]\ndir = \"backups\"\n");
  dir_.Write("migrations/002_b.sql", Reversible("CREATE TABLE b (id INTEGER);", "DROP TABLE b;"));
  dir_.Write("migrations/003_c.sql", Reversible("CREATE TABLE c (id INTEGER);", "DROP TABLE c;"));
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  const std::vector<fs::path> backups = Backups();
  ASSERT_EQ(backups.size(), 1u);
  const std::string name = backups[0].filename().string();
  // app-20261121T130500Z.db
  EXPECT_TRUE(name.starts_with("app-") && name.ends_with("Z.db") && name.size() == 23) << name;
  EXPECT_EQ(SqliteScalar(backups[0], "SELECT group_concat(id) FROM a"), "7");
  EXPECT_EQ(SqliteScalar(backups[0], "SELECT count(*) FROM sqlite_schema WHERE name IN ('b', 'c')"),
            "0");
  EXPECT_EQ(SqliteScalar(backups[0], "SELECT group_concat(version) FROM strata_schema_history"),
            "001");

  const nlohmann::json rows = History();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["backup"], "");
  EXPECT_EQ(fs::path(rows[1]["backup"].get<std::string>()), fs::canonical(backups[0]));
  EXPECT_EQ(rows[2]["backup"], rows[1]["backup"]);
  EXPECT_TRUE(rows[1]["warnings"].is_array());
  RunResult text = Strata({"history"});
  EXPECT_NE(text.out.find("backup: " + rows[1]["backup"].get<std::string>()), std::string::npos)
      << text.out;

  // Nothing pending, or a dry run: no copy.
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  dir_.Write("migrations/004_d.sql", Reversible("CREATE TABLE d (id INTEGER);", "DROP TABLE d;"));
  ASSERT_EQ(Strata({"up", "--dry-run"}).exit_code, 0);
  EXPECT_EQ(Backups().size(), 1u);
}

TEST_F(BackupProject, NoBackupSkipsTheBackupForOneRunAndSaysSo) {
  Config("[backup]\ndir = \"backups\"\nbefore_apply = \"echo ran >> hook.log\"\n");
  dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id INTEGER);", "DROP TABLE a;"));
  RunResult up = Strata({"up", "--no-backup"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("warning: --no-backup"), std::string::npos) << up.err;
  EXPECT_TRUE(Backups().empty());
  EXPECT_FALSE(fs::exists(dir_.path() / "hook.log"));
  EXPECT_EQ(History()[0]["backup"], "");
}

TEST_F(BackupProject, HookRunsOnceWithItsEnvironmentAndItsLastLineIsTheReference) {
  Config(
      "[backup]\n"
      "before_apply = \"echo \\\"$STRATA_PENDING|$STRATA_URL|$STRATA_BACKUP_TIMESTAMP\\\" >> "
      "hook.log; "
      "echo dumping; echo snap-$STRATA_BACKUP_TIMESTAMP; echo\"\n");
  dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id INTEGER);", "DROP TABLE a;"));
  dir_.Write("migrations/002_b.sql", Reversible("CREATE TABLE b (id INTEGER);", "DROP TABLE b;"));
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  const std::string log = dir_.Read("hook.log");  // run in strata.toml's directory
  ASSERT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
  const std::string prefix = "001 002|sqlite:" + db().string() + "|";
  ASSERT_TRUE(log.starts_with(prefix)) << log;
  const std::string timestamp = log.substr(prefix.size(), 16);
  EXPECT_EQ(timestamp.size(), 16u);
  EXPECT_EQ(timestamp[8], 'T');
  EXPECT_EQ(timestamp[15], 'Z');
  const nlohmann::json rows = History();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["backup"], "snap-" + timestamp);
  EXPECT_EQ(rows[1]["backup"], "snap-" + timestamp);
}

TEST_F(BackupProject, QuietHookIsRecordedByDescriptionAndSeesTheBuiltInCopy) {
  Config("[backup]\ndir = \"backups\"\nbefore_apply = \"test -s \\\"$STRATA_BACKUP_FILE\\\"\"\n");
  dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id INTEGER);", "DROP TABLE a;"));
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_EQ(Backups().size(), 1u);
  // Both configured: the hook printed nothing, so the copy names the backup.
  EXPECT_EQ(fs::path(History()[0]["backup"].get<std::string>()), fs::canonical(Backups()[0]));

  Config("[backup]\nbefore_apply = \"true\"\n");
  dir_.Write("migrations/002_b.sql", Reversible("CREATE TABLE b (id INTEGER);", "DROP TABLE b;"));
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  const std::string second = History()[1]["backup"];
  EXPECT_TRUE(second.starts_with("before_apply hook at ")) << second;
}

TEST_F(BackupProject, FailingHookStopsUpBeforeAnythingIsAppliedWithoutShowingPasswords) {
  Config(
      "[backup]\n"
      "before_apply = \"echo 'pg_dump: cannot reach postgres://u:topsecret@db/app' >&2; exit "
      "3\"\n");
  dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id INTEGER);", "DROP TABLE a;"));
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("nothing was applied"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("exited with code 3"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("postgres://u:********@db/app"), std::string::npos) << up.err;
  EXPECT_EQ(up.err.find("topsecret"), std::string::npos) << up.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM strata_schema_history"), "0");

  Config("[backup]\nbefore_apply = \"no-such-backup-tool --now\"\n");
  RunResult missing = Strata({"up"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("command not found"), std::string::npos) << missing.err;
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "0");
}

TEST_F(BackupProject, InMemoryDatabaseIsNotCopiedButWarnedAbout) {
  Config("[backup]\ndir = \"backups\"\n");
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);\n");
  RunResult up = Strata({"--url", ":memory:", "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("warning: [backup] dir: the database lives in memory"), std::string::npos)
      << up.err;
  EXPECT_TRUE(Backups().empty());
}

TEST_F(BackupProject, BadBackupAndRollbackSettingsNameTheFileAndKey) {
  dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id INTEGER);\n");
  for (const auto& [extra, key] : std::vector<std::pair<std::string, std::string>>{
           {"[rollback]\nmax_age_days = -1\n", "max_age_days"},
           {"[rollback]\nmax_age_days = \"30\"\n", "max_age_days"},
           {"[backup]\nbefore = \"pg_dump\"\n", "[backup] before: unknown key"},
           {"[backup]\ndir = 3\n", "[backup] dir"}}) {
    Config(extra);
    RunResult up = Strata({"up"});
    EXPECT_EQ(up.exit_code, 2) << extra;
    EXPECT_NE(up.err.find("strata.toml"), std::string::npos) << up.err;
    EXPECT_NE(up.err.find(key), std::string::npos) << up.err;
  }
  EXPECT_FALSE(fs::exists(db()) &&
               Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'") == "1");
}

// 002 depends on 001; 003 stands alone.
class DownSafety : public BackupProject {
 protected:
  void SetUp() override {
    Config();
    dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id INTEGER);", "DROP TABLE a;"));
    dir_.Write("migrations/002_b.sql",
               Reversible("CREATE TABLE b (id INTEGER);", "DROP TABLE b;", "-- Depends: 001\n"));
    dir_.Write("migrations/003_c.sql", Reversible("CREATE TABLE c (id INTEGER);", "DROP TABLE c;"));
  }
  std::string Applied() {
    return Scalar(
        "SELECT group_concat(version) FROM (SELECT version FROM strata_schema_history "
        "ORDER BY installed_rank)");
  }
};

TEST_F(DownSafety, VersionIsRefusedWhileALaterDependentStaysApplied) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"down", "--version", "001"},
        std::vector<std::string>{"down", "--version", "1", "--dry-run"}}) {
    RunResult down = Strata(args);
    EXPECT_EQ(down.exit_code, 1) << down.err;
    EXPECT_NE(down.err.find("cannot roll back 001: 002 depends on it"), std::string::npos)
        << down.err;
  }
  EXPECT_EQ(Applied(), "001,002,003");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b', 'c')"), "3");

  // The dependent itself may go, the newer 003 staying applied.
  RunResult b = Strata({"down", "--version", "002"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(Applied(), "001,003");
  EXPECT_EQ(Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), "0");
  // Now nothing stands in the way.
  ASSERT_EQ(Strata({"down", "--version", "001"}).exit_code, 0);
  EXPECT_EQ(Applied(), "003");
  RunResult gone = Strata({"down", "--version", "002"});
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_NE(gone.err.find("no applied migration has that version"), std::string::npos) << gone.err;
}

TEST_F(DownSafety, WarnsWhenNoBackupWasRecordedBeforeTheMigrationWasApplied) {
  ASSERT_EQ(Strata({"up", "--to", "002"}).exit_code, 0);
  Config("[backup]\ndir = \"backups\"\n");
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  RunResult backed_up = Strata({"down"});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  EXPECT_EQ(backed_up.err.find("no backup was recorded"), std::string::npos) << backed_up.err;
  RunResult bare = Strata({"down", "--dry-run"});
  ASSERT_EQ(bare.exit_code, 0) << bare.err;
  EXPECT_NE(bare.err.find("warning: no backup was recorded before 002 was applied"),
            std::string::npos)
      << bare.err;
  EXPECT_EQ(Applied(), "001,002");
}

TEST_F(DownSafety, WarnsAboutOldMigrationsUnlessMaxAgeIsZero) {
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  Scalar(
      "UPDATE strata_schema_history SET applied_at = '2020-01-01T00:00:00Z' WHERE version = '003'");
  RunResult old = Strata({"down", "--dry-run"});
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_NE(old.err.find("warning: 003 was applied "), std::string::npos) << old.err;
  EXPECT_NE(old.err.find("days ago (more than 30)"), std::string::npos) << old.err;
  EXPECT_NE(old.err.find("consider restoring from a backup instead"), std::string::npos) << old.err;

  Config("[rollback]\nmax_age_days = 0\n");
  RunResult silenced = Strata({"down"});
  ASSERT_EQ(silenced.exit_code, 0) << silenced.err;
  EXPECT_EQ(silenced.err.find("days ago"), std::string::npos) << silenced.err;
  EXPECT_EQ(Applied(), "001,002");

  // A recent migration is not old.
  Config("[rollback]\nmax_age_days = 1\n");
  RunResult recent = Strata({"down", "--dry-run"});
  EXPECT_EQ(recent.err.find("days ago"), std::string::npos) << recent.err;
}

class PostgresBackup : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  RunResult Strata(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--url", db_.url()};
    all.insert(all.end(), args.begin(), args.end());
    return RunStrata(all, dir_.path());
  }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresBackup, PgDumpHookReachesTheTargetThroughLibpqVariables) {
  dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id int);", "DROP TABLE a;"));
  ASSERT_EQ(Strata({"up"}).exit_code, 0);
  // No URL in the command: PGHOST, PGPORT, PGDATABASE, ... come from strata.
  dir_.Write("strata.toml", "[backup]\nbefore_apply = \"" + PgTool("pg_dump") +
                                " -Fc -f b-$STRATA_BACKUP_TIMESTAMP.dump && echo "
                                "b-$STRATA_BACKUP_TIMESTAMP.dump\"\n");
  dir_.Write("migrations/002_b.sql", Reversible("CREATE TABLE b (id int);", "DROP TABLE b;"));
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string reference =
      db_.Scalar("SELECT backup FROM strata_schema_history WHERE version = '002'");
  ASSERT_TRUE(reference.starts_with("b-") && reference.ends_with(".dump")) << reference;
  RunResult list = RunTool({PgTool("pg_restore"), "--list", (dir_.path() / reference).string()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("TABLE public a "), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("TABLE public b "), std::string::npos) << list.out;

  // A built-in copy is for SQLite files only: a clear error, nothing applied.
  dir_.Write("strata.toml", "[backup]\ndir = \"backups\"\n");
  dir_.Write("migrations/003_c.sql", Reversible("CREATE TABLE c (id int);", "DROP TABLE c;"));
  RunResult dir = Strata({"up"});
  EXPECT_EQ(dir.exit_code, 2);
  EXPECT_NE(dir.err.find("[backup] dir"), std::string::npos) << dir.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "2");
}

TEST_F(PostgresBackup, FailingHookShowsItsStderrWithoutTheUrlsPassword) {
  // The test cluster trusts local connections and ignores the password.
  std::string url = db_.url();
  const size_t at = url.find('@');
  ASSERT_NE(at, std::string::npos) << url;
  url.insert(at, ":notreal42");
  dir_.Write("strata.toml",
             "[backup]\nbefore_apply = \"echo \\\"pw=$PGPASSWORD url=$STRATA_URL\\\" >&2; "
             "exit 1\"\n");
  dir_.Write("migrations/001_a.sql", Reversible("CREATE TABLE a (id int);", "DROP TABLE a;"));
  RunResult up = RunStrata({"--url", url, "up"}, dir_.path());
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("pw=******** url=postgres://"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find(":********@"), std::string::npos) << up.err;
  EXPECT_EQ(up.err.find("notreal42"), std::string::npos) << up.err;
  EXPECT_EQ(up.out.find("notreal42"), std::string::npos) << up.out;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_class WHERE relname = 'a'"), "0");
}

}  // namespace
}  // namespace strata::testing
