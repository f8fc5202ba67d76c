#include "engine/drift.h"

#include <optional>
#include <set>

#include "engine/engine.h"
#include "engine/history.h"
#include "engine/replay.h"

namespace strata::engine {
namespace {

// Whether the effects of `s` are in the target: applied, adopted by a
// baseline, or (a repeatable) run before its latest edit.
bool InTarget(const MigrationStatus& s) {
  return s.migration != nullptr &&
         (s.state == State::kApplied || s.state == State::kBelowBaseline ||
          s.state == State::kRepeatableChanged);
}

// The file of the baseline's own version: the history row stands for it, with
// no file of its own.
const source::Migration* BaselineFile(const Overview& ov, const source::MigrationSet& set) {
  for (const MigrationStatus& s : ov.items) {
    if (s.state != State::kBaseline || !s.row || !s.row->version) continue;
    const std::optional<source::Version> v = source::Version::Parse(*s.row->version);
    if (v) return set.FindVersion(*v);
  }
  return nullptr;
}

}  // namespace

DriftReplay ChooseReplay(const Overview& overview, const source::MigrationSet& set) {
  DriftReplay out;
  std::set<const source::Migration*> applied;
  if (const source::Migration* baseline = BaselineFile(overview, set)) applied.insert(baseline);
  for (const MigrationStatus& m : overview.items) {
    if (InTarget(m)) applied.insert(m.migration);
    if (m.state == State::kPartial) {
      out.warnings.push_back("migration " + m.id() +
                             " is applied only in part (phases); drift compares without it");
    } else if (m.state == State::kMissingFile) {
      out.warnings.push_back("applied migration " + m.id() +
                             " has no file; drift cannot replay it");
    }
  }
  out.migrations.dir = set.dir;
  out.migrations.layout = set.layout;
  for (const source::Migration& m : set.migrations) {
    if (applied.count(&m)) out.migrations.migrations.push_back(m);
  }
  return out;
}

Result<DriftReport> Drift(driver::Connection& target, const source::MigrationSet& set,
                          const DriftOptions& options, const driver::Planner& planner,
                          const FreshDatabase& fresh, Logger& log) {
  NullLogger quiet;  // reading the history logs nothing worth showing
  Engine engine(target, set, options.engine, quiet);
  STRATA_ASSIGN_OR_RETURN(const Overview overview, engine.ReadOverview());
  const DriftReplay replay = ChooseReplay(overview, set);
  for (const std::string& warning : replay.warnings) log.Warn(warning);
  STRATA_ASSIGN_OR_RETURN(const catalog::Catalog expected,
                          Replay(replay.migrations, options.engine, fresh));
  STRATA_ASSIGN_OR_RETURN(const catalog::Catalog live,
                          target.Inspect(WithoutHistoryTables(options.engine)));
  DriftReport out;
  out.replayed = replay.migrations.migrations.size();
  STRATA_ASSIGN_OR_RETURN(out.diff, PlanDiff(expected, live, planner, options.exclude));
  return out;
}

}  // namespace strata::engine
