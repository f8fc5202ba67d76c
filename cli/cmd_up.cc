// strata up: apply pending migrations.
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "engine/engine.h"

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
    Result<Session> s = OpenSession(flags);
    if (!s.ok()) {
      exit_code = Fail(s.status(), flags);
      return;
    }
    StderrLogger log(flags.quiet);
    engine::Engine engine(*s->conn, s->set, s->settings.engine, log);
    Result<engine::RunReport> run = engine.Up(*options);
    if (!run.ok()) {
      exit_code = Fail(run.status(), flags);
      return;
    }
    report::RenderRun(*run, "applied", FormatOf(flags), std::cout);
  });
}

}  // namespace strata::cli
