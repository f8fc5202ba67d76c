// The plan seam: SQL text rendered per dialect from catalog values, without a
// connection. A dump of a live database, a dump of a snapshot file and (next)
// the statements of a diff all render here, so none of them needs to connect,
// and the engine, the reports and the CLI commands never write dialect SQL.
//
// Rendering is not a presentation (that is report/): its output is run by a
// database (psql -f, sqlite3 <) and read back by later tools.
//
// How to implement a planner for a new database:
//  1. Add src/driver/<name>/plan.h/.cc beside its driver.cc, with a class
//     implementing Planner and a factory NewPlanner(); shared SQL text helpers
//     (quoting names and literals) are in driver/sql_text.h.
//  2. Render only from the values given: no connection, no environment, and
//     the same bytes for the same input.
//  3. Register the factory in cli/connect.cc (PlannerFor), beside the driver.
//
// Thread-safety: a Planner holds no state; any thread may use it.
#pragma once

#include <string>

#include "base/dialect.h"
#include "catalog/catalog.h"

namespace strata::driver {

class Planner {
 public:
  virtual ~Planner() = default;

  virtual Dialect dialect() const = 0;

  // A script that recreates `catalog` in an empty database, every object after
  // what it depends on. The caller guarantees that `catalog` is of this
  // dialect and in canonical order (catalog::SortCanonically; Connection::Inspect
  // returns it so).
  virtual std::string SchemaSql(const catalog::Catalog& catalog) const = 0;
};

}  // namespace strata::driver
