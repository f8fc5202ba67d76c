// Factories of every lint rule, one per file in this folder.
#pragma once

#include <memory>

#include "sql/lint/rule.h"

namespace strata::sql::lint {

// destructive
std::unique_ptr<Rule> MakeDropTable();
// locking and rewrites
std::unique_ptr<Rule> MakeIndexNotConcurrent();
std::unique_ptr<Rule> MakeMissingLockTimeout();

}  // namespace strata::sql::lint
