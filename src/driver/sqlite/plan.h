// The SQLite planner (driver/plan.h): SQL text from catalog values.
//
// SchemaSql writes a script for sqlite3 < dump.sql: tables (with their
// constraints inline: SQLite cannot add them later, and does not check a
// foreign key's parent until it is used), indexes, views, triggers. Names are
// always double-quoted.
//
// PlanChanges writes the statements of a diff (plan_changes.cc): a table that
// cannot be altered in place is rebuilt, keeping its rows.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "driver/plan.h"

namespace strata::driver::sqlite {

// What Planner::SchemaSql of NewPlanner() returns; `catalog` in canonical order.
std::string SchemaSql(const catalog::Catalog& catalog);

// What Planner::PlanChanges of NewPlanner() returns (plan_changes.cc).
std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                          const catalog::Catalog& from, const catalog::Catalog& to);

// What Planner::DiffRules of NewPlanner() returns: a table is rebuilt unless
// the change is columns added in the forms ALTER TABLE ADD COLUMN accepts.
const diff::Rules& DiffRules();

std::unique_ptr<Planner> NewPlanner();

}  // namespace strata::driver::sqlite
