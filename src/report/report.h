// Renderings of what the engine returns: text for people, JSON for tools. No
// database access; everything arrives as values and leaves through `out`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/engine.h"

namespace strata::report {

enum class Format { kText, kJson };

void RenderStatus(const engine::Overview& ov, const std::string& target, Format format,
                  std::ostream& out);
void RenderHistory(const std::vector<engine::HistoryRow>& rows, Format format, std::ostream& out);
void RenderProblems(const std::vector<engine::Problem>& problems, Format format, std::ostream& out);
// `verb` is "applied" or "rolled back".
// One line of backfill progress: with `bar`, a bar for a terminal
// ("[#####.....]  52%  5200000 rows  48000 rows/s  1m40s left"), else plain words.
std::string ProgressLine(const engine::BackfillTick& tick, bool bar);

void RenderRun(const engine::RunReport& run, const std::string& verb, Format format,
               std::ostream& out);
void RenderRepair(const engine::RepairReport& repair, Format format, std::ostream& out);
// An error as the last thing a failing command prints.
void RenderError(const Status& status, Format format, std::ostream& out);

}  // namespace strata::report
