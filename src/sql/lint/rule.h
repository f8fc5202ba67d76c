// A lint rule: one check with a stable id, its documentation, and the code that
// finds it. One rule per file under sql/lint/rules/; the registry lists them.
//
// How to add a rule:
//  1. Write rules/<id>.cc with a class deriving from Rule and a factory
//     `std::unique_ptr<Rule> Make<Name>()`, declared in rules/rules.h.
//  2. Add the factory to AllRules() in registry.cc.
//  3. Add cases that must fire and cases that must not to the rule's category
//     test (rules/<category>_test.cc).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/dialect.h"
#include "sql/lint/context.h"
#include "sql/lint/finding.h"
#include "sql/model.h"

namespace strata::sql::lint {

enum class Category {
  kDestructive,
  kLocking,
  kCompatibility,  // backward-incompatible changes
  kTransactions,
  kTypes,
  kConstraints,
  kNaming,
  kSecurity,
};
const char* CategoryName(Category c);

struct RuleInfo {
  std::string id;  // kebab-case, stable: suppressions and configs name it
  Category category;
  Severity severity;    // default; strata.toml may change it
  std::string summary;  // one line
  std::string why;      // why it is dangerous
  std::string fix;      // how to do it safely (the zero-downtime alternative)
  // The dialects it runs on (SQLite: a token-based subset); no default, every
  // rule names its own.
  DialectSet dialects;
};

// Reports one finding of the rule being run; severity and rule id are filled in.
using Emit = std::function<void(size_t offset, std::string message)>;

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Called for each statement in order, before the context records it.
  virtual void Check(const ParsedStatement& stmt, const Context& ctx, const Emit& emit) const = 0;
  // Called once after the last statement, for rules about the migration as a whole.
  virtual void Finish(const Context& /*ctx*/, const Emit& /*emit*/) const {}
};

using RuleSet = std::vector<std::unique_ptr<Rule>>;

}  // namespace strata::sql::lint
