// strata validate: do the history and the files agree?
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"

namespace strata::cli {

void AddValidate(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "validate",
      "check applied files against their checksums, missing files and out-of-order pending "
      "migrations (exit 3 on a problem)");
  cmd->footer("Example:\n  strata validate --json");
  cmd->callback([&flags, &exit_code] {
    exit_code = WithEngine(
        flags, true,
        [&](engine::Engine& engine, Session&) {
          Result<std::vector<engine::Problem>> problems = engine.Validate();
          if (!problems.ok()) return Fail(problems.status(), flags);
          report::RenderProblems(*problems, FormatOf(flags), std::cout);
          const bool errors = std::any_of(
              problems->begin(), problems->end(),
              [](const engine::Problem& p) { return p.severity == engine::Severity::kError; });
          return errors ? kExitCheckFailed : kExitOk;
        },
        engine::History::Columns::kAll);
  });
}

}  // namespace strata::cli
