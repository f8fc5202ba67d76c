// Liquibase formatted SQL changelogs read in place: two files of changesets (a
// rollback, runInTransaction:false around CREATE INDEX CONCURRENTLY, dbms
// filters both ways, a precondition that holds) applied by strata up; on
// PostgreSQL the same files are applied by Liquibase itself to another database
// and the two schemas must be the same; strata adopt then takes Liquibase's
// record of them over. A third file whose precondition does not hold stops both
// tools before its SQL runs, and down --all undoes the rest.
//
// Liquibase (with the machine's Java) comes from scripts/install_peers.sh, found
// as the harness finds every peer (PeerTool: STRATA_TEST_PEERS_BIN, then PATH).
// The PostgreSQL test fails without it when STRATA_TEST_REQUIRE_PG=1, and is
// skipped otherwise.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsers =
    "--liquibase formatted sql\n"
    "\n"
    "--changeset alice:create-users\n"
    "--comment: the users table\n"
    "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n"
    "--rollback DROP TABLE users;\n"
    "\n"
    "--changeset alice:users-email dbms:postgresql runInTransaction:false\n"
    "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
    "--rollback DROP INDEX CONCURRENTLY users_email;\n"
    "\n"
    "--changeset alice:users-email-lite dbms:sqlite\n"
    "CREATE INDEX users_email ON users (email);\n"
    "--rollback DROP INDEX users_email;\n";

constexpr const char* kMore =
    "--liquibase formatted sql\n"
    "\n"
    "--changeset bob:comment dbms:!sqlite\n"
    "COMMENT ON TABLE users IS 'who signs in';\n"
    "--rollback not required\n"
    "\n"
    "--changeset bob:seed\n"
    "--preconditions onFail:HALT onError:HALT\n"
    "--precondition-sql-check expectedResult:0 SELECT count(*) FROM users\n"
    "INSERT INTO users VALUES (1, 'a@example.com');\n"
    "INSERT INTO users VALUES (2, 'b@example.com');\n"
    "--rollback DELETE FROM users WHERE id IN (1, 2);\n";

// Its precondition does not hold once bob:seed has run: nothing of it runs.
constexpr const char* kGuarded =
    "--liquibase formatted sql\n"
    "\n"
    "--changeset carol:guarded\n"
    "--precondition-sql-check expectedResult:0 SELECT count(*) FROM users\n"
    "CREATE TABLE never (id integer);\n"
    "--rollback DROP TABLE never;\n";

// postgres://user[:password]@host[:port]/db[?...] as Liquibase's JDBC URL and
// credentials.
struct Jdbc {
  std::string url;
  std::string user;
  std::string password;
};
Jdbc ToJdbc(const std::string& url) {
  Jdbc j;
  std::string rest = url.substr(url.find("://") + 3);
  if (const size_t q = rest.find('?'); q != std::string::npos) rest.resize(q);
  if (const size_t at = rest.rfind('@'); at != std::string::npos) {
    const std::string user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const size_t colon = user.find(':');
    j.user = user.substr(0, colon);
    if (colon != std::string::npos) j.password = user.substr(colon + 1);
  }
  j.url = "jdbc:postgresql://" + rest;
  return j;
}

// `liquibase update` of one changelog of `dir`, as a user runs it from there:
// the search path is the directory, so Liquibase records the file's name.
RunResult LiquibaseUpdate(const std::string& liquibase, const fs::path& dir,
                          const std::string& file, const std::string& pg_url) {
  const Jdbc j = ToJdbc(pg_url);
  return RunTool({liquibase, "--show-banner=false", "--changelog-file=" + file,
                  "--search-path=" + dir.string(), "--url=" + j.url, "--username=" + j.user,
                  "--password=" + j.password, "update"});
}

class PostgresLiquibase : public ::testing::Test {
 protected:
  void SetUp() override {
    STRATA_REQUIRE_PG(db_);
    STRATA_REQUIRE_PG(by_liquibase_);
    STRATA_REQUIRE_PEER(liquibase, "liquibase");
    liquibase_ = liquibase;
  }
  fs::path Dir() const { return dir_.path() / "migrations"; }
  RunResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", Dir().string()});
    return RunStrata(args);
  }
  // The schema Liquibase made, without its own two tables.
  std::string TheirSchema() {
    EXPECT_TRUE(
        by_liquibase_.conn().Execute("DROP TABLE databasechangelog, databasechangeloglock").ok());
    return PgDumpSchema(by_liquibase_.url()).out;
  }

  PgDatabase db_;
  PgDatabase by_liquibase_;
  TempDir dir_;
  std::string liquibase_;
};

