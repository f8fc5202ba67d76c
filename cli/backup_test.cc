// The before_apply command's environment and what strata shows of its output.
// The command itself runs in tests/integration/backup_cli_test.cc.
#include "cli/backup.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "cli/secrets.h"

namespace strata::cli {
namespace {

std::map<std::string, std::string> AsMap(const Environment& env) {
  return std::map<std::string, std::string>(env.begin(), env.end());
}

TEST(HookEnvironment, PostgresUrlBecomesLibpqVariables) {
  const std::string url = "postgres://alice:s3cret@db.example:6543/app?sslmode=require";
  Result<Environment> env = HookEnvironment(url, "20270115T080000Z", {"001", "002"}, "");
  ASSERT_TRUE(env.ok()) << env.status().message();
  auto m = AsMap(*env);
  EXPECT_EQ(m["PGHOST"], "db.example");
  EXPECT_EQ(m["PGPORT"], "6543");
  EXPECT_EQ(m["PGUSER"], "alice");
  EXPECT_EQ(m["PGPASSWORD"], "s3cret");
  EXPECT_EQ(m["PGDATABASE"], "app");
  EXPECT_EQ(m["PGSSLMODE"], "require");
  EXPECT_EQ(m["STRATA_URL"], url);
  EXPECT_EQ(m["STRATA_BACKUP_TIMESTAMP"], "20270115T080000Z");
  EXPECT_EQ(m["STRATA_PENDING"], "001 002");
  EXPECT_EQ(m.count("STRATA_BACKUP_FILE"), 0u);
}

TEST(HookEnvironment, KeywordStringListsOnlyWhatItGives) {
  Result<Environment> env =
      HookEnvironment("host=/tmp/sock dbname=app password='pw 1'", "t", {"003"}, "");
  ASSERT_TRUE(env.ok()) << env.status().message();
  auto m = AsMap(*env);
  EXPECT_EQ(m["PGHOST"], "/tmp/sock");
  EXPECT_EQ(m["PGDATABASE"], "app");
  EXPECT_EQ(m["PGPASSWORD"], "pw 1");
  EXPECT_EQ(m.count("PGUSER"), 0u);  // the caller's own PGUSER still applies
  EXPECT_EQ(m.count("PGPORT"), 0u);
}

TEST(HookEnvironment, SqliteGetsNoLibpqVariablesButTheCopy) {
  Result<Environment> env = HookEnvironment("sqlite:app.db", "t", {"001"}, "/b/app-t.db");
  ASSERT_TRUE(env.ok()) << env.status().message();
  auto m = AsMap(*env);
  EXPECT_EQ(m.count("PGHOST"), 0u);
  EXPECT_EQ(m["STRATA_URL"], "sqlite:app.db");
  EXPECT_EQ(m["STRATA_BACKUP_FILE"], "/b/app-t.db");
}

TEST(HookEnvironment, UnreadableUrlIsAnErrorWithoutThePassword) {
  Result<Environment> env =
      HookEnvironment("postgres://bob:hunter22@h:notaport/x?bogus=1", "t", {}, "");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().message().find("hunter22"), std::string::npos) << env.status().message();
}

TEST(RedactSecrets, PasswordNeverShowsInTheCommandsOutput) {
  const std::string url = "postgres://alice:s3cret@db.example:6543/app";
  Result<Environment> env = HookEnvironment(url, "t", {}, "");
  ASSERT_TRUE(env.ok());
  const std::string err = "pg_dump: error: connection to " + url +
                          " failed\n"
                          "pg_dump: detail: dbname=app password=s3cret\n"
                          "echo $PGPASSWORD: s3cret\n";
  const std::string shown = RedactSecrets(err, url, *env);
  EXPECT_EQ(shown.find("s3cret"), std::string::npos) << shown;
  EXPECT_NE(shown.find("postgres://alice:********@db.example:6543/app"), std::string::npos)
      << shown;
}

// A password strata learned elsewhere (~/.pgpass, a service file: the
// connection's Secrets()) is masked too, in every encoding.
TEST(RedactSecrets, MasksEveryPasswordStrataKnows) {
  AddSecrets({"from-pgpass/9"});
  const std::string shown =
      RedactSecrets("cat ~/.pgpass: h:5432:*:u:from-pgpass/9 or from-pgpass%2F9", "", {});
  EXPECT_EQ(shown, "cat ~/.pgpass: h:5432:*:u:******** or ********");
}

TEST(RedactOutput, StreamsAreMaskedAlsoWhenASecretComesInPieces) {
  AddSecrets({"hunter22"});
  std::ostringstream sink;
  std::streambuf* old = std::cout.rdbuf(sink.rdbuf());
  {
    RedactOutput redact;
    std::cout << "pw hun" << std::flush;
    EXPECT_EQ(sink.str(), "pw ");  // "hun" may begin the secret: held back
    std::cout << "ter22 end\n";
    std::cout << "last hunter2" << std::flush;
  }
  std::cout.rdbuf(old);
  EXPECT_EQ(sink.str(), "pw ******** end\nlast hunter2");
}

TEST(ReferenceFrom, LastNonEmptyLine) {
  EXPECT_EQ(ReferenceFrom("dumping...\nbackups/x.dump\n\n  \n"), "backups/x.dump");
  EXPECT_EQ(ReferenceFrom("  s3://bucket/key  "), "s3://bucket/key");
  EXPECT_EQ(ReferenceFrom(""), "");
}

TEST(BackupTimestamp, CompactUtc) {
  EXPECT_EQ(BackupTimestamp(std::chrono::system_clock::from_time_t(1'800'000'000)),
            "20270115T080000Z");
}

}  // namespace
}  // namespace strata::cli
