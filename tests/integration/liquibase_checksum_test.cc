// strata adopt compares Liquibase's MD5SUM of each changeset with the file. The
// real Liquibase (scripts/install_peers.sh) applies changelogs of awkward shapes
// (statements, comments, blank lines, trailing blanks, tabs, UTF-8, rollbacks of
// both forms, preconditions, splitStatements:false, runInTransaction:false, a
// file with CRLF line endings) to SQLite and to PostgreSQL; then `strata adopt`
// must find every checksum it wrote equal to the file's, a reformatted file
// too (Liquibase does not count blank space), and an edited one refused unless
// a --validCheckSum: names the kept checksum; a checksum of a version strata
// does not compute is refused too, a cleared one is not compared.
//
// Liquibase is found as in liquibase_test.cc (STRATA_TEST_PEERS_BIN); without it
// the tests are skipped, or fail under STRATA_TEST_REQUIRE_PG=1.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "source/liquibase_test_changelogs.h"
#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

using source::testing::kAwkwardChangelog;
using source::testing::kCrlfChangelog;

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// One database, as Liquibase and strata each reach it.
struct Target {
  std::string strata_url;
  std::vector<std::string> liquibase_connection;          // --url=jdbc:..., credentials
  std::function<std::string(const std::string&)> scalar;  // the first value of a query
  std::function<void(const std::string&)> exec;           // a statement
};

