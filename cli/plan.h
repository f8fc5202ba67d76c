// What `strata plan` and `strata up --dry-run` print: the dry run of `up` as a
// plan to review (statements, locks, table sizes, lint findings, metadata).
#pragma once

#include "cli/config.h"
#include "cli/session.h"
#include "engine/engine.h"
#include "engine/options.h"
#include "report/plan_report.h"

namespace strata::cli {

// --phase of up and plan: "expand", "migrate", "contract"; anything else is all
// (CLI11 has already refused other words).
engine::PhaseChoice PhaseChoiceNamed(const std::string& name);

// Text, or JSON with the global --json.
report::PlanFormat PlanFormatOf(const GlobalFlags& flags);

// Runs `options` as a dry run (whatever its dry_run says), lints the files of
// its steps against the target, reads the target's table sizes, and prints the
// plan in `format` on stdout. Changes nothing in the database: a dry run takes
// no run lock and creates no history table. Returns the exit code.
int PrintPlan(engine::Engine& engine, Session& s, engine::UpOptions options,
              report::PlanFormat format, const GlobalFlags& flags);

}  // namespace strata::cli
