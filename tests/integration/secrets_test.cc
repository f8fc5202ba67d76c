// The target's password never shows in what strata prints or stores, whatever
// gives it: the URL (percent-encoded, or with an unencoded '/' that strata
// refuses), a keyword string (also with PASSWORD= in upper case, which libpq
// refuses), PGPASSWORD, a ~/.pgpass file (PGPASSFILE), a pg_service.conf service
// (PGSERVICEFILE) and a backup command that prints it. Against the test cluster,
// where the role strata_scram_only must give its password (scripts/pg_cluster.sh).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing {
namespace {

constexpr const char* kRole = "strata_scram_only";
// Every character a URL or a keyword string treats specially but a space.
constexpr const char* kPassword = "Zq/9@x:%'vK7?#&=";
constexpr const char* kWrongPassword = "Wr0ng/p@ss:%'word";

std::string PercentEncoded(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out.push_back(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

// 'it\'s': a keyword string's quoted value.
std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

// A password as a ~/.pgpass line holds it: ':' and '\\' escaped.
std::string PassFileEscaped(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == ':' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// 'it''s' in SQL, without the quotes.
std::string SqlEscaped(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out;
}

// Host, port and database of the test database's URL
// (postgres://postgres@HOST:PORT/DB).
struct Target {
  std::string host, port, database;
};

Target TargetOf(const std::string& url) {
  const size_t at = url.find('@');
  const size_t colon = url.find(':', at);
  const size_t slash = url.find('/', colon);
  return {url.substr(at + 1, colon - at - 1), url.substr(colon + 1, slash - colon - 1),
          url.substr(slash + 1)};
}

class Secrets : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.available()) return;
    target_ = TargetOf(db_.url());
    // The role is the cluster's; tests may run side by side: a concurrent CREATE
    // or ALTER that loses leaves the same role with the same password.
    const std::string password = "'" + SqlEscaped(kPassword) + "'";
    Status made = db_.conn().Execute(
        std::string("SET password_encryption = 'scram-sha-256'; DO $$BEGIN BEGIN CREATE ROLE ") +
        kRole +
        " LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END; "
        "ALTER ROLE " +
        kRole + " PASSWORD " + password +
        "; EXCEPTION WHEN object_in_use OR internal_error THEN NULL; END$$");
    ASSERT_TRUE(made.ok()) << made.ToString();
    Status granted = db_.conn().Execute(std::string("GRANT ALL ON SCHEMA public TO ") + kRole);
    ASSERT_TRUE(granted.ok()) << granted.ToString();
    dir_.Write("migrations/001_a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
    // A backup command that prints every password it can find, on stdout and
    // stderr, and names its backup with it: strata must mask them all.
    dir_.Write("backup.sh",
               "echo \"PGPASSWORD=$PGPASSWORD url=$STRATA_URL\"\n"
               "cat \"$PGPASSFILE\" \"$PGSERVICEFILE\" 2>/dev/null\n"
               "echo \"to stderr: $PGPASSWORD $STRATA_URL\" >&2\n"
               "cat \"$PGPASSFILE\" \"$PGSERVICEFILE\" >&2 2>/dev/null\n"
               "echo \"backup-" +
                   std::string(kPassword) + "-" + PercentEncoded(kPassword) + "\"\n");
    dir_.Write("strata.toml", "[backup]\nbefore_apply = \"sh backup.sh\"\n");
  }

  std::string KeywordUrl(const std::string& password_key, const std::string& password) const {
    return "host=" + target_.host + " port=" + target_.port + " dbname=" + target_.database +
           " user=" + kRole + " " + password_key + "=" + Quoted(password);
  }
  std::string UrlWithout() const {
    return std::string("postgres://") + kRole + "@" + target_.host + ":" + target_.port + "/" +
           target_.database;
  }
  std::string UrlWith(const std::string& password) const {
    return std::string("postgres://") + kRole + ":" + password + "@" + target_.host + ":" +
           target_.port + "/" + target_.database;
  }
  // Writes a ~/.pgpass-format file for the role with `password`; its path.
  std::string PassFile(const std::string& password) const {
    dir_.Write("pgpass", target_.host + ":" + target_.port + ":*:" + kRole + ":" +
                             PassFileEscaped(password) + "\n");
    std::string path = (dir_.path() / "pgpass").string();
    chmod(path.c_str(), 0600);  // libpq ignores a file others may read
    return path;
  }
  // Writes a pg_service.conf with the service "strata_secrets"; its path.
  std::string ServiceFile(const std::string& password) const {
    dir_.Write("pg_service.conf", "[strata_secrets]\nhost=" + target_.host +
                                      "\nport=" + target_.port + "\ndbname=" + target_.database +
                                      "\nuser=" + kRole + "\npassword=" + password + "\n");
    return (dir_.path() / "pg_service.conf").string();
  }

  RunResult Strata(const std::string& url, std::vector<std::string> args,
                   const std::vector<std::string>& env) {
    args.insert(args.begin(), {"--url", url});
    return RunStrata(args, dir_.path(), env);
  }

  // What must not be in `text`: the password as written, percent-encoded, and
  // escaped as in ~/.pgpass (the backup command prints that file).
  static void ExpectHidden(const std::string& text, const std::string& password,
                           const std::string& what) {
    EXPECT_EQ(text.find(password), std::string::npos) << what << ":\n" << text;
    EXPECT_EQ(text.find(PercentEncoded(password)), std::string::npos) << what << ":\n" << text;
    EXPECT_EQ(text.find(PassFileEscaped(password)), std::string::npos) << what << ":\n" << text;
  }

  // up (with the backup command), status, history and history --json succeed,
  // and neither their output nor the stored backup reference shows the password.
  void ExpectMaskedThroughout(const std::string& url, const std::vector<std::string>& env) {
    RunResult up = Strata(url, {"up"}, env);
    ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
    EXPECT_NE(up.err.find("********"), std::string::npos) << "the command's output, masked:\n"
                                                          << up.err;
    ExpectHidden(up.out + up.err, kPassword, "up");
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"status"}, {"history"}, {"--json", "history"}}) {
      RunResult r = Strata(url, args, env);
      EXPECT_EQ(r.exit_code, 0) << args.back() << r.out << r.err;
      ExpectHidden(r.out + r.err, kPassword, args.back());
    }
    const std::string stored =
        db_.Scalar("SELECT string_agg(backup, ',') FROM strata_schema_history");
    EXPECT_NE(stored.find("backup-********"), std::string::npos) << stored;
    ExpectHidden(stored, kPassword, "the stored backup reference");
    // The role really had to give its password.
    RunResult wrong = Strata(UrlWith(PercentEncoded(kWrongPassword)), {"status"}, {});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.out << wrong.err;
    EXPECT_NE(wrong.err.find("password authentication failed"), std::string::npos)
        << "pg_hba.conf must ask " << kRole << " for its password (scripts/pg_cluster.sh):\n"
        << wrong.err;
    ExpectHidden(wrong.out + wrong.err, kWrongPassword, "a wrong password");
  }

  PgDatabase db_;
  TempDir dir_;
  Target target_;
};

