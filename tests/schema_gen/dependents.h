// Keeping a mutated schema description valid: after the mutator removes a
// table, column, key or view, whatever used it has to go too, as PostgreSQL's
// DROP ... CASCADE would take it (generated columns, constraints, foreign keys
// of other tables, views, indexes).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "tests/schema_gen/model.h"

namespace strata::schema_gen {

// Removes what refers to something `schema` no longer has, until nothing more
// changes (a dropped view takes the views that read it, and so on).
void RemoveDependents(Schema& schema);

bool Contains(const std::vector<std::string>& names, const std::string& name);
// True when `a` and `b` hold the same names in any order.
bool SameSet(std::vector<std::string> a, std::vector<std::string> b);

}  // namespace strata::schema_gen
