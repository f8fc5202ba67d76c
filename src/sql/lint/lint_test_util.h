// Test helpers for lint rules: run one rule over a script and look at what it says.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/lint/linter.h"

namespace strata::sql::lint::testing {

// Findings of `rule` alone on `script`. `before` lists tables that existed before
// the migration, with their columns ("users" -> {"id": "int8", "email": "text"}).
inline std::vector<Finding> LintWith(
    std::unique_ptr<Rule> rule, const std::string& script, const ScriptOptions& options = {},
    Dialect dialect = Dialect::kPostgres,
    const std::map<std::string, std::map<std::string, std::string>>& before = {},
    LintOptions lint_options = {}) {
  std::map<std::string, TableState> tables;
  for (const auto& [table, columns] : before) {
    TableState& t = tables[table];
    for (const auto& [column, type] : columns) t.columns[column] = TypeRef{type, {}, false};
  }
  RuleSet rules;
  rules.push_back(std::move(rule));
  Linter linter(std::move(lint_options), std::move(rules));
  return linter.Lint(script, dialect, options, tables).findings;
}

// The rule ids of `findings`, for compact assertions.
inline std::vector<std::string> Ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) out.push_back(f.rule);
  return out;
}

}  // namespace strata::sql::lint::testing
