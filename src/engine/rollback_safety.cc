#include "engine/rollback_safety.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "source/graph.h"

namespace strata::engine {

Status MissingRollback(const source::Migration& m, source::Layout layout,
                       const std::vector<source::Phase>& phases) {
  if (m.is_phased()) {
    for (source::Phase wanted : phases) {
      if (m.FindPhase(wanted) == nullptr) {
        return Status::Conflict("its applied " + std::string(source::PhaseName(wanted)) +
                                " phase is no longer in the file")
            .WithFile(m.up.path);
      }
    }
    for (const source::PhaseScripts& p : m.phases) {
      const bool wanted =
          phases.empty() || std::find(phases.begin(), phases.end(), p.phase) != phases.end();
      if (p.down || !wanted) continue;
      const std::string phase = source::PhaseName(p.phase);
      return Status::Conflict("its " + phase + " phase has no rollback (add a -- strata:" + phase +
                              ":down section)")
          .WithFile(m.up.path);
    }
    return Status::Ok();
  }
  if (m.down) return Status::Ok();
  std::string where;
  switch (layout) {
    case source::Layout::kNumbered:
    case source::Layout::kTimestamped:
      where = "rollback/" + m.id + "_rollback.sql or a -- strata:down section";
      break;
    case source::Layout::kGolangMigrate:
      where = "a " + m.id + "_<name>.down.sql file or a -- strata:down section";
      break;
    case source::Layout::kFlyway:
      where = "a U" + m.id + "__<description>.sql file or a -- strata:down section";
      break;
    case source::Layout::kSqitch:
      where = "revert/" + m.description + ".sql";
      break;
    case source::Layout::kLiquibase:
      where = "a --rollback line to its changeset";
      break;
  }
  return Status::Conflict("it has no rollback (add " + where + ")").WithFile(m.up.path);
}

std::vector<StayingDependents> FindStayingDependents(
    const source::MigrationSet& set, const std::vector<const source::Migration*>& leaving,
    const std::vector<const source::Migration*>& staying) {
  const std::vector<source::Migration>& all = set.migrations;
  auto index_of = [&](const source::Migration* m) { return static_cast<size_t>(m - all.data()); };
  std::vector<StayingDependents> out;
  out.reserve(leaving.size());
  for (const source::Migration* m : leaving) out.push_back(StayingDependents{m, {}});
  for (const source::Migration* s : staying) {
    // Everything `s` needs, through any number of -- Depends: hops.
    std::vector<bool> needed(all.size(), false);
    std::vector<size_t> unvisited = source::DependencyIndexes(all, *s);
    while (!unvisited.empty()) {
      const size_t i = unvisited.back();
      unvisited.pop_back();
      if (needed[i]) continue;
      needed[i] = true;
      for (size_t d : source::DependencyIndexes(all, all[i])) unvisited.push_back(d);
    }
    for (StayingDependents& l : out) {
      if (needed[index_of(l.migration)]) l.dependents.push_back(s->id);
    }
  }
  std::erase_if(out, [](const StayingDependents& l) { return l.dependents.empty(); });
  return out;
}

std::optional<int64_t> DaysSince(std::string_view applied_at,
                                 std::chrono::system_clock::time_point now) {
  // The engine writes "YYYY-MM-DDTHH:MM:SSZ"; a row edited by hand may use a space.
  const std::string text(applied_at);
  std::tm tm{};
  char sep = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &sep, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 7 ||
      (sep != 'T' && sep != ' ')) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const std::time_t applied = timegm(&tm);
  const auto age = now - std::chrono::system_clock::from_time_t(applied);
  return std::chrono::duration_cast<std::chrono::hours>(age).count() / 24;
}

}  // namespace strata::engine
