// strata adopt: a database another tool migrated goes on with strata. Each
// peer's history is written by the peer itself where it installs here (dbmate),
// else laid out as the peer documents its table (Flyway's flyway_schema_history,
// golang-migrate's schema_migrations); then `strata up` refuses to apply twice,
// `adopt --dry-run` shows the mapping and changes nothing, `adopt` records it,
// and `up` applies only what is new. The peer's table is left as it was.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

// A database of either kind, with SQL run by the database's own client.
class Target {
 public:
  explicit Target(bool postgres)
      : postgres_(postgres), pg_(postgres ? std::make_unique<PgDatabase>() : nullptr) {}
  bool available() const { return !postgres_ || pg_->available(); }
  bool postgres() const { return postgres_; }
  std::string url() const { return postgres_ ? pg_->url() : "sqlite:" + file(); }
  std::string file() const { return (dir_.path() / "app.db").string(); }
  void Exec(const std::string& sql) {
    if (postgres_) {
      ASSERT_TRUE(pg_->conn().Execute(sql).ok()) << sql;
      return;
    }
    RunResult r = RunTool({"sqlite3", "-bail", file(), sql});
    ASSERT_EQ(r.exit_code, 0) << sql << ": " << r.err;
  }
  std::string Scalar(const std::string& sql) {
    return postgres_ ? pg_->Scalar(sql) : SqliteScalar(file(), sql);
  }

 private:
  bool postgres_;
  std::unique_ptr<PgDatabase> pg_;  // none for SQLite
  TempDir dir_;
};

class Adopt : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (!db_.available()) {
      if (PgRequired()) FAIL() << "STRATA_TEST_PG_URL is not set";
      GTEST_SKIP() << "no PostgreSQL (set STRATA_TEST_PG_URL)";
    }
  }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return RunStrata(args);
  }
  bool StrataHistoryExists() {
    return db_.Scalar(db_.postgres() ? "SELECT to_regclass('strata_schema_history') IS NOT NULL"
                                     : "SELECT count(*) = 1 FROM sqlite_schema WHERE name = "
                                       "'strata_schema_history'") == (db_.postgres() ? "t" : "1");
  }
  Target db_{GetParam()};
  TempDir dir_;
};

// Flyway's table as its documentation lays it out.
constexpr const char* kFlywayTable =
    "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version "
    "VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script "
    "VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on "
    "TIMESTAMP NOT NULL, execution_time INT NOT NULL, success BOOLEAN NOT NULL)";

// Three files Flyway applied and one it did not. The checksums are Flyway's own
// for these bytes: CRC-32 of the lines without their endings (computed with
// Python's zlib.crc32, not with strata).
void WriteFlywaySet(const TempDir& dir) {
  dir.Write("migrations/V1__create_a.sql", "CREATE TABLE a (id int);\nSELECT 1;\n");
  dir.Write("migrations/V2__create_b.sql", "CREATE TABLE b (id int);\n");
  dir.Write("migrations/R__view_a.sql", "CREATE VIEW va AS SELECT id FROM a;\n");
  dir.Write("migrations/V3__create_c.sql", "CREATE TABLE c (id int);\n");
}

void FlywayRan(Target& db, const std::string& v2_success = "TRUE") {
  db.Exec("CREATE TABLE a (id int)");
  db.Exec("CREATE TABLE b (id int)");
  db.Exec("CREATE VIEW va AS SELECT id FROM a");
  db.Exec(kFlywayTable);
  db.Exec(
      "INSERT INTO flyway_schema_history VALUES "
      "(1, '1', 'create a', 'SQL', 'V1__create_a.sql', 1455298515, 'flyway_user', "
      "'2025-03-01 10:00:00', 12, TRUE), "
      "(2, '2', 'create b', 'SQL', 'V2__create_b.sql', 1128195672, 'flyway_user', "
      "'2025-03-02 10:00:00', 7, " +
      v2_success +
      "), "
      "(3, NULL, 'view a', 'SQL', 'R__view_a.sql', -924503803, 'flyway_user', "
      "'2025-03-02 10:00:01', 3, TRUE)");
}

