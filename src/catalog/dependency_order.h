// Orders objects so that each comes after the ones it depends on: parent
// tables before their partitions, views after the views they read.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "catalog/catalog.h"

namespace strata::catalog {

// The indexes 0..count-1 in an order where each follows everything
// `depends_on(i)` names. Among objects that are ready at the same time the
// lower index goes first, so for input in canonical order the result is
// canonical too. A cycle (which the databases forbid for these objects) is
// broken at its lowest index rather than dropped.
std::vector<size_t> DependencyOrder(size_t count,
                                    const std::function<std::vector<size_t>(size_t)>& depends_on);

// Tables with partition and INHERITS parents before their children.
std::vector<const Table*> TablesInCreationOrder(const Catalog& catalog);
// Views (plain and materialized) after the views they read.
std::vector<const View*> ViewsInCreationOrder(const Catalog& catalog);

}  // namespace strata::catalog
