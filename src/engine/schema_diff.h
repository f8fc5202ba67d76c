// The changes between two schemas and the statements that apply them: inspect,
// diff and plan are separate steps (diff/diff.h, driver/plan.h); this is the
// one place that runs the last two for diff, drift and generate.
//
// Thread-safety: a function of its arguments.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"
#include "catalog/change.h"
#include "driver/plan.h"

namespace strata::engine {

struct SchemaDiff {
  catalog::Changes changes;                    // what turns `from` into `to`, in apply order
  std::vector<driver::PlannedStatement> plan;  // the statements that apply them to `from`
};

// The changes that turn `from` into `to` and the plan that applies them, by
// `planner`, which must be of the dialect both are of (an InvalidInput when
// they are of two). `exclude`: name patterns left out of both (diff::DiffOptions).
Result<SchemaDiff> PlanDiff(const catalog::Catalog& from, const catalog::Catalog& to,
                            const driver::Planner& planner,
                            const std::vector<std::string>& exclude = {});

}  // namespace strata::engine