TEST_F(PostgresLiquibase, SameSchemaAsLiquibaseAndPreconditionsStopBoth) {
  dir_.Write("migrations/001_users.sql", kUsers);
  dir_.Write("migrations/002_more.sql", kMore);
  RunResult up = Strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  // Positions over both files; 3 (alice:users-email-lite) is SQLite's alone.
  EXPECT_EQ(db_.Scalar("SELECT string_agg(version || ' ' || description || ' ' || "
                       "transaction_mode, ', ' ORDER BY installed_rank) FROM "
                       "strata_schema_history"),
            "1 alice:create-users single, 2 alice:users-email none, 4 bob:comment single, "
            "5 bob:seed single");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM users"), "2");

  for (const char* file : {"001_users.sql", "002_more.sql"}) {
    RunResult lb = LiquibaseUpdate(liquibase_, Dir(), file, by_liquibase_.url());
    ASSERT_EQ(lb.exit_code, 0) << file << ":\n" << lb.out << lb.err;
  }
  // What `strata adopt` reads: Liquibase's own record of the same changesets.
  EXPECT_EQ(by_liquibase_.Scalar("SELECT string_agg(filename || ' ' || author || ':' || id, ', ' "
                                 "ORDER BY orderexecuted) FROM databasechangelog"),
            "001_users.sql alice:create-users, 001_users.sql alice:users-email, "
            "002_more.sql bob:comment, 002_more.sql bob:seed");
  // strata adopt reads that record: each changeset matched to its migration by
  // author:id and file, nothing left for up to apply a second time.
  auto on_theirs = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", by_liquibase_.url(), "--dir", Dir().string()});
    return RunStrata(args);
  };
  RunResult adopt = on_theirs({"adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  EXPECT_EQ(by_liquibase_.Scalar("SELECT string_agg(version || ' ' || description, ', ' ORDER BY "
                                 "installed_rank) FROM strata_schema_history"),
            "1 alice:create-users, 2 alice:users-email, 4 bob:comment, 5 bob:seed");
  RunResult nothing = on_theirs({"up"});
  EXPECT_EQ(nothing.exit_code, 0) << nothing.out << nothing.err;
  EXPECT_EQ(by_liquibase_.Scalar("SELECT count(*) FROM users"), "2");

  RunResult ours = PgDumpSchema(db_.url());
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  EXPECT_NE(ours.out.find("users_email"), std::string::npos);
  EXPECT_EQ(FirstDifference(ours.out, TheirSchema()), "");

  // A precondition that does not hold stops strata before the changeset's SQL,
  // naming the file's line, and stops Liquibase too.
  dir_.Write("migrations/003_guarded.sql", kGuarded);
  RunResult stopped = Strata({"up"});
  EXPECT_EQ(stopped.exit_code, 3) << stopped.out << stopped.err;
  EXPECT_NE(stopped.err.find("003_guarded.sql:4"), std::string::npos) << stopped.err;
  EXPECT_NE(stopped.err.find("expected 0, got '2'"), std::string::npos) << stopped.err;
  RunResult lb = LiquibaseUpdate(liquibase_, Dir(), "003_guarded.sql", by_liquibase_.url());
  EXPECT_NE(lb.exit_code, 0) << lb.out << lb.err;
  EXPECT_NE((lb.out + lb.err).find("Precondition"), std::string::npos) << lb.out << lb.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'never'"), "0");
  EXPECT_EQ(by_liquibase_.Scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'never'"), "0");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM strata_schema_history"), "4");

  // The rollbacks, the index's without a transaction.
  fs::remove(Dir() / "003_guarded.sql");
  RunResult down = Strata({"down", "--all"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename "
                       "NOT LIKE 'strata%'"),
            "0");
  RunResult again = Strata({"up"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(Strata({"validate"}).exit_code, 0);
}

TEST(SqliteLiquibase, AppliesTheSqliteChangesetsAndRollsBack) {
  TempDir dir;
  const fs::path migrations = dir.path() / "migrations";
  const std::string db = (dir.path() / "app.db").string();
  auto strata = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", "sqlite:" + db, "--dir", migrations.string()});
    return RunStrata(args);
  };
  dir.Write("migrations/001_users.sql", kUsers);
  dir.Write("migrations/002_more.sql", kMore);
  RunResult up = strata({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(SqliteScalar(db,
                         "SELECT group_concat(version || ' ' || description, ', ') FROM (SELECT "
                         "* FROM strata_schema_history ORDER BY installed_rank)"),
            "1 alice:create-users, 3 alice:users-email-lite, 5 bob:seed");
  // The changesets for PostgreSQL only are said to be left out, not skipped in silence.
  EXPECT_NE(up.err.find("left out: " + (migrations / "001_users.sql").string() + ":"),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("alice:users-email (dbms:postgresql, not sqlite)"), std::string::npos)
      << up.err;
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'users_email'"), "1");
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM users"), "2");

  dir.Write("migrations/003_guarded.sql", kGuarded);
  RunResult stopped = strata({"up"});
  EXPECT_EQ(stopped.exit_code, 3) << stopped.out << stopped.err;
  EXPECT_NE(stopped.err.find("003_guarded.sql:4"), std::string::npos) << stopped.err;
  EXPECT_EQ(SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'never'"), "0");

  fs::remove(migrations / "003_guarded.sql");
  RunResult down = strata({"down", "--all"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(
      SqliteScalar(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name NOT LIKE 'strata%'"),
      "0");
}

}  // namespace
}  // namespace strata::testing
