// strata down: roll back applied migrations.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"

namespace strata::cli {

void AddDown(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("down", "roll back applied migrations, newest first");
  auto options = std::make_shared<engine::DownOptions>();
  auto* steps = cmd->add_option("--steps", options->steps, "how many to roll back (default: 1)");
  auto* to = cmd->add_option("--to", options->target, "roll back every migration newer than this version");
  auto* all = cmd->add_flag("--all", options->all, "roll back every applied migration");
  steps->excludes(to)->excludes(all);
  to->excludes(all);
  cmd->add_flag("--dry-run", options->dry_run, "print what would run; change nothing");
  cmd->footer("Example:\n  strata down --steps 2");
  cmd->callback([&flags, &exit_code, options] {
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session&) {
      return RenderOrFail(engine.Down(*options), flags, [&](const engine::RunReport& run) {
        report::RenderRun(run, "rolled back", FormatOf(flags), std::cout);
      });
    });
  });
}

}  // namespace strata::cli
