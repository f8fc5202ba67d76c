// The list of every lint rule, in documentation order. Explicit on purpose: no
// rule registers itself.
#pragma once

#include "sql/lint/rule.h"

namespace strata::sql::lint {

RuleSet AllRules();

// Findings the linter itself reports (not rules one can configure away):
// "syntax-error", "lint-ignore-needs-reason" and "lint-ignore-unknown-rule".
std::vector<RuleInfo> BuiltinFindings();

}  // namespace strata::sql::lint
