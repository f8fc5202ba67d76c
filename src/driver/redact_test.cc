#include "driver/redact.h"

#include <gtest/gtest.h>

namespace strata::driver {
namespace {

TEST(RedactUrl, MasksTheUserInfoPassword) {
  EXPECT_EQ(RedactUrl("postgres://alice:s3cret@db.example:5432/app"),
            "postgres://alice:********@db.example:5432/app");
  EXPECT_EQ(RedactUrl("postgresql://:pw@host/db"), "postgresql://:********@host/db");
  // A password may hold ':' and '/'-free punctuation.
  EXPECT_EQ(RedactUrl("postgres://bob:a:b;c@h/db"), "postgres://bob:********@h/db");
}

TEST(RedactUrl, LeavesUrlsWithoutPasswordAlone) {
  EXPECT_EQ(RedactUrl("postgres://alice@host/db"), "postgres://alice@host/db");
  EXPECT_EQ(RedactUrl("postgres://host:5432/db"), "postgres://host:5432/db");
  EXPECT_EQ(RedactUrl("sqlite:///tmp/x@y.db"), "sqlite:///tmp/x@y.db");
  EXPECT_EQ(RedactUrl("host=h user=u dbname=d"), "host=h user=u dbname=d");
  EXPECT_EQ(RedactUrl("host=h passwordfile=x"), "host=h passwordfile=x");
  EXPECT_EQ(RedactUrl(""), "");
}

TEST(RedactUrl, MasksKeywordPasswords) {
  EXPECT_EQ(RedactUrl("host=h password=pw user=u"), "host=h password=******** user=u");
  EXPECT_EQ(RedactUrl("password = 'with space' host=h"), "password=******** host=h");
  EXPECT_EQ(RedactUrl("host=h password='it\\'s' port=5"), "host=h password=******** port=5");
  EXPECT_EQ(RedactUrl("host=h\tpassword=a password=b"),
            "host=h\tpassword=******** password=********");
}

TEST(RedactUrl, MasksQueryParameters) {
  EXPECT_EQ(RedactUrl("postgres://h/db?password=pw"), "postgres://h/db?password=********");
  EXPECT_EQ(RedactUrl("postgres://h/db?sslmode=require&password=pw&user=u"),
            "postgres://h/db?sslmode=require&password=********&user=u");
  EXPECT_EQ(RedactUrl("postgres://h/db?xpassword=pw"), "postgres://h/db?xpassword=pw");
}

TEST(WithoutPassword, LeavesThePasswordOutOfEveryForm) {
  struct Case {
    std::string url, want;
  };
  const Case cases[] = {
      {"postgres://alice:s3cret@db.example:5432/app", "postgres://alice@db.example:5432/app"},
      {"postgresql://:pw@host/db", "postgresql://host/db"},
      {"postgres://bob:a:b;c@h/db", "postgres://bob@h/db"},
      {"host=h password=pw user=u", "host=h user=u"},
      {"password = 'with space' host=h", "host=h"},
      {"host=h password='it\\'s' port=5", "host=h port=5"},
      {"host=h user=u password=pw", "host=h user=u"},
      {"postgres://h/db?password=pw", "postgres://h/db"},
      {"postgres://h/db?password=pw&sslmode=require", "postgres://h/db?sslmode=require"},
      {"postgres://h/db?sslmode=require&password=pw&user=u",
       "postgres://h/db?sslmode=require&user=u"},
      {"postgres://h/db?sslmode=require&password=pw", "postgres://h/db?sslmode=require"},
      {"postgres://u:a@h/db?password=b", "postgres://u@h/db"},
      // Nothing to leave out.
      {"postgres://alice@host/db", "postgres://alice@host/db"},
      {"postgres://h/db?xpassword=pw", "postgres://h/db?xpassword=pw"},
      {"host=h passwordfile=x", "host=h passwordfile=x"},
      {"sqlite:///tmp/x@y.db", "sqlite:///tmp/x@y.db"},
      {"sqlite:app.db", "sqlite:app.db"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WithoutPassword(c.url), c.want) << c.url;
    EXPECT_EQ(RedactUrl(WithoutPassword(c.url)), WithoutPassword(c.url)) << c.url;
  }
}

TEST(RedactUrlsIn, MasksEveryUrlInFreeText) {
  EXPECT_EQ(RedactUrlsIn("pg_dump: cannot reach postgres://u:pw@db/app: timeout\n"
                         "retrying \"postgresql://v:x@h2/b?password=y\"; host=h password=z"),
            "pg_dump: cannot reach postgres://u:********@db/app: timeout\n"
            "retrying \"postgresql://v:********@h2/b?password=********\"; host=h "
            "password=********");
  EXPECT_EQ(RedactUrlsIn("nothing to hide: postgres://alice@h/db, sqlite:///tmp/a.db"),
            "nothing to hide: postgres://alice@h/db, sqlite:///tmp/a.db");
  EXPECT_EQ(RedactUrlsIn("://odd"), "://odd");
}

TEST(MaskSecret, ReplacesEveryOccurrenceButNotShortSecrets) {
  EXPECT_EQ(MaskSecret("pw hunter2 and hunter2", "hunter2"), "pw ******** and ********");
  EXPECT_EQ(MaskSecret("a b", "a"), "a b");
}

TEST(MaskSecret, LeavesLongerWordsAndUrlSchemesAlone) {
  EXPECT_EQ(MaskSecret("postgres://postgres:postgres@h/postgres, dialect postgres", "postgres"),
            "postgres://********:********@h/********, dialect ********");
  EXPECT_EQ(MaskSecret("secretary, secret2, topsecret; (secret)", "secret"),
            "secretary, secret2, topsecret; (********)");
  // Edges that are not letters or digits need no neighbour check.
  EXPECT_EQ(MaskSecret("x:/pw/:x", ":/pw/:"), "x********x");
}

TEST(RedactUrl, MasksAPasswordWithUnencodedSlashOrAtWhole) {
  EXPECT_EQ(RedactUrl("postgres://u:pa/ss@host/db"), "postgres://u:********@host/db");
  EXPECT_EQ(RedactUrl("postgres://u:p@ss@host/db"), "postgres://u:********@host/db");
  EXPECT_EQ(RedactUrl("postgres://u:p?x/y@host/db?sslmode=require"),
            "postgres://u:********@host/db?sslmode=require");
}

TEST(RedactUrl, MasksKeywordPasswordsInAnyCase) {
  EXPECT_EQ(RedactUrl("host=h PASSWORD=pw user=u"), "host=h PASSWORD=******** user=u");
  EXPECT_EQ(RedactUrl("host=h Password = 'a b'"), "host=h Password=********");
}

TEST(PasswordsIn, EveryFormAsWrittenOrUnquoted) {
  EXPECT_EQ(PasswordsIn("postgres://u:pa/ss@h/db"), std::vector<std::string>{"pa/ss"});
  EXPECT_EQ(PasswordsIn("host=h PASSWORD='it\\'s' user=u"), std::vector<std::string>{"it's"});
  EXPECT_EQ(PasswordsIn("postgres://h/db?password=x%2Fy"), std::vector<std::string>{"x%2Fy"});
  EXPECT_EQ(PasswordsIn("postgres://u@h/db"), std::vector<std::string>{});
}

TEST(Redactor, MasksEachSecretInEveryEncoding) {
  Redactor r;
  r.Add("pa/ss:w'd");
  r.Add("ab");  // too short to mask
  EXPECT_EQ(
      r.Apply("raw pa/ss:w'd, url pa%2Fss%3Aw%27d, lower pa%2fss%3aw%27d, "
              "quoted 'pa/ss:w\\'d', pgpass h:5432:*:u:pa/ss\\:w'd, short ab"),
      "raw ********, url ********, lower ********, quoted ********, pgpass h:5432:*:u:********, "
      "short ab");
}

TEST(Redactor, PossibleStartIsTheLongestTailThatBeginsASecret) {
  Redactor r;
  r.Add("hunter22");
  EXPECT_EQ(r.PossibleStart("the password is hunt"), 4u);
  EXPECT_EQ(r.PossibleStart("the password is h"), 1u);
  EXPECT_EQ(r.PossibleStart("nothing here"), 0u);
  EXPECT_EQ(r.PossibleStart("whole hunter22"), 0u);  // a whole secret is masked, not held
}

}  // namespace
}  // namespace strata::driver
