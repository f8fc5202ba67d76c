// strata status: where each migration stands.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"
#include "engine/engine.h"

namespace strata::cli {

void AddStatus(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("status", "show applied and pending migrations");
  cmd->footer("Example:\n  strata status --json");
  cmd->callback([&flags, &exit_code] {
    Result<Session> s = OpenSession(flags);
    if (!s.ok()) {
      exit_code = Fail(s.status(), flags);
      return;
    }
    engine::NullLogger log;
    engine::Engine engine(*s->conn, s->set, s->settings.engine, log);
    Result<engine::Overview> ov = engine.Inspect();
    if (!ov.ok()) {
      exit_code = Fail(ov.status(), flags);
      return;
    }
    report::RenderStatus(*ov, s->conn->DisplayTarget(), FormatOf(flags), std::cout);
  });
}

}  // namespace strata::cli
