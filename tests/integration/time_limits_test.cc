// Nothing waits without a limit or without saying why: a server that accepts
// the connection and never answers ends in the connect timeout, and a run that
// waits for another run's lock says who holds it and since when.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A TCP port on 127.0.0.1 whose connections the kernel completes (the listen
// backlog) but that never says a word: a server that hangs.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() {
    if (fd_ >= 0) ::close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Every way a command connects (the session's connect that overlaps reading
// the directory, and the plain one of `schema dump`) gives up after
// [database] connect_timeout with a message that says so.
TEST(ConnectTimeout, AServerThatNeverAnswersEndsInTheConfiguredTimeout) {
  SilentServer server;
  ASSERT_NE(server.port(), 0);
  TempDir dir;
  dir.Write("strata.toml",
            "[database]\nurl = \"postgres://app@127.0.0.1:" + std::to_string(server.port()) +
                "/app?sslmode=disable\"\nconnect_timeout = 2\n");
  dir.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"status"}, std::vector<std::string>{"schema", "dump"}}) {
    const Clock::time_point start = Clock::now();
    RunResult run = RunStrata(args, dir.path());
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_EQ(run.exit_code, 1) << args[0] << "\n" << run.err;
    EXPECT_NE(run.err.find("cannot connect"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("connect_timeout"), std::string::npos) << run.err;
    // The configured 2 s, not the default 10 s (libpq rounds up to whole seconds).
    EXPECT_LT(seconds, 8) << args[0];
    EXPECT_GE(seconds, 1.5) << args[0];
  }
}

class PostgresLockWait : public ::testing::Test {
 protected:
  void SetUp() override { STRATA_REQUIRE_PG(db_); }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", db_.url(), "--dir", (dir_.path() / "migrations").string()});
    return args;
  }
  PgDatabase db_;
  TempDir dir_;
};

TEST_F(PostgresLockWait, ARunThatWaitsSaysWhoHoldsTheLockAndSinceWhen) {
  dir_.Write("migrations/001_slow.sql", "SELECT pg_sleep(3);\n");
  const pid_t first = SpawnStrata(Args({"up"}), (dir_.path() / "first").string());
  bool sleeping = false;
  for (int i = 0; i < 200 && !sleeping; ++i) {
    sleeping = db_.Scalar(
                   "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                   "'%pg_sleep(3)%' AND state = 'active' AND pid <> pg_backend_pid()") != "0";
    if (!sleeping) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_TRUE(sleeping);
  RunResult second = RunStrata(Args({"up"}));
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(WaitFor(first), 0) << dir_.Read("first.err");
  EXPECT_NE(second.err.find("waiting for the migration lock"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("'strata lock'"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("user postgres"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find(" since 20"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("giving up after 60 s"), std::string::npos) << second.err;
}

TEST(SqliteLockWait, ARunThatWaitsSaysWhichProcessHoldsTheLock) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "app.db").string();
  const std::string migrations = (dir.path() / "migrations").string();
  dir.Write("migrations/001_slow.sql",
            "CREATE TABLE t (n INTEGER);\n"
            "INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
            "WHERE x < 3000000) SELECT x FROM c;\n");
  const pid_t first =
      SpawnStrata({"--url", url, "--dir", migrations, "up"}, (dir.path() / "first").string());
  // The holder writes its name into the lock file once it has the lock.
  const std::filesystem::path lock = dir.path() / "app.db.strata-lock";
  for (int i = 0; i < 200; ++i) {
    std::error_code ec;
    if (std::filesystem::file_size(lock, ec) > 0 && !ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  RunResult second = RunStrata({"--url", url, "--dir", migrations, "up"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(WaitFor(first), 0) << dir.Read("first.err");
  EXPECT_NE(second.err.find("waiting for the migration lock"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("process " + std::to_string(first) + " on "), std::string::npos)
      << second.err;
  EXPECT_NE(second.err.find(" since 20"), std::string::npos) << second.err;
}

}  // namespace
}  // namespace strata::testing
