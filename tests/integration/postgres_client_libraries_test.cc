// The libraries libpq works with, as strata links it: OpenSSL, linked in from its
// archive like libpq itself, and GSSAPI (Kerberos) and LDAP, which strata loads
// only when libpq first calls them (src/driver/postgres/deferred_libraries.cc).
// Each test makes libpq use one for real.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

class PostgresClientLibraries : public ::testing::Test {
 protected:
  void SetUp() override {
    STRATA_REQUIRE_PG(db_);
    dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int);\n");
  }
  RunResult Status(const std::string& url, const std::vector<std::string>& env) {
    return RunStrata({"--url", url, "--dir", (dir_.path() / "migrations").string(), "status"}, {},
                     env);
  }
  // Kerberos finds neither a configuration nor credentials of the machine's.
  std::vector<std::string> NoKerberos() {
    dir_.Write("krb5.conf", "");
    return {"KRB5_CONFIG=" + (dir_.path() / "krb5.conf").string(),
            "KRB5CCNAME=FILE:" + (dir_.path() / "no-credentials").string()};
  }
  PgDatabase db_;
  TempDir dir_;
};

// scripts/test.sh starts its cluster with TLS and a self-signed certificate for
// 127.0.0.1 (scripts/pg_cluster.sh): strata verifies it as the URL asks.
TEST_F(PostgresClientLibraries, TlsVerifiesTheServerCertificateAsTheUrlAsks) {
  if (db_.Scalar("SHOW ssl") != "on") {
    GTEST_SKIP() << "the cluster has no TLS (scripts/pg_cluster.sh with STRATA_PG_TLS=1 has)";
  }
  const std::string root_cert = db_.Scalar("SHOW ssl_cert_file");
  dir_.Write("migrations/002_seen.sql",
             "CREATE TABLE seen AS SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid();\n");
  const std::string verified = db_.url() + "?sslmode=verify-full&sslrootcert=" + root_cert;
  RunResult up =
      RunStrata({"--url", verified, "--dir", (dir_.path() / "migrations").string(), "up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(db_.Scalar("SELECT ssl FROM seen"), "t");
  // The certificate names 127.0.0.1, not localhost.
  const std::string url = db_.url();
  const size_t host = url.find("127.0.0.1");
  ASSERT_NE(host, std::string::npos) << url;
  const std::string other_name = url.substr(0, host) + "localhost" + url.substr(host + 9) +
                                 "?sslmode=verify-full&sslrootcert=" + root_cert;
  RunResult refused = Status(other_name, {});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("does not match host name"), std::string::npos) << refused.err;
}

// The server asks the role strata_gss_only for GSSAPI authentication
// (scripts/pg_cluster.sh); without credentials the Kerberos library refuses,
// and its own words reach the user.
TEST_F(PostgresClientLibraries, GssapiAuthenticationReachesTheKerberosLibrary) {
  if (db_.Scalar("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'gss' AND "
                 "'strata_gss_only' = ANY(user_name)") == "0") {
    GTEST_SKIP()
        << "the cluster has no gss line for strata_gss_only (scripts/pg_cluster.sh adds it)";
  }
  const std::string url = db_.url();
  const size_t user = url.find("://") + 3;
  const size_t at = url.find('@', user);
  ASSERT_NE(at, std::string::npos) << url;
  const std::string gss_url =
      url.substr(0, user) + "strata_gss_only" + url.substr(at) + "?gssencmode=disable";
  RunResult r = Status(gss_url, NoKerberos());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("GSSAPI"), std::string::npos) << r.err;
  // MIT Kerberos's text for the missing credentials cache, named as we set it.
  EXPECT_NE(r.err.find("no-credentials"), std::string::npos) << r.err;
}

// gssencmode=require makes libpq ask the library for credentials first.
TEST_F(PostgresClientLibraries, GssapiEncryptionAsksTheLibraryForCredentials) {
  RunResult r = Status(db_.url() + "?gssencmode=require", NoKerberos());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("GSSAPI encryption required"), std::string::npos) << r.err;
  // And the default, gssencmode=prefer, asks the same and goes on without.
  RunResult prefer = Status(db_.url(), NoKerberos());
  EXPECT_EQ(prefer.exit_code, 0) << prefer.err;
}

// A listening socket on 127.0.0.1 that records whether anyone connected: it
// accepts one connection within ten seconds and closes it at once.
class OneShotListener {
 public:
  OneShotListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        listen(fd_, 1) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    waiter_ = std::thread([this] {
      pollfd ready{fd_, POLLIN, 0};
      if (poll(&ready, 1, 10'000) != 1) return;
      const int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      connected_ = true;
      close(client);
    });
  }
  ~OneShotListener() {
    if (waiter_.joinable()) waiter_.join();
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }
  // Waits for the one connection (or the ten seconds) and says whether it came.
  bool Connected() {
    if (waiter_.joinable()) waiter_.join();
    return connected_;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread waiter_;
  std::atomic<bool> connected_ = false;
};

// An ldap:// line of a pg_service.conf entry: libpq asks that LDAP server for
// the connection's parameters through the LDAP library, and when the server
// cannot answer, reads on (here: nothing more) and connects with the URL's.
TEST_F(PostgresClientLibraries, AServiceFileLdapLineGoesThroughTheLdapLibrary) {
  OneShotListener ldap_server;
  ASSERT_NE(ldap_server.port(), 0) << "cannot listen on 127.0.0.1";
  dir_.Write("pg_service.conf",
             "[strata_ldap]\nldap://127.0.0.1:" + std::to_string(ldap_server.port()) +
                 "/dc=strata,dc=test?uniqueMember?one?(cn=strata)\n");
  RunResult r = Status(db_.url() + "?service=strata_ldap",
                       {"PGSERVICEFILE=" + (dir_.path() / "pg_service.conf").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(ldap_server.Connected()) << "libpq did not reach the LDAP server: " << r.err;
}

}  // namespace
}  // namespace strata::testing
