// The dependency graph of versioned migrations (`-- Depends:` headers).
#pragma once

#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

// Resolves each dependency id against the versioned migrations (by version, so
// "1" matches "001", or by the full file stem), rejects missing targets and cycles,
// and reorders `migrations` so that every migration follows its dependencies:
// of the migrations whose dependencies are all placed, the lowest version goes
// next (so if 001 depends on 003, the order is 002, 003, 001). Repeatables stay
// at the end.
Status OrderByDependencies(std::vector<Migration>& migrations);

// Indexes (into `migrations`) of the migrations that `m` depends on. Only valid
// after OrderByDependencies accepted the set.
std::vector<size_t> DependencyIndexes(const std::vector<Migration>& migrations, const Migration& m);

}  // namespace strata::source
