// strata history: the rows of the history table.
#include <iostream>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/connect.h"
#include "cli/session.h"
#include "engine/history.h"

namespace strata::cli {

void AddHistory(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("history", "list the history table, oldest first");
  cmd->footer("Example:\n  strata history --json");
  cmd->callback([&flags, &exit_code] {
    // The history needs no migrations directory, so it works from anywhere.
    Result<Settings> settings = LoadSettings(flags);
    if (!settings.ok()) {
      exit_code = Fail(settings.status(), flags);
      return;
    }
    const driver::ConnectOptions options = ConnectOptionsFor(*settings);
    Result<std::unique_ptr<driver::Connection>> conn = Connect(options);
    if (!conn.ok()) {
      exit_code = Fail(conn.status(), flags);
      return;
    }
    engine::History history(**conn, settings->engine);
    exit_code =
        RenderOrFail(history.Load(), flags, [&](const std::vector<engine::HistoryRow>& rows) {
          report::RenderHistory(rows, FormatOf(flags), std::cout);
        });
  });
}

}  // namespace strata::cli
