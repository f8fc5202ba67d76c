#include "cli/config.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::cli {
namespace {

// Found by fuzz/strata_toml_fuzzer.cc: a table header whose key starts with
// neither a key character nor a quote made toml++ 3.3.0 abort on an assertion
// in debug and sanitizer builds (cli/toml.h says why). It is a parse error
// naming the line, like any other malformed strata.toml.
TEST(ReadConfigText, MalformedTableHeaderIsAnErrorNotAnAbort) {
  for (const std::string text : {"[,un]\n", "[[[1]]]\n", "[[=\n", "[[[a]]\n", "x = 1\n[ ,]\n"}) {
    Settings settings;
    const Status st = ReadConfigText(text, "strata.toml", settings);
    EXPECT_TRUE(st.is_invalid_input()) << text;
    EXPECT_EQ(st.context().file, "strata.toml") << text;
    EXPECT_GT(st.context().line, 0) << text;
  }
}

TEST(ReadConfigText, ReadsAWellFormedFile) {
  Settings settings;
  const Status st = ReadConfigText("[migrations]\ndir = \"db\"\n[rollback]\nmax_age_days = 7\n",
                                   "strata.toml", settings);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(settings.dir, "db");
  EXPECT_EQ(settings.rollback_max_age_days, 7);
}

}  // namespace
}  // namespace strata::cli
