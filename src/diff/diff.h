// The diff: catalog x catalog -> Changes, in an order that can be applied.
//
// One generic walk pairs the objects of two catalogs by name, records what was
// created, dropped or altered, and adds what the databases require around it:
// a view that reads a table whose columns change or that is dropped is dropped
// first and created again afterwards; foreign keys that bind to a key being
// dropped are dropped and added again. What differs between dialects is asked
// of a small Rules interface, which each dialect folder implements beside its
// planner (driver/<dialect>/plan.cc).
//
// The order of the result (each phase's objects in dependency order):
//   1. drops of dependents: policies, triggers, views (readers first),
//      functions that use tables, indexes, foreign keys, other constraints;
//   2. schemas, extensions; 3. types: enums, domains, composite types;
//   4. sequences; 5. functions that use no table, then new domains' defaults
//   and checks (which may call them); 6. tables (parents first), then table
//   and column alterations and added columns; 7. sequence ownership;
//   8. functions that use tables; 9. constraints; 10. views, functions that
//   use views; 11. indexes, then foreign keys (which may rest on a unique
//   index); 12. triggers, policies; 13. drops of what holds data or is used:
//   columns, tables (children first), dropped domains' defaults and checks,
//   functions, sequences, types, extensions, schemas.
// Column order is not compared: a column added to an existing table comes last.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/change.h"

namespace strata::diff {

// The dialect's answers to what the walk cannot decide alone.
//
// How to implement Rules for a new database:
//  1. Put it in src/driver/<name>/plan.cc and return it from the Planner.
//  2. Answer from the values given only; no connection.
class Rules {
 public:
  virtual ~Rules() = default;
  // Whether turning `from` into `to` (same name) needs the table created anew
  // with its rows copied, instead of ALTER TABLE statements.
  virtual bool NeedsRebuild(const catalog::Table& from, const catalog::Table& to) const = 0;
  // Whether values of type `from` can be lost or changed when the column
  // becomes `to` (a narrowing, or a conversion that can fail).
  virtual bool TypeChangeLosesData(const std::string& from, const std::string& to) const = 0;
  // Whether a foreign key depends on the referenced table's unique index, so
  // that dropping that key needs the foreign key dropped first (PostgreSQL).
  virtual bool ForeignKeysBindToKeys() const = 0;
};

// What the objects named in `excluded` patterns leave out of both catalogs.
struct DiffOptions {
  // Glob patterns ("*" and "?") on qualified names ("audit.*", "public.legacy_*",
  // "*.tmp_*"); for SQLite, on the bare name. Excluded tables take their
  // columns, constraints, indexes, triggers and policies with them; a column
  // or constraint alone is "schema.table.name".
  std::vector<std::string> exclude;
};

// The changes that turn `from` into `to`; empty when they describe the same
// schema. Both catalogs in canonical order (catalog::SortCanonically).
catalog::Changes Diff(const catalog::Catalog& from, const catalog::Catalog& to, const Rules& rules,
                      const DiffOptions& options = {});

// `catalog` without the objects `patterns` exclude (see DiffOptions::exclude).
catalog::Catalog WithoutExcluded(const catalog::Catalog& catalog,
                                 const std::vector<std::string>& patterns);

// Whether `name` matches the glob `pattern` ("*" any run, "?" one character).
bool GlobMatch(std::string_view pattern, std::string_view name);

}  // namespace strata::diff
