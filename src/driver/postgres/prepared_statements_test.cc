#include "driver/postgres/prepared_statements.h"

#include <gtest/gtest.h>

namespace strata::driver::postgres {
namespace {

TEST(PreparedStatementsTest, RemembersByTextAndNeverReusesAName) {
  PreparedStatements s;
  EXPECT_EQ(s.Find("INSERT 1"), nullptr);
  const std::string first = s.NewName();
  s.Remember("INSERT 1", first);
  ASSERT_NE(s.Find("INSERT 1"), nullptr);
  EXPECT_EQ(*s.Find("INSERT 1"), first);
  s.Forget("INSERT 1");
  EXPECT_EQ(s.Find("INSERT 1"), nullptr);
  EXPECT_NE(s.NewName(), first);
}

TEST(PreparedStatementsTest, AScriptThatMayDropPreparedStatementsForgetsThemAll) {
  for (const char* script : {"DEALLOCATE ALL;", "discard all", "select 1; Deallocate strata_1"}) {
    PreparedStatements s;
    s.Remember("INSERT 1", s.NewName());
    s.SeeScript(script);
    EXPECT_EQ(s.size(), 0u) << script;
  }
  PreparedStatements s;
  s.Remember("INSERT 1", s.NewName());
  s.SeeScript("CREATE TABLE t (id int); CREATE INDEX ON t (id);");
  EXPECT_EQ(s.size(), 1u);
}

}  // namespace
}  // namespace strata::driver::postgres