// The whole story on one database (see the file comment).
void AdoptVerifiesLiquibaseChecksums(const Target& target, const std::string& liquibase) {
  TempDir dir;
  const fs::path migrations = dir.path() / "migrations";
  dir.Write("migrations/001_awkward.sql", kAwkwardChangelog);
  dir.Write("migrations/002_crlf.sql", kCrlfChangelog);
  for (const char* file : {"001_awkward.sql", "002_crlf.sql"}) {
    std::vector<std::string> argv = {liquibase, "--show-banner=false",
                                     std::string("--changelog-file=") + file,
                                     "--search-path=" + migrations.string()};
    argv.insert(argv.end(), target.liquibase_connection.begin(), target.liquibase_connection.end());
    argv.push_back("update");
    RunResult lb = RunTool(argv);
    ASSERT_EQ(lb.exit_code, 0) << file << ":\n" << lb.out << lb.err;
  }
  // Every changeset ran, summed in the version strata computes.
  ASSERT_EQ(target.scalar("SELECT count(*) FROM databasechangelog WHERE exectype = 'EXECUTED' "
                          "AND md5sum LIKE '9:%'"),
            "5");
  auto strata = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", target.strata_url, "--dir", migrations.string()});
    return RunStrata(args);
  };

  RunResult dry = strata({"adopt", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find("5 record(s) matched to their files"), std::string::npos) << dry.out;
  EXPECT_EQ(dry.out.find("error:"), std::string::npos) << dry.out;

  // Reformatted: other indentation, blank lines and line endings. Liquibase
  // would take it as unchanged, and so does strata.
  dir.Write("migrations/001_awkward.sql",
            Replaced(kAwkwardChangelog, "CREATE VIEW item_names AS\n  SELECT name FROM items;   \n",
                     "\r\nCREATE VIEW item_names\r\n\r\n    AS SELECT name\tFROM items;\r\n"));
  RunResult reformatted = strata({"adopt", "--dry-run"});
  EXPECT_EQ(reformatted.exit_code, 0) << reformatted.out << reformatted.err;

  // Edited: listed and refused, nothing recorded.
  dir.Write("migrations/001_awkward.sql", Replaced(kAwkwardChangelog, "(2, 'b')", "(2, 'B')"));
  const std::string sum = target.scalar(
      "SELECT md5sum FROM databasechangelog WHERE id = 'create-items' AND author = 'alice'");
  const std::string line = "error: " + (migrations / "001_awkward.sql").string() +
                           ": databasechangelog 001_awkward.sql::create-items::alice: the file "
                           "changed since liquibase applied it (its checksum " +
                           sum + ", the file's now 9:";
  for (const char* mode : {"--dry-run", ""}) {
    std::vector<std::string> args = {"adopt"};
    if (*mode != '\0') args.push_back(mode);
    RunResult edited = strata(args);
    EXPECT_EQ(edited.exit_code, 3) << edited.out << edited.err;
    EXPECT_NE(edited.out.find(line), std::string::npos) << edited.out;
    EXPECT_NE(edited.out.find("nothing recorded: 1 record(s) need a decision first"),
              std::string::npos)
        << edited.out;
  }
  EXPECT_EQ(target.scalar("SELECT count(*) FROM databasechangelog"), "5");
  // Unless a --validCheckSum: names the checksum kept, as Liquibase reads it.
  dir.Write("migrations/001_awkward.sql",
            Replaced(Replaced(kAwkwardChangelog, "(2, 'b')", "(2, 'B')"), "--comment: several",
                     "--validCheckSum: " + sum + "\n--comment: several"));
  RunResult valid = strata({"adopt", "--dry-run"});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  dir.Write("migrations/001_awkward.sql", kAwkwardChangelog);

  // A checksum of another version cannot be compared: refused as well.
  const std::string view_sum = target.scalar(
      "SELECT md5sum FROM databasechangelog WHERE id = 'items-view' AND author = 'alice'");
  target.exec("UPDATE databasechangelog SET md5sum = '8:" + view_sum.substr(2) +
              "' WHERE id = 'items-view'");
  RunResult older = strata({"adopt", "--dry-run"});
  EXPECT_EQ(older.exit_code, 3) << older.out << older.err;
  EXPECT_NE(older.out.find("items-view::alice: cannot verify Liquibase checksum version 8"),
            std::string::npos)
      << older.out;
  target.exec("UPDATE databasechangelog SET md5sum = '" + view_sum + "' WHERE id = 'items-view'");

  // A cleared checksum (liquibase clear-checksums) is not compared, and said so.
  target.exec("UPDATE databasechangelog SET md5sum = NULL WHERE id = 'crlf'");
  RunResult adopt = strata({"adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  const size_t crlf = adopt.out.find("002_crlf.sql::crlf::carol");
  ASSERT_NE(crlf, std::string::npos) << adopt.out;
  const std::string crlf_line = adopt.out.substr(crlf, adopt.out.find('\n', crlf) - crlf);
  EXPECT_NE(crlf_line.find("(checksum cleared in databasechangelog: not compared)"),
            std::string::npos)
      << adopt.out;
  RunResult up = strata({"up"});
  EXPECT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(target.scalar("SELECT count(*) FROM strata_schema_history"), "5");
  EXPECT_EQ(target.scalar("SELECT count(*) FROM items"), "2");
}

TEST(LiquibaseChecksums, SqliteAdoptionComparesEveryChangeset) {
  STRATA_REQUIRE_PEER(liquibase, "liquibase");
  TempDir dir;
  const fs::path db = dir.path() / "app.db";
  Target target;
  target.strata_url = "sqlite:" + db.string();
  target.liquibase_connection = {"--url=jdbc:sqlite:" + db.string()};
  target.scalar = [&](const std::string& sql) { return SqliteScalar(db, sql); };
  target.exec = [&](const std::string& sql) { SqliteScalar(db, sql); };
  AdoptVerifiesLiquibaseChecksums(target, liquibase);
}

TEST(LiquibaseChecksums, PostgresAdoptionComparesEveryChangeset) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  STRATA_REQUIRE_PEER(liquibase, "liquibase");
  // postgres://user[:password]@host[:port]/db[?...] as JDBC's URL and credentials.
  std::string rest = db.url().substr(db.url().find("://") + 3);
  if (const size_t q = rest.find('?'); q != std::string::npos) rest.resize(q);
  Target target;
  if (const size_t at = rest.rfind('@'); at != std::string::npos) {
    const std::string user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const size_t colon = user.find(':');
    target.liquibase_connection.push_back("--username=" + user.substr(0, colon));
    if (colon != std::string::npos) {
      target.liquibase_connection.push_back("--password=" + user.substr(colon + 1));
    }
  }
  target.liquibase_connection.push_back("--url=jdbc:postgresql://" + rest);
  target.strata_url = db.url();
  target.scalar = [&](const std::string& sql) { return db.Scalar(sql); };
  target.exec = [&](const std::string& sql) { EXPECT_TRUE(db.conn().Execute(sql).ok()) << sql; };
  AdoptVerifiesLiquibaseChecksums(target, liquibase);
}

}  // namespace
}  // namespace strata::testing
