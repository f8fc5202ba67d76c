#include "cli/command_line_hint.h"

#include <gtest/gtest.h>

namespace strata::cli {
namespace {

// A command line shaped like strata's: global options, commands, a command
// with commands of its own and one with positional arguments.
class Hint : public ::testing::Test {
 protected:
  void SetUp() override {
    app_.add_option("--url", value_);
    app_.add_flag("--json", flag_);
    CLI::App* up = app_.add_subcommand("up");
    up->add_flag("--dry-run", flag_);
    up->add_option("--to", value_);
    CLI::App* schema = app_.add_subcommand("schema");
    schema->add_subcommand("dump")->add_option("--format", value_);
    app_.add_subcommand("lint")->add_option("paths", paths_);
  }
  std::string For(const std::vector<std::string>& args) { return HintFor(app_, args); }

  CLI::App app_;
  std::string value_;
  bool flag_ = false;
  std::vector<std::string> paths_;
};

TEST_F(Hint, NamesTheNearestCommand) {
  EXPECT_EQ(For({"--url", "sqlite:a.db", "pu"}), "unknown command 'pu'; did you mean up?");
  EXPECT_EQ(For({"schema", "dupm"}),
            "unknown command 'dupm' for strata schema; did you mean dump?");
  EXPECT_EQ(For({"frobnicate"}), "unknown command 'frobnicate' (commands: up, schema, lint)");
}

TEST_F(Hint, NamesTheNearestFlagOfTheCommandOrTheGlobalOnes) {
  EXPECT_EQ(For({"up", "--dry-rn"}),
            "unknown flag --dry-rn for strata up; did you mean --dry-run?");
  EXPECT_EQ(For({"up", "--jsn"}), "unknown flag --jsn for strata up; did you mean --json?");
  EXPECT_EQ(For({"schema", "dump", "--fromat=json"}),
            "unknown flag --fromat for strata schema dump; did you mean --format?");
}

TEST_F(Hint, SaysNothingWhenEverythingIsKnownOrNothingIsNear) {
  EXPECT_EQ(For({"--url", "up", "up", "--to", "003", "--dry-run"}), "");  // "up" as a URL value
  EXPECT_EQ(For({"lint", "a.sql", "b.sql"}), "");                         // positional arguments
  EXPECT_EQ(For({"up", "--zzzzzzzz"}), "");
  EXPECT_EQ(For({"up", "--", "--dry-rn"}), "");
}

}  // namespace
}  // namespace strata::cli
