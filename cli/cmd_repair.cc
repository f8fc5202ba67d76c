// strata repair: accept approved edits and clear failed entries.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"
#include "engine/engine.h"

namespace strata::cli {

void AddRepair(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "repair",
      "accept the current checksums of applied files and clear failed entries (a failed "
      "no-transaction migration then resumes at its failed statement)");
  cmd->footer("Example:\n  strata repair");
  cmd->callback([&flags, &exit_code] {
    Result<Session> s = OpenSession(flags);
    if (!s.ok()) {
      exit_code = Fail(s.status(), flags);
      return;
    }
    StderrLogger log(flags.quiet);
    engine::Engine engine(*s->conn, s->set, s->settings.engine, log);
    Result<engine::RepairReport> repair = engine.Repair();
    if (!repair.ok()) {
      exit_code = Fail(repair.status(), flags);
      return;
    }
    report::RenderRepair(*repair, FormatOf(flags), std::cout);
  });
}

}  // namespace strata::cli
