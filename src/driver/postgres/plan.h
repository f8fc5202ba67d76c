// The PostgreSQL planner (driver/plan.h): SQL text from catalog values.
//
// SchemaSql writes a psql script (psql -f) in dependency order: settings
// (empty search_path, no function body checks), schemas, extensions, enums,
// domains, composite types, sequences, functions and procedures, domain
// defaults and checks, tables (partition and INHERITS parents first), sequence
// ownership, functions that use table row types, constraints, views in
// dependency order (materialized ones WITH NO DATA), functions that use views,
// indexes, foreign keys, triggers, row-level security flags, policies, comments. Names are quoted
// only where quote_ident() would quote them, so the script reads like the
// server's own renderings.
//
// PlanChanges writes the statements of a diff (plan_changes.cc).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "driver/plan.h"

namespace strata::driver::postgres {

// What Planner::SchemaSql of NewPlanner() returns; `catalog` in canonical order.
std::string SchemaSql(const catalog::Catalog& catalog);

// What Planner::PlanChanges of NewPlanner() returns (plan_changes.cc).
std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                          const catalog::Catalog& from, const catalog::Catalog& to);

// What Planner::DiffRules of NewPlanner() returns: everything alters in place
// (a table whose partitioning changes is created anew by the diff itself);
// foreign keys hang on the referenced table's unique index.
const diff::Rules& DiffRules();

std::unique_ptr<Planner> NewPlanner();

}  // namespace strata::driver::postgres
