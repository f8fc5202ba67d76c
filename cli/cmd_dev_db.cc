// strata dev-db start|stop|url: a throwaway local PostgreSQL (cli/dev_db.h).
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/dev_db.h"
#include "cli/exit_codes.h"
#include "cli/session.h"

namespace strata::cli {
namespace {

struct DevDbFlags {
  std::string state = ".strata/dev-db.json";
  std::string bin_dir;
  int port = 0;
};

// The URL alone on stdout, so that `export DATABASE_URL=$(strata dev-db start)` works.
void PrintDevDb(const DevDb& db, const GlobalFlags& flags, std::optional<bool> started) {
  if (!flags.json) {
    std::cout << db.Url() << "\n";
    return;
  }
  nlohmann::ordered_json j = {{"url", db.Url()},
                              {"port", db.port},
                              {"dir", db.dir.string()},
                              {"data_dir", db.DataDir().string()},
                              {"bin_dir", db.bin_dir.string()},
                              {"pid", db.pid}};
  if (started) j["started"] = *started;
  std::cout << j.dump(2) << "\n";
}

void Note(const GlobalFlags& flags, const std::string& message) {
  if (!flags.quiet) std::cerr << message << "\n";
}

int RunStart(const GlobalFlags& flags, const DevDbFlags& df) {
  Result<std::optional<DevDb>> state = ReadDevDbState(df.state);
  if (!state.ok()) return Fail(state.status(), flags);
  if (*state && DevDbRunning(**state)) {
    Note(flags, "a dev database is already running in " + (*state)->dir.string());
    PrintDevDb(**state, flags, false);
    return kExitOk;
  }
  if (*state) {
    // Throwaway by design: a server that stopped (a reboot, a cleaned /tmp) is not revived.
    Note(flags, "the dev database in " + (*state)->dir.string() +
                    " is no longer running; starting a new one");
    Status cleared = StopDevDb(**state, df.state);
    if (!cleared.ok()) return Fail(cleared, flags);
  }
  DevDbOptions options;
  options.state_file = df.state;
  options.bin_dir = df.bin_dir;
  options.port = df.port;
  Result<DevDb> db = StartDevDb(options);
  if (!db.ok()) {
    Status st = db.take_status();
    if (!df.bin_dir.empty() && st.is_not_found()) st = std::move(st).Prefixed("--bin-dir: ");
    return Fail(st, flags);
  }
  Note(flags, "started PostgreSQL in " + db->dir.string() + " (" + db->bin_dir.string() +
                  "); stop it with: strata dev-db stop");
  PrintDevDb(*db, flags, true);
  return kExitOk;
}

int RunUrl(const GlobalFlags& flags, const DevDbFlags& df) {
  Result<std::optional<DevDb>> state = ReadDevDbState(df.state);
  if (!state.ok()) return Fail(state.status(), flags);
  // No server is a failed lookup of the database (exit 1), not bad input.
  if (!*state) {
    return Fail(Status::Database("no dev database is running (no " + df.state +
                                 "); start one with: strata dev-db start"),
                flags);
  }
  if (!DevDbRunning(**state)) {
    return Fail(
        Status::Database("the dev database in " + (*state)->dir.string() +
                         " is no longer running; start a new one with: strata dev-db start"),
        flags);
  }
  PrintDevDb(**state, flags, std::nullopt);
  return kExitOk;
}

int RunStop(const GlobalFlags& flags, const DevDbFlags& df) {
  Result<std::optional<DevDb>> state = ReadDevDbState(df.state);
  if (!state.ok()) return Fail(state.status(), flags);
  const bool running = *state && DevDbRunning(**state);
  if (*state) {
    Status st = StopDevDb(**state, df.state);
    if (!st.ok()) return Fail(st, flags);
  }
  if (flags.json) {
    std::cout << nlohmann::ordered_json{{"stopped", running}}.dump(2) << "\n";
  } else if (running) {
    std::cout << "stopped the dev database and removed " << (*state)->dir.string() << "\n";
  } else {
    std::cout << "no dev database is running\n";
  }
  return kExitOk;
}

}  // namespace

void AddDevDb(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* dev_db = app.add_subcommand(
      "dev-db", "a throwaway local PostgreSQL (needs the server binaries, not Docker)");
  dev_db->require_subcommand(1);
  dev_db->footer(
      "The state file .strata/dev-db.json (in the current directory) finds it again.\n"
      "Example:\n"
      "  strata dev-db start && strata --url \"$(strata dev-db url)\" up && strata dev-db stop");
  auto df = std::make_shared<DevDbFlags>();
  const auto add_state = [&df](CLI::App* cmd) {
    cmd->add_option("--state", df->state, "the state file (default: .strata/dev-db.json)");
  };

  auto* start = dev_db->add_subcommand(
      "start", "initdb and start PostgreSQL in a temporary directory; print its URL");
  start->add_option("--bin-dir", df->bin_dir,
                    "where initdb and pg_ctl are (default: pg_config --bindir, else the newest "
                    "/usr/lib/postgresql/N/bin)");
  start->add_option("--port", df->port, "TCP port on 127.0.0.1 (default: a free one)")
      ->check(CLI::Range(1, 65535));
  add_state(start);
  start->footer(
      "Listens on 127.0.0.1 only, user postgres without a password. As root, the server runs\n"
      "as the system user strata-pg (created if missing). Already running: prints its URL.\n"
      "Example:\n  export DATABASE_URL=$(strata dev-db start) && strata up");
  start->callback([&flags, &exit_code, df] { exit_code = RunStart(flags, *df); });

  auto* url = dev_db->add_subcommand("url", "print the URL of the running dev database");
  add_state(url);
  url->footer(
      "Exit code 1 when none is running.\n"
      "Example:\n  strata --url \"$(strata dev-db url)\" status");
  url->callback([&flags, &exit_code, df] { exit_code = RunUrl(flags, *df); });

  auto* stop = dev_db->add_subcommand("stop", "stop the dev database and delete its data");
  add_state(stop);
  stop->footer("Nothing running is not an error.\nExample:\n  strata dev-db stop");
  stop->callback([&flags, &exit_code, df] { exit_code = RunStop(flags, *df); });
}

}  // namespace strata::cli
