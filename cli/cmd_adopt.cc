// strata adopt: record what another tool (Flyway, golang-migrate, dbmate,
// sqitch, Liquibase) applied, read from its own history table, in strata's.
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "report/adopt_report.h"

namespace strata::cli {

void AddAdopt(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "adopt",
      "record the migrations another tool applied (its history table, left untouched) as "
      "applied, so that up applies only the rest (exit 3 when a record needs a decision)");
  auto options = std::make_shared<engine::AdoptOptions>();
  auto from = std::make_shared<std::string>();
  cmd->add_option("--from", *from,
                  "the tool whose history to read: flyway, golang-migrate, dbmate, sqitch or "
                  "liquibase (default: the one whose table the database holds)")
      ->check(CLI::IsMember({"flyway", "golang-migrate", "dbmate", "sqitch", "liquibase"}));
  cmd->add_option("--flyway-table", options->flyway_table,
                  "Flyway's history table (its `table` setting)");
  cmd->add_flag("--dry-run", options->dry_run, "show which file each record is; record nothing");
  cmd->add_flag("--accept-changed", options->accept_changed,
                "record migrations whose file changed since the tool applied it (or whose "
                "checksum strata cannot verify, such as Liquibase's version 8), with the "
                "file's checksums now");
  cmd->footer("Example:\n  strata adopt --dry-run\n  strata adopt --from flyway");
  cmd->callback([&flags, &exit_code, options, from] {
    if (!from->empty()) options->peer = engine::ParsePeer(*from);
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session&) {
      Result<engine::AdoptReport> adopted = engine.Adopt(*options);
      if (!adopted.ok()) return Fail(adopted.status(), flags);
      report::RenderAdopt(*adopted, FormatOf(flags), std::cout);
      return adopted->problems.empty() ? kExitOk : kExitCheckFailed;
    });
  });
}

}  // namespace strata::cli
