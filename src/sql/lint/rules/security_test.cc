// Cases for the security rules: grant-to-public, security-definer-search-path.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

bool Mentions(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

TEST(GrantToPublic, FiresOnGrantsToPublic) {
  auto f = LintWith(MakeGrantToPublic(), "GRANT SELECT, UPDATE ON users TO PUBLIC;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "grant-to-public");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_TRUE(Mentions(f[0], "select, update")) << f[0].message;
  auto all = LintWith(MakeGrantToPublic(), "GRANT ALL ON SCHEMA app TO app_owner, public;");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(Mentions(all[0], "all privileges")) << all[0].message;
}

TEST(GrantToPublic, QuietForNamedRolesAndRevokes) {
  EXPECT_TRUE(LintWith(MakeGrantToPublic(), "GRANT SELECT ON users TO app_readers;").empty());
  EXPECT_TRUE(LintWith(MakeGrantToPublic(), "REVOKE ALL ON users FROM PUBLIC;").empty());
  EXPECT_TRUE(LintWith(MakeGrantToPublic(), "GRANT SELECT ON public.users TO reporting;").empty());
}

TEST(SecurityDefinerSearchPath, FiresWithoutSearchPath) {
  auto f = LintWith(MakeSecurityDefinerSearchPath(),
                    "CREATE FUNCTION app.whoami() RETURNS text LANGUAGE sql SECURITY DEFINER\n"
                    "AS $$ SELECT current_user $$;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "security-definer-search-path");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_TRUE(Mentions(f[0], "app.whoami")) << f[0].message;
}

TEST(SecurityDefinerSearchPath, QuietWithSearchPathOrWithoutDefiner) {
  EXPECT_TRUE(LintWith(MakeSecurityDefinerSearchPath(),
                       "CREATE OR REPLACE FUNCTION app.whoami() RETURNS text LANGUAGE sql\n"
                       "SECURITY DEFINER SET search_path = pg_catalog, pg_temp\n"
                       "AS $$ SELECT current_user $$;")
                  .empty());
  EXPECT_TRUE(LintWith(MakeSecurityDefinerSearchPath(),
                       "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;")
                  .empty());
  EXPECT_TRUE(LintWith(MakeSecurityDefinerSearchPath(),
                       "CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY INVOKER\n"
                       "AS $$ SELECT 1 $$;")
                  .empty());
  // Another setting is not search_path.
  EXPECT_EQ(LintWith(MakeSecurityDefinerSearchPath(),
                     "CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER\n"
                     "SET work_mem = '64MB' AS $$ SELECT 1 $$;")
                .size(),
            1u);
}

TEST(SecurityRules, PostgresOnly) {
  for (auto make : {MakeGrantToPublic, MakeSecurityDefinerSearchPath}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kSecurity) << info.id;
    EXPECT_EQ(info.severity, Severity::kError) << info.id;
    EXPECT_TRUE(info.dialects.contains(Dialect::kPostgres));
    EXPECT_FALSE(info.dialects.contains(Dialect::kSqlite));
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
}

}  // namespace
}  // namespace strata::sql::lint
