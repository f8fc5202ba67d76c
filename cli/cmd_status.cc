// strata status: where each migration stands (exit 3 when one needs attention).
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"

namespace strata::cli {

void AddStatus(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "status",
      "show applied and pending migrations (exit 3 when one failed, stopped midway or has no "
      "file)");
  cmd->footer("Example:\n  strata status --json");
  cmd->callback([&flags, &exit_code] {
    exit_code = WithEngine(
        flags, true,
        [&](engine::Engine& engine, Session& s) {
          Result<engine::Overview> ov = engine.ReadOverview(engine::History::Columns::kStatus);
          if (!ov.ok()) return Fail(ov.status(), flags);
          report::RenderStatus(*ov, s.conn->DisplayTarget(), FormatOf(flags), std::cout);
          // Work stopped midway or failed, history rows that match no file or
          // were edited by hand: a script that checks the exit code must not
          // read that as all well.
          return std::any_of(ov->items.begin(), ov->items.end(),
                             [](const engine::MigrationStatus& m) {
                               return engine::NeedsAttention(m.state) || m.tampered;
                             })
                     ? kExitCheckFailed
                     : kExitOk;
        },
        engine::History::Columns::kStatus);
  });
}

}  // namespace strata::cli
