// strata up: apply pending migrations.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"

namespace strata::cli {

void AddUp(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("up", "apply pending migrations, each in its own transaction");
  auto options = std::make_shared<engine::UpOptions>();
  cmd->add_option("--to", options->target, "stop after this version");
  cmd->add_flag("--dry-run", options->dry_run, "print what would run; change nothing");
  cmd->add_flag("--allow-out-of-order", options->allow_out_of_order,
                "apply pending migrations older than the newest applied one");
  cmd->footer("Example:\n  strata up --to 004 --dry-run");
  cmd->callback([&flags, &exit_code, options] {
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session&) {
      return RenderOrFail(engine.Up(*options), flags, [&](const engine::RunReport& run) {
        report::RenderRun(run, "applied", FormatOf(flags), std::cout);
      });
    });
  });
}

}  // namespace strata::cli