TEST_P(Adopt, FlywayHistoryIsAdoptedAndUpAppliesOnlyWhatIsNew) {
  WriteFlywaySet(dir_);
  FlywayRan(db_);
  RunResult up = Strata({"up"});
  EXPECT_EQ(up.exit_code, 1) << up.out << up.err;
  EXPECT_NE(up.err.find("holds flyway's migration history"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("strata adopt"), std::string::npos) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM flyway_schema_history"), "3");

  RunResult dry = Strata({"adopt", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  for (const char* words :
       {"applied  1 ", "V1__create_a.sql  <- flyway_schema_history rank 1", "applied  R__view_a",
        "not applied by flyway (1): 3", "dry run: nothing recorded"}) {
    EXPECT_NE(dry.out.find(words), std::string::npos) << words << "\n" << dry.out;
  }
  EXPECT_FALSE(StrataHistoryExists());

  RunResult adopt = Strata({"adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  RunResult rest = Strata({"up"});
  ASSERT_EQ(rest.exit_code, 0) << rest.out << rest.err;
  EXPECT_NE(rest.out.find("3  create c  applied"), std::string::npos) << rest.out;
  EXPECT_NE(rest.out.find("1 migration(s) applied"), std::string::npos) << rest.out;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM c"), "0");
  EXPECT_EQ(db_.Scalar("SELECT applied_by FROM strata_schema_history WHERE version = '2'"),
            "flyway_user");
  RunResult history = Strata({"history", "--json"});
  EXPECT_NE(history.out.find("\"applied_at\": \"2025-03-02T10:00:00Z\""), std::string::npos)
      << history.out;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM flyway_schema_history"), "3");
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
  // A second adopt finds strata's own history and refuses.
  EXPECT_EQ(Strata({"adopt"}).exit_code, 1);
}

TEST_P(Adopt, FailedOrChangedFlywayRecordsWaitForADecision) {
  WriteFlywaySet(dir_);
  FlywayRan(db_, "FALSE");
  dir_.Write("migrations/V1__create_a.sql", "CREATE TABLE a (id int);\nSELECT 2;\n");
  RunResult adopt = Strata({"adopt"});
  EXPECT_EQ(adopt.exit_code, 3) << adopt.out << adopt.err;
  EXPECT_NE(adopt.out.find("V1__create_a.sql: flyway_schema_history rank 1: the file changed"),
            std::string::npos)
      << adopt.out;
  EXPECT_NE(adopt.out.find("rank 2: Flyway recorded it as failed"), std::string::npos) << adopt.out;
  EXPECT_NE(adopt.out.find("nothing recorded: 2 record(s) need a decision"), std::string::npos);
  EXPECT_FALSE(StrataHistoryExists());  // refused before anything was made
  // Accepting the changed file leaves the failed one.
  EXPECT_EQ(Strata({"adopt", "--accept-changed"}).exit_code, 3);
  db_.Exec("UPDATE flyway_schema_history SET success = TRUE WHERE installed_rank = 2");
  RunResult accepted = Strata({"adopt", "--accept-changed", "--json"});
  ASSERT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  EXPECT_NE(accepted.out.find("\"changed\": true"), std::string::npos) << accepted.out;
}

// golang-migrate keeps one row: the version it is at, and whether a run of it
// failed midway (dirty).
TEST_P(Adopt, GolangMigrateDirtyIsRefusedThenItsVersionIsAdopted) {
  dir_.Write("migrations/1_create_a.up.sql", "CREATE TABLE a (id int);\n");
  dir_.Write("migrations/1_create_a.down.sql", "DROP TABLE a;\n");
  dir_.Write("migrations/2_create_b.up.sql", "CREATE TABLE b (id int);\n");
  dir_.Write("migrations/3_create_c.up.sql", "CREATE TABLE c (id int);\n");
  db_.Exec("CREATE TABLE a (id int)");
  db_.Exec("CREATE TABLE b (id int)");
  db_.Exec(db_.postgres()
               ? "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty "
                 "boolean NOT NULL)"
               : "CREATE TABLE schema_migrations (version uint64, dirty bool)");
  db_.Exec("INSERT INTO schema_migrations VALUES (2, TRUE)");
  RunResult dirty = Strata({"adopt"});
  EXPECT_EQ(dirty.exit_code, 3) << dirty.out << dirty.err;
  EXPECT_NE(dirty.out.find("golang-migrate left version 2 dirty"), std::string::npos) << dirty.out;
  db_.Exec("UPDATE schema_migrations SET dirty = FALSE");
  RunResult up = Strata({"up", "--adopt"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_NE(up.out.find("not applied by golang-migrate (1): 3"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("3  create c  applied"), std::string::npos) << up.out;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "3");
  EXPECT_EQ(db_.Scalar("SELECT version FROM schema_migrations"), "2");
}

// dbmate itself applies two migrations; strata adopts them and applies the third.
TEST_P(Adopt, DbmateWritesItsHistoryAndStrataGoesOn) {
  STRATA_REQUIRE_PEER(dbmate, "dbmate");
  const std::string sections =
      "-- migrate:up\nCREATE TABLE {} (id int);\n\n-- migrate:down\n"
      "DROP TABLE {};\n";
  auto file = [&](const std::string& table) {
    std::string text = sections;
    for (size_t at; (at = text.find("{}")) != std::string::npos;) text.replace(at, 2, table);
    return text;
  };
  dir_.Write("migrations/20250101000001_create_a.sql", file("a"));
  dir_.Write("migrations/20250101000002_create_b.sql", file("b"));
  std::string url = db_.url();
  if (db_.postgres()) {
    url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("sslmode=disable");
  } else {
    url = "sqlite:" + db_.file();
  }
  RunResult ran = RunTool({dbmate, "--url", url, "--migrations-dir",
                           (dir_.path() / "migrations").string(), "--no-dump-schema", "up"});
  ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  dir_.Write("migrations/20250101000003_create_c.sql", file("c"));
  EXPECT_EQ(Strata({"up"}).exit_code, 1);
  RunResult adopt = Strata({"adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  EXPECT_NE(adopt.out.find("not applied by dbmate (1): 20250101000003"), std::string::npos)
      << adopt.out;
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM c"), "0");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM schema_migrations"), "2");
  // And back: strata rolls back what dbmate applied, with the file's down section.
  RunResult down = Strata({"down", "--all"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
}

INSTANTIATE_TEST_SUITE_P(Databases, Adopt, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Postgres" : "Sqlite";
                         });

}  // namespace
}  // namespace strata::testing
