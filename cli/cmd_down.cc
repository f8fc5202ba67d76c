// strata down: roll back applied migrations.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"

namespace strata::cli {

void AddDown(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("down", "roll back applied migrations, newest first");
  auto options = std::make_shared<engine::DownOptions>();
  auto* steps = cmd->add_option("--steps", options->steps, "how many to roll back (default: 1)");
  auto* to =
      cmd->add_option("--to", options->target, "roll back every migration newer than this version");
  auto* all = cmd->add_flag("--all", options->all, "roll back every applied migration");
  auto* version = cmd->add_option("--version", options->version,
                                  "roll back only this applied migration; newer ones stay applied");
  steps->excludes(to)->excludes(all)->excludes(version);
  to->excludes(all)->excludes(version);
  all->excludes(version);
  auto phase = std::make_shared<std::string>();
  cmd->add_option("--phase", *phase,
                  "roll back only this phase of a phased migration (expand, migrate or "
                  "contract); it must be the newest one applied")
      ->check(CLI::IsMember({"expand", "migrate", "contract"}));
  cmd->add_flag("--dry-run", options->dry_run, "print what would run; change nothing");
  cmd->footer(
      "Refused when a migration that stays applied depends on one rolled back (-- Depends:).\n"
      "Warns when no backup was recorded before a migration was applied, or when it was\n"
      "applied more than [rollback] max_age_days (default 30) days ago.\n"
      "Example:\n  strata down --steps 2\n  strata down --version 003 --dry-run\n"
      "  strata down --phase contract");
  cmd->callback([&flags, &exit_code, options, phase] {
    if (!phase->empty()) options->phase = source::ParsePhase(*phase);
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session& s) {
      options->max_age_days = s.settings.rollback_max_age_days;
      return RenderOrFail(engine.Down(*options), flags, [&](const engine::RunReport& run) {
        report::RenderRun(run, "rolled back", FormatOf(flags), std::cout);
      });
    });
  });
}

}  // namespace strata::cli
