// Renderings of a diff: its changes for people (text) and machines (JSON), and
// its plan as a script (SQL).
#pragma once

#include <string>
#include <vector>

#include "catalog/change.h"
#include "driver/plan.h"

namespace strata::report {

struct DiffReport {
  std::string from;  // what was compared, for people ("database postgres://app@db/app")
  std::string to;
  catalog::Changes changes;
  std::vector<driver::PlannedStatement> plan;
};

// "+ table public.users", "~ column public.t.c (type: integer -> bigint)", with
// destructive ones marked; then the plan. "No differences" when there are none.
std::string DiffText(const DiffReport& diff);
// {"from", "to", "changes": [{action, object, name, details, destructive,
// reason}], "plan": [{sql, transactional, destructive, note}], "destructive": n}
std::string DiffJson(const DiffReport& diff);
// The plan alone, each statement ending in ";" and a line end, destructive
// ones preceded by a "-- destructive: ..." comment; a comment line when empty.
std::string PlanSql(const std::vector<driver::PlannedStatement>& plan);
// One line per change, as in DiffText, each starting with `indent`.
std::string ChangeLines(const catalog::Changes& changes, const std::string& indent);
// One change as in ChangeLines, without indent, line end or destructive mark,
// `note` added to its details: "+ index public.orders_idx (left behind)",
// "~ column public.t.c (type: integer -> bigint)".
std::string ChangeLine(const catalog::Change& change, const std::string& note = "");

}  // namespace strata::report