TEST_F(Secrets, PercentEncodedUrl) {
  STRATA_REQUIRE_PG(db_);
  ExpectMaskedThroughout(UrlWith(PercentEncoded(kPassword)), {});
}

TEST_F(Secrets, KeywordString) {
  STRATA_REQUIRE_PG(db_);
  ExpectMaskedThroughout(KeywordUrl("password", kPassword), {});
}

TEST_F(Secrets, PgPasswordVariable) {
  STRATA_REQUIRE_PG(db_);
  ExpectMaskedThroughout(UrlWithout(), {std::string("PGPASSWORD=") + kPassword});
}

TEST_F(Secrets, PassFile) {
  STRATA_REQUIRE_PG(db_);
  ExpectMaskedThroughout(UrlWithout(), {"PGPASSFILE=" + PassFile(kPassword)});
}

TEST_F(Secrets, ServiceFile) {
  STRATA_REQUIRE_PG(db_);
  ExpectMaskedThroughout("service=strata_secrets", {"PGSERVICEFILE=" + ServiceFile(kPassword)});
}

// Each source with a wrong password: refused, and the password not shown.
TEST_F(Secrets, WrongPasswordFromEachSourceIsNotShown) {
  STRATA_REQUIRE_PG(db_);
  struct Case {
    std::string name, url;
    std::vector<std::string> env;
  };
  const std::vector<Case> cases = {
      {"URL", UrlWith(PercentEncoded(kWrongPassword)), {}},
      {"keyword string", KeywordUrl("password", kWrongPassword), {}},
      {"PGPASSWORD", UrlWithout(), {std::string("PGPASSWORD=") + kWrongPassword}},
      {"PGPASSFILE", UrlWithout(), {"PGPASSFILE=" + PassFile(kWrongPassword)}},
      {"service", "service=strata_secrets", {"PGSERVICEFILE=" + ServiceFile(kWrongPassword)}},
  };
  for (const Case& c : cases) {
    for (const char* command : {"status", "up"}) {
      RunResult r = Strata(c.url, {command}, c.env);
      EXPECT_EQ(r.exit_code, 1) << c.name << " " << command << ":\n" << r.out << r.err;
      EXPECT_NE(r.err.find("password authentication failed"), std::string::npos) << r.err;
      ExpectHidden(r.out + r.err, kWrongPassword, c.name + " " + command);
    }
  }
}

// libpq would read "u:pa/ss@host" as host u, port pa: refused, the password masked.
TEST_F(Secrets, UrlWithAnUnencodedSlashOrAtIsRefusedWithoutShowingIt) {
  STRATA_REQUIRE_PG(db_);
  for (const std::string& password : {std::string("s3cr/et"), std::string(kPassword)}) {
    for (const char* command : {"status", "up", "history"}) {
      RunResult r = Strata(UrlWith(password), {command}, {});
      EXPECT_EQ(r.exit_code, 2) << command << r.out << r.err;
      EXPECT_NE(r.err.find("percent-encode"), std::string::npos) << r.err;
      ExpectHidden(r.out + r.err, password, command);
      for (const std::string& part :
           {password.substr(0, password.find('/')), password.substr(password.find('/') + 1)}) {
        EXPECT_EQ(r.err.find(part), std::string::npos) << part << " in " << r.err;
      }
    }
  }
}

// libpq refuses "PASSWORD=" (its keywords are lower case): the error must not show it.
TEST_F(Secrets, UpperCasePasswordKeywordIsNotShown) {
  STRATA_REQUIRE_PG(db_);
  for (const char* command : {"status", "up"}) {
    RunResult r = Strata(KeywordUrl("PASSWORD", kPassword), {command}, {});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("PASSWORD"), std::string::npos) << r.err;
    ExpectHidden(r.out + r.err, kPassword, command);
  }
}

}  // namespace
}  // namespace strata::testing
