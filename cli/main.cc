// strata: safe, versioned schema migrations for PostgreSQL and SQLite.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "base/interrupt.h"
#include "cli/command_line_hint.h"
#include "cli/commands.h"
#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "cli/secrets.h"

namespace {

int Run(int argc, char** argv) {
  using namespace strata::cli;
  strata::InstallInterruptHandlers();
  CLI::App app{"strata: versioned SQL migrations with rollbacks, checksummed history and locking"};
  app.set_version_flag("--version", STRATA_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the command: strata status --json
  app.footer(
      "Exit codes: 0 ok, 1 database or migration error, 2 bad usage or input, 3 a check found "
      "problems, 130/143 stopped by Ctrl-C/SIGTERM.\nThe database comes from --url, else "
      "STRATA_URL, else DATABASE_URL, else strata.toml.\nExample:\n  strata --url sqlite:app.db "
      "up");
  // Everything printed from here on passes through the password redactor.
  RedactOutput redact_output;
  GlobalFlags flags;
  app.add_option("--url", flags.url, "database URL: " + UrlForms());
  app.add_option_function<std::string>(
      "--config",
      [&flags](const std::string& path) {
        flags.config = path;
        flags.config_given = true;
      },
      "config file (default: strata.toml)");
  app.add_option("--dir", flags.dir, "migrations directory (default: migrations)");
  app.add_option("--stream", flags.stream, "history stream of this directory (default: main)");
  app.add_option("--history-table", flags.history_table,
                 "history table (default: strata_schema_history)");
  app.add_option("--history-schema", flags.history_schema,
                 "schema of the history table (default: the connection's)");
  app.add_option("--lock-timeout", flags.lock_timeout_s,
                 "seconds to wait for another run's lock (default: 60)")
      ->check(CLI::Range(0, 86400));
  app.add_flag("--json", flags.json, "print JSON");
  app.add_flag("-q,--quiet", flags.quiet, "no progress lines on stderr");

  int exit_code = kExitOk;
  AddInit(app, flags, exit_code);
  AddNew(app, flags, exit_code);
  AddUp(app, flags, exit_code);
  AddDown(app, flags, exit_code);
  AddStatus(app, flags, exit_code);
  AddHistory(app, flags, exit_code);
  AddValidate(app, flags, exit_code);
  AddRepair(app, flags, exit_code);
  AddBaseline(app, flags, exit_code);
  AddAdopt(app, flags, exit_code);
  AddLint(app, flags, exit_code);
  AddPlan(app, flags, exit_code);
  AddSchema(app, flags, exit_code);
  AddDiff(app, flags, exit_code);
  AddDrift(app, flags, exit_code);
  AddGenerate(app, flags, exit_code);
  AddDevDb(app, flags, exit_code);
  AddVerify(app, flags, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string hint = HintFor(app, std::vector<std::string>(argv + 1, argv + argc));
    if (hint.empty()) {
      app.exit(e);
    } else {
      std::cerr << "error: " << hint << "\nRun with --help for more information.\n";
    }
    return kExitBadInput;
  } catch (const std::exception& e) {
    // Errors are values (Status); an exception here is a bug, reported in one line.
    std::cerr << "strata: internal error: " << e.what() << "\n";
    return kExitFailure;
  } catch (...) {
    std::cerr << "strata: internal error: an unknown exception\n";
    return kExitFailure;
  }
  // A command that finished its work anyway (the signal came between two steps
  // that do not look) still says it was stopped.
  if (strata::Interrupted() && exit_code != ExitInterrupted()) {
    std::cerr << "strata: interrupted\n";
    return ExitInterrupted();
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Run reports what parsing and the commands throw; this is for the rest (from
  // building the command line, or from reporting an error), a bug too. The
  // redactor is gone by now: the message goes through Redact() itself.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "strata: internal error: " << strata::cli::Redact(e.what()) << "\n";
  } catch (...) {
    std::cerr << "strata: internal error: an unknown exception\n";
  }
  return strata::cli::kExitFailure;
}
