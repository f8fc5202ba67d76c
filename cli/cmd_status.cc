// strata status: where each migration stands.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"

namespace strata::cli {

void AddStatus(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("status", "show applied and pending migrations");
  cmd->footer("Example:\n  strata status --json");
  cmd->callback([&flags, &exit_code] {
    exit_code = WithEngine(flags, true, [&](engine::Engine& engine, Session& s) {
      return RenderOrFail(engine.Inspect(engine::History::Columns::kStatus), flags,
                          [&](const engine::Overview& ov) {
                            report::RenderStatus(ov, s.conn->DisplayTarget(), FormatOf(flags),
                                                 std::cout);
                          });
    }, engine::History::Columns::kStatus);
  });
}

}  // namespace strata::cli
