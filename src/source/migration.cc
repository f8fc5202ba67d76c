#include "source/migration.h"

#include <algorithm>

#include "base/strings.h"

namespace strata::source {

const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kExpand:
      return "expand";
    case Phase::kMigrate:
      return "migrate";
    case Phase::kContract:
      return "contract";
  }
  return "expand";
}

std::optional<Phase> ParsePhase(std::string_view name) {
  for (Phase p : kAllPhases) {
    if (name == PhaseName(p)) return p;
  }
  return std::nullopt;
}

std::string PhaseList(const std::vector<Phase>& phases, std::string_view separator) {
  std::string out;
  for (Phase p : phases) {
    if (!out.empty()) out += separator;
    out += PhaseName(p);
  }
  return out;
}

const Backfill* Script::BackfillBefore(size_t statement_offset, size_t previous_end) const {
  const Backfill* found = nullptr;
  for (const Backfill& b : backfills) {
    if (b.offset >= previous_end && b.offset < statement_offset) found = &b;
  }
  return found;
}

Script::Place Script::LocateLine(int sql_line) const {
  if (origins.empty()) return Place{path, first_line + sql_line - 1, 1};
  // The last origin at or before the line; origins are in line order.
  auto after =
      std::upper_bound(origins.begin(), origins.end(), sql_line,
                       [](int line, const LineOrigin& origin) { return line < origin.sql_line; });
  if (after == origins.begin()) return Place{path, sql_line, 1};
  const LineOrigin& o = *(after - 1);
  return Place{o.path, o.file_line + sql_line - o.sql_line, 1};
}

Script::Place Script::Locate(size_t offset) const {
  const LineColumn at = LocateOffset(sql, offset);
  Place place = LocateLine(at.line);
  place.column = at.column;
  return place;
}

const PhaseScripts* Migration::FindPhase(Phase phase) const {
  for (const PhaseScripts& p : phases) {
    if (p.phase == phase) return &p;
  }
  return nullptr;
}

}  // namespace strata::source
