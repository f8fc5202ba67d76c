// strata baseline --version V: adopt a database whose schema already exists.
#include <iostream>

#include "cli/commands.h"
#include "cli/session.h"

namespace strata::cli {

void AddBaseline(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "baseline",
      "record VERSION as applied without running anything, to adopt an existing database");
  auto version = std::make_shared<std::string>();
  auto description = std::make_shared<std::string>("baseline");
  cmd->add_option("--version", *version, "the version the existing schema is at")->required();
  cmd->add_option("--description", *description, "description of the baseline row");
  cmd->footer("Example:\n  strata baseline --version 004");
  cmd->callback([&flags, &exit_code, version, description] {
    flags.create_database = true;
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session&) {
      Status st = engine.Baseline(*version, *description);
      if (!st.ok()) return Fail(st, flags);
      std::cout << "baseline " << *version
                << " recorded; migrations up to it will not be applied\n";
      return 0;
    });
  });
}

}  // namespace strata::cli
