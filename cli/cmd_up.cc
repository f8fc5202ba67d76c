// strata up: apply pending migrations.
#include <iostream>
#include <set>

#include "cli/backup.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/plan.h"
#include "cli/session.h"
#include "engine/lint.h"
#include "report/adopt_report.h"
#include "report/lint_report.h"

namespace strata::cli {
namespace {

// With [lint] on_up set in strata.toml, pending migrations are linted first and
// findings at or above that severity stop the run before anything is applied.
int LintPending(engine::Engine& engine, Session& s, const GlobalFlags& flags) {
  const sql::lint::Severity threshold = s.settings.lint.up_threshold;
  if (threshold == sql::lint::Severity::kOff) return kExitOk;
  Result<engine::Overview> ov = engine.ReadOverview();
  if (!ov.ok()) return Fail(ov.status(), flags);
  std::set<std::string> files;
  for (const engine::MigrationStatus& m : ov->items) {
    const bool pending =
        m.state == engine::State::kPending || m.state == engine::State::kResumable ||
        m.state == engine::State::kRepeatableChanged || m.state == engine::State::kPartial;
    if (!pending || !m.migration) continue;
    files.insert(m.migration->up.path);
    if (m.migration->down) files.insert(m.migration->down->path);
  }
  if (files.empty()) return kExitOk;
  Result<engine::LintReport> linted = LintAgainstTarget(s, std::move(files));
  if (!linted.ok()) return Fail(linted.status(), flags);
  engine::LintReport report = std::move(linted).value();
  std::erase_if(report.findings,
                [&](const engine::LintedFinding& f) { return f.finding.severity < threshold; });
  if (report.findings.empty()) return kExitOk;
  report::RenderLint(report, report::LintFormat::kText, STRATA_VERSION, std::cerr);
  std::cerr << "strata up: stopped before applying anything: lint found " << report.findings.size()
            << " finding(s) at or above " << sql::lint::SeverityName(threshold)
            << " in pending migrations (fix them, or suppress one with -- strata:lint-ignore "
               "<rule> <reason>; [lint] on_up in strata.toml sets the threshold)\n";
  return kExitCheckFailed;
}

}  // namespace

void AddUp(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("up", "apply pending migrations, each in its own transaction");
  auto options = std::make_shared<engine::UpOptions>();
  cmd->add_option("--to", options->target, "stop after this version");
  auto* dry_run =
      cmd->add_flag("--dry-run", options->dry_run, "print what would run; change nothing");
  auto test = std::make_shared<bool>(false);
  cmd->add_flag("--test", *test,
                "apply the pending migrations in one transaction against the target, with "
                "their checks, then roll it all back: proof that they apply to its real data")
      ->excludes(dry_run);
  cmd->add_flag("--allow-out-of-order", options->allow_out_of_order,
                "apply pending migrations older than the newest applied one");
  auto phase = std::make_shared<std::string>("all");
  cmd->add_option("--phase", *phase,
                  "phases of phased migrations to apply: expand, migrate, contract or all "
                  "(default); migrations without phases apply with expand and all")
      ->check(CLI::IsMember({"all", "expand", "migrate", "contract"}));
  auto adopt = std::make_shared<bool>(false);
  auto* adopt_flag = cmd->add_flag(
      "--adopt", *adopt,
      "first record what another tool applied (as strata adopt does), then apply the rest");
  cmd->add_flag("--ignore-peer-history", options->ignore_peer_history,
                "apply every migration even though the database holds another tool's history")
      ->excludes(adopt_flag);
  auto no_backup = std::make_shared<bool>(false);
  cmd->add_flag("--no-backup", *no_backup,
                "skip the backup that [backup] in strata.toml takes before applying");
  cmd->footer(
      "Example:\n  strata up --to 004 --dry-run\n  strata up --test\n  strata up --phase expand");
  cmd->callback([&flags, &exit_code, options, phase, test, no_backup, adopt] {
    options->phase = PhaseChoiceNamed(*phase);
    // A dry run and a trial run leave everything as it was: no new database file.
    flags.create_database = !options->dry_run && !*test;
    exit_code = WithEngine(flags, false, [&](engine::Engine& engine, Session& s) {
      if (*adopt) {
        engine::AdoptOptions adopt_options;
        // A dry or trial run records nothing; the mapping, with what up would apply
        // after it, is its plan.
        adopt_options.dry_run = options->dry_run || *test;
        Result<engine::AdoptReport> adopted = engine.Adopt(adopt_options);
        if (!adopted.ok()) return Fail(adopted.status(), flags);
        const bool json = FormatOf(flags) == report::Format::kJson;
        if (adopt_options.dry_run) {
          report::RenderAdopt(*adopted, FormatOf(flags), std::cout);
          return adopted->problems.empty() ? kExitOk : kExitCheckFailed;
        }
        // With --json, stdout holds up's report alone.
        report::RenderAdopt(*adopted, report::Format::kText, json ? std::cerr : std::cout);
        if (!adopted->problems.empty()) return kExitCheckFailed;
      }
      if (int lint = LintPending(engine, s, flags); lint != kExitOk) return lint;
      if (options->dry_run) return PrintPlan(engine, s, *options, PlanFormatOf(flags), flags);
      if (*test) {
        return RenderOrFail(engine.TrialRun(*options), flags, [&](const engine::RunReport& run) {
          report::RenderRun(run, "tested", FormatOf(flags), std::cout);
        });
      }
      StderrLogger backup_log(flags.quiet);
      Result<BeforeApply> backup =
          MakeBeforeApply(s.settings, flags.config, *s.conn, backup_log, *no_backup);
      if (!backup.ok()) return Fail(backup.status(), flags);
      options->before_apply = *backup;
      return RenderOrFail(engine.Up(*options), flags, [&](const engine::RunReport& run) {
        report::RenderRun(run, "applied", FormatOf(flags), std::cout);
      });
    });
  });
}

}  // namespace strata::cli
