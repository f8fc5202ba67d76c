// strata verify: does every migration's rollback undo it exactly? Runs up,
// down and up again for each migration in scratch databases (engine/verify.h)
// and lists each one whose rollback is missing or incomplete with the exact
// schema difference. Nothing is written to the target: the scratch databases
// live on --shadow-url's server, else the target URL's (SQLite: memory), where
// they are created and dropped through a connection to the target's database,
// as for drift.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "cli/schema_source.h"
#include "cli/session.h"
#include "driver/redact.h"
#include "engine/verify.h"
#include "report/verify_report.h"

namespace strata::cli {
namespace {

struct VerifyFlags {
  std::string shadow_url;
};

int Verify(const GlobalFlags& flags, const VerifyFlags& vf) {
  Result<Settings> settings = LoadSettings(flags);
  if (!settings.ok()) return Fail(settings.status(), flags);
  SourceReader reader(*settings, vf.shadow_url);
  Result<std::string> base = reader.ShadowBase("");
  if (!base.ok()) return Fail(base.status(), flags);
  Result<Dialect> dialect = DialectOf(*base);
  if (!dialect.ok()) return Fail(dialect.status(), flags);
  Result<source::MigrationSet> set = reader.LoadMigrations(settings->dir, "");
  if (!set.ok()) return Fail(set.status(), flags);

  const std::unique_ptr<driver::Planner> planner = PlannerFor(*dialect);
  StderrLogger log(flags.quiet);
  Result<engine::VerifyReport> report =
      engine::Verify(*set, settings->engine, planner->DiffRules(), reader.Fresh(""), log);
  if (!report.ok()) return Fail(report.status(), flags);

  const std::string where = *dialect == Dialect::kSqlite
                                ? "in-memory SQLite databases"
                                : "scratch databases on " + driver::RedactUrl(*base);
  std::cout << (flags.json ? report::VerifyJson(*report, where)
                           : report::VerifyText(*report, where));
  return report->passed() ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddVerify(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "verify", "check that every migration's rollback undoes it exactly (up, down, up again)");
  auto vf = std::make_shared<VerifyFlags>();
  cmd->add_option("--shadow-url", vf->shadow_url,
                  "the server where scratch databases are created (default: the target's "
                  "server; SQLite: memory); the target itself is never touched");
  cmd->footer(
      "For each migration in order, on a scratch database: schema S0, up, S1, down, S2, up\n"
      "again, S3. The rollback must give S0 back exactly (S2 = S0) and the migration must\n"
      "apply again the same way (S3 = S1). Lists every migration whose rollback is missing,\n"
      "incomplete or failing, with the objects it leaves behind or removes too much.\n"
      "Repeatable migrations are applied only. Exit 3 when any migration fails.\n"
      "Example (CI, on every change to the migrations directory):\n"
      "  strata --dir db/migrations verify --shadow-url postgres://ci@localhost/postgres");
  cmd->callback([&flags, &exit_code, vf] { exit_code = Verify(flags, *vf); });
}

}  // namespace strata::cli
