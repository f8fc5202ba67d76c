// strata drift: does the target's schema still match what its applied
// migrations produce? Replays them in a shadow database and compares.
#include <iostream>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/schema_source.h"
#include "cli/session.h"

namespace strata::cli {
namespace {

struct DriftFlags {
  std::string shadow_url;
  std::vector<std::string> exclude;
};

// Whether the effects of `s` are in the target: applied, adopted by a
// baseline, or (a repeatable) run before its latest edit.
bool InTarget(const engine::MigrationStatus& s) {
  using engine::State;
  return s.migration != nullptr &&
         (s.state == State::kApplied || s.state == State::kBelowBaseline ||
          s.state == State::kRepeatableChanged);
}

// The file of the baseline's own version: `baseline --version V` says the
// database holds everything up to and including V, so V is replayed too
// (the history row stands for it, with no file of its own).
const source::Migration* BaselineFile(const engine::Overview& ov, const source::MigrationSet& set) {
  for (const engine::MigrationStatus& s : ov.items) {
    if (s.state != engine::State::kBaseline || !s.row || !s.row->version) continue;
    const std::optional<source::Version> v = source::Version::Parse(*s.row->version);
    if (v) return set.FindVersion(*v);
  }
  return nullptr;
}

int Drift(engine::Engine& engine, Session& s, const GlobalFlags& flags, const DriftFlags& df) {
  Result<engine::Overview> overview = engine.Inspect();
  if (!overview.ok()) return Fail(overview.status(), flags);
  StderrLogger log(flags.quiet);
  std::set<const source::Migration*> applied;
  if (const source::Migration* baseline = BaselineFile(*overview, s.set)) applied.insert(baseline);
  for (const engine::MigrationStatus& m : overview->items) {
    if (InTarget(m)) applied.insert(m.migration);
    if (m.state == engine::State::kPartial) {
      log.Warn("migration " + m.id() +
               " is applied only in part (phases); drift compares "
               "without it");
    } else if (m.state == engine::State::kMissingFile) {
      log.Warn("applied migration " + m.id() + " has no file; drift cannot replay it");
    }
  }
  source::MigrationSet replay;
  replay.dir = s.set.dir;
  replay.layout = s.set.layout;
  for (const source::Migration& m : s.set.migrations) {
    if (applied.count(&m)) replay.migrations.push_back(m);
  }
  SourceReader reader(s.settings, df.shadow_url);
  Result<catalog::Catalog> expected = reader.Replay(replay, s.settings.url);
  if (!expected.ok()) return Fail(expected.status(), flags);
  // The session's own connection: no second one to the target.
  Result<catalog::Catalog> live = reader.ReadDatabase(*s.conn);
  if (!live.ok()) return Fail(live.status(), flags);
  std::vector<std::string> exclude = s.settings.drift_exclude;
  exclude.insert(exclude.end(), df.exclude.begin(), df.exclude.end());
  Result<report::DiffReport> diff = PlanDiff(*expected, *live, exclude);
  if (!diff.ok()) return Fail(diff.status(), flags);
  diff->from = std::to_string(replay.migrations.size()) + " applied migration(s) of " + s.set.dir;
  diff->to = "database " + s.conn->DisplayTarget();
  if (flags.json) {
    std::cout << report::DiffJson(*diff);
  } else if (diff->changes.empty()) {
    std::cout << "No drift: " << diff->to << " matches its " << diff->from << ".\n";
  } else {
    std::cout << "Drift: " << diff->to << " differs from its " << diff->from << ":\n"
              << report::ChangeLines(diff->changes, "  ") << diff->changes.size()
              << " difference(s). Made by hand or by another tool? "
              << "Write a migration for them, or exclude them in strata.toml ([drift] exclude).\n";
  }
  return diff->changes.empty() ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddDrift(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "drift", "compare the target's schema with what its applied migrations produce");
  auto df = std::make_shared<DriftFlags>();
  cmd->add_option("--shadow-url", df->shadow_url,
                  "where the applied migrations are replayed (default: a scratch database on "
                  "the target's server; SQLite: memory)");
  cmd->add_option("--exclude", df->exclude,
                  "a name pattern to leave out, e.g. 'audit.*' (repeatable; also [drift] "
                  "exclude in strata.toml)");
  cmd->footer(
      "Lists each object the database has, lacks or holds differently (+ only in the\n"
      "database, - only in the migrations, ~ different). Exit 3 when there is drift.\n"
      "Example:\n  strata --url postgres://app@prod/app drift");
  cmd->callback([&flags, &exit_code, df] {
    exit_code = WithEngine(flags, /*silent=*/true, [&](engine::Engine& engine, Session& s) {
      return Drift(engine, s, flags, *df);
    });
  });
}

}  // namespace strata::cli
