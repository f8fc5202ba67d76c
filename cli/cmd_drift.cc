// strata drift: does the target's schema still match what its applied
// migrations produce? engine/drift.h replays them in a scratch database and
// compares; this file reads the flags and renders the result.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "cli/schema_source.h"
#include "cli/session.h"
#include "engine/drift.h"

namespace strata::cli {
namespace {

struct DriftFlags {
  std::string shadow_url;
  std::vector<std::string> exclude;
};

int Drift(Session& s, const GlobalFlags& flags, const DriftFlags& df) {
  SourceReader reader(s.settings, df.shadow_url);
  engine::DriftOptions options;
  options.engine = s.settings.engine;
  options.exclude = s.settings.drift_exclude;
  options.exclude.insert(options.exclude.end(), df.exclude.begin(), df.exclude.end());
  StderrLogger log(flags.quiet);
  // The session's own connection: no second one to the target.
  Result<engine::DriftReport> drift = engine::Drift(
      *s.conn, s.set, options, *PlannerFor(s.conn->dialect()), reader.Fresh(s.settings.url), log);
  if (!drift.ok()) return Fail(drift.status(), flags);
  report::DiffReport diff;
  diff.from = std::to_string(drift->replayed) + " applied migration(s) of " + s.set.dir;
  diff.to = "database " + s.conn->DisplayTarget();
  diff.changes = std::move(drift->diff.changes);
  diff.plan = std::move(drift->diff.plan);
  if (flags.json) {
    std::cout << report::DiffJson(diff);
  } else if (diff.changes.empty()) {
    std::cout << "No drift: " << diff.to << " matches its " << diff.from << ".\n";
  } else {
    std::cout << "Drift: " << diff.to << " differs from its " << diff.from << ":\n"
              << report::ChangeLines(diff.changes, "  ") << diff.changes.size()
              << " difference(s). Made by hand or by another tool? "
              << "Write a migration for them, or exclude them in strata.toml ([drift] exclude).\n";
  }
  return diff.changes.empty() ? kExitOk : kExitCheckFailed;
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
    exit_code = WithEngine(flags, /*silent=*/true,
                           [&](engine::Engine&, Session& s) { return Drift(s, flags, *df); });
  });
}

}  // namespace strata::cli
