#include "sql/lint/registry.h"

#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {

RuleSet AllRules() {
  RuleSet rules;
  // destructive
  rules.push_back(MakeDropTable());
  // locking and rewrites
  rules.push_back(MakeIndexNotConcurrent());
  rules.push_back(MakeMissingLockTimeout());
  return rules;
}

std::vector<RuleInfo> BuiltinFindings() {
  return {
      RuleInfo{"syntax-error", Category::kTransactions, Severity::kError,
               "The statement does not parse.",
               "A statement the parser rejects fails at run time, after the statements before it "
               "in a non-transactional migration have already run.",
               "Fix the syntax; `strata lint` shows the parser's message.", true, false},
      RuleInfo{"lint-ignore-needs-reason", Category::kTransactions, Severity::kWarning,
               "A lint suppression without a reason.",
               "A silenced finding with no reason cannot be reviewed later.",
               "Write the reason after the rule ids: `-- strata:lint-ignore drop-table the table "
               "was deprecated in 2.3 and is unused`.",
               true, true},
  };
}

}  // namespace strata::sql::lint
