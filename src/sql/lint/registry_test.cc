#include "sql/lint/registry.h"

#include <gtest/gtest.h>

namespace strata::sql::lint {
namespace {

// RuleInfo::dialects has no default: a rule that forgot to name its dialects
// would run nowhere, silently.
TEST(Registry, EveryRuleAndBuiltinFindingNamesItsDialects) {
  for (const auto& rule : AllRules()) {
    EXPECT_FALSE(rule->info().dialects.empty()) << rule->info().id;
  }
  for (const RuleInfo& info : BuiltinFindings()) {
    EXPECT_FALSE(info.dialects.empty()) << info.id;
  }
}

}  // namespace
}  // namespace strata::sql::lint
