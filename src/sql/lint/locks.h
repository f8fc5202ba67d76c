// The table lock each statement takes on PostgreSQL (from the documentation of
// each command), for findings and, later, plans.
#pragma once

#include "sql/lint/finding.h"
#include "sql/model.h"

namespace strata::sql::lint {

// The strongest table lock `stmt` takes, and on which table; empty when none
// worth naming (SELECT, SET, ...).
Lock LockOf(const ParsedStatement& stmt);

}  // namespace strata::sql::lint
