// The plan seam: SQL text rendered per dialect from catalog values, without a
// connection. A dump of a live database, a dump of a snapshot file and the
// statements of a diff all render here, so none of them needs to connect,
// and the engine, the reports and the CLI commands never write dialect SQL.
//
// Rendering is not a presentation (that is report/): its output is run by a
// database (psql -f, sqlite3 <) and read back by later tools.
//
// How to implement a planner for a new database:
//  1. Add src/driver/<name>/plan.h/.cc beside its driver.cc, with a class
//     implementing Planner and a factory NewPlanner(); shared SQL text helpers
//     (quoting names and literals) are in driver/sql_text.h.
//  2. Implement diff::Rules there too: what the dialect can alter in place.
//  3. Render only from the values given: no connection, no environment, and
//     the same bytes for the same input.
//  4. Register the factory in cli/connect.cc (PlannerFor), beside the driver.
//
// Thread-safety: a Planner holds no state; any thread may use it.
#pragma once

#include <string>
#include <vector>

#include "base/dialect.h"
#include "catalog/catalog.h"
#include "catalog/change.h"
#include "diff/diff.h"

namespace strata::driver {

// One statement of a change plan, without its ';'.
struct PlannedStatement {
  std::string sql;
  // false: it cannot run inside a transaction block (CREATE INDEX
  // CONCURRENTLY, ALTER TYPE ... ADD VALUE); a migration holding it needs
  // -- strata:no-transaction.
  bool transactional = true;
  bool destructive = false;  // it loses data (catalog::Change::destructive)
  std::string note;          // for people: why it is destructive, or how it is made safe
};

class Planner {
 public:
  virtual ~Planner() = default;

  virtual Dialect dialect() const = 0;

  // A script that recreates `catalog` in an empty database, every object after
  // what it depends on. The caller guarantees that `catalog` is of this
  // dialect and in canonical order (catalog::SortCanonically; Connection::Inspect
  // returns it so).
  virtual std::string SchemaSql(const catalog::Catalog& catalog) const = 0;

  // The dialect's answers to the diff walk (diff/diff.h).
  virtual const diff::Rules& DiffRules() const = 0;

  // The statements that apply `changes` (diff::Diff(from, to, DiffRules()))
  // to a database holding `from`, in the order given, preferring forms that
  // keep the database available (PostgreSQL: CREATE INDEX CONCURRENTLY,
  // constraints added NOT VALID and then validated). Both catalogs of this
  // dialect and in canonical order.
  virtual std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                                    const catalog::Catalog& from,
                                                    const catalog::Catalog& to) const = 0;
};

}  // namespace strata::driver
