// strata repair: accept approved edits and clear failed entries.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"

namespace strata::cli {

void AddRepair(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "repair",
      "accept the current checksums of applied files and clear failed entries (a failed "
      "no-transaction migration then resumes at its failed statement)");
  cmd->footer("Example:\n  strata repair");
  cmd->callback([&flags, &exit_code] {
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session&) {
      return RenderOrFail(engine.Repair(), flags, [&](const engine::RepairReport& repair) {
        report::RenderRepair(repair, FormatOf(flags), std::cout);
      });
    });
  });
}

}  // namespace strata::cli
