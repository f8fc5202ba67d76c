// Linting one script: parse it into our model, run every enabled rule over each
// statement with the migration's context, apply suppressions and severities.
//
// A Linter is immutable after construction and may be shared between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "sql/lint/context.h"
#include "sql/lint/finding.h"
#include "sql/lint/rule.h"

namespace strata::sql::lint {

struct LintOptions {
  std::map<std::string, Severity> severity;  // per-rule overrides; kOff disables a rule
  NamingOptions naming;
};

struct ScriptResult {
  std::vector<Finding> findings;            // in script order
  std::map<std::string, TableState> after;  // the schema after the script
  size_t statements = 0;
};

// A rule id a "-- strata:lint-ignore" comment names that neither a rule of the
// registry nor a finding of the linter has: it silences nothing. `offset` is the
// comment's; `message` says so with the nearest id ("'drop-tabel' is not a lint
// rule; did you mean drop-table?").
struct UnknownSuppression {
  size_t offset = 0;
  std::string message;
};
std::vector<UnknownSuppression> UnknownSuppressions(std::string_view script, Dialect dialect);

class Linter {
 public:
  // Runs every rule of the registry.
  explicit Linter(LintOptions options);
  // Runs only `rules` (tests, and callers that want a subset).
  Linter(LintOptions options, RuleSet rules);

  // Lints `script`. `before` is the schema before it (tables by Context::Key).
  // Suppressions: "-- strata:lint-ignore <rule>[,<rule>...] <reason>" silences the
  // named rules on the next statement; "-- strata:lint-ignore-file ..." on the
  // whole script. A suppression without a reason is itself reported.
  ScriptResult Lint(std::string_view script, Dialect dialect, const ScriptOptions& options,
                    const std::map<std::string, TableState>& before) const;

  const RuleSet& rules() const { return rules_; }
  // The severity a rule runs at: the override from LintOptions, else its default.
  Severity SeverityOf(const RuleInfo& info) const;

 private:
  LintOptions options_;
  RuleSet rules_;
};

}  // namespace strata::sql::lint
