// The SQLite planner (driver/plan.h): SQL text from catalog values.
//
// SchemaSql writes a script for sqlite3 < dump.sql: tables (with their
// constraints inline: SQLite cannot add them later, and does not check a
// foreign key's parent until it is used), indexes, views, triggers. Names are
// always double-quoted.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "driver/plan.h"

namespace strata::driver::sqlite {

// What Planner::SchemaSql of NewPlanner() returns; `catalog` in canonical order.
std::string SchemaSql(const catalog::Catalog& catalog);

std::unique_ptr<Planner> NewPlanner();

}  // namespace strata::driver::sqlite
