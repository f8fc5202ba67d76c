#include "source/migration.h"

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

const PhaseScripts* Migration::FindPhase(Phase phase) const {
  for (const PhaseScripts& p : phases) {
    if (p.phase == phase) return &p;
  }
  return nullptr;
}

}  // namespace strata::source
