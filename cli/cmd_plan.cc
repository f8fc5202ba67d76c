// strata plan: what `up` would do, for review before it does it.
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/plan.h"
#include "engine/plan_review.h"

namespace strata::cli {
namespace {

struct PlanFlags {
  engine::UpOptions up;
  std::string phase = "all";
  std::string format = "text";
};

}  // namespace

engine::PhaseChoice PhaseChoiceNamed(const std::string& name) {
  return name == "expand"     ? engine::PhaseChoice::kExpand
         : name == "migrate"  ? engine::PhaseChoice::kMigrate
         : name == "contract" ? engine::PhaseChoice::kContract
                              : engine::PhaseChoice::kAll;
}

report::PlanFormat PlanFormatOf(const GlobalFlags& flags) {
  return flags.json ? report::PlanFormat::kJson : report::PlanFormat::kText;
}

int PrintPlan(engine::Engine& engine, Session& s, engine::UpOptions options,
              report::PlanFormat format, const GlobalFlags& flags) {
  options.dry_run = true;
  Result<engine::RunReport> run = engine.Up(options);
  if (!run.ok()) return Fail(run.status(), flags);
  // Read once, for the plan and for the lint run.
  Result<std::vector<driver::TableSize>> sizes = s.conn->TableSizes();
  if (!sizes.ok()) return Fail(sizes.status(), flags);
  engine::LintReport lint;
  // Linting with no files would report every file: skip it when nothing is pending.
  if (std::set<std::string> files = engine::PlanFiles(*run, s.set); !files.empty()) {
    Result<engine::LintReport> linted = LintAgainstTarget(s, std::move(files), *sizes);
    if (!linted.ok()) return Fail(linted.status(), flags);
    lint = std::move(linted).value();
  }
  engine::PlanReview plan = engine::BuildPlanReview(*run, s.set, s.conn->dialect(), lint, *sizes);
  plan.target = s.conn->DisplayTarget();
  report::RenderPlanReview(plan, format, std::cout);
  return kExitOk;
}

void AddPlan(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "plan", "show what up would run: statements, locks, table sizes, lint findings, metadata");
  auto pf = std::make_shared<PlanFlags>();
  cmd->add_option("--to", pf->up.target, "plan up to and including this version");
  cmd->add_option("--phase", pf->phase,
                  "phases of phased migrations to plan: expand, migrate, contract or all (default)")
      ->check(CLI::IsMember({"all", "expand", "migrate", "contract"}));
  cmd->add_flag("--allow-out-of-order", pf->up.allow_out_of_order,
                "include pending migrations older than the newest applied one");
  cmd->add_option("--format", pf->format,
                  "text (default), markdown (a review report for a pull request) or json");
  cmd->footer(
      "Reads the target (history, table sizes from pg_class) and changes nothing.\n"
      "Example:\n  strata plan --format markdown > plan.md\n  strata plan --to 004 --json");
  cmd->callback([&flags, &exit_code, pf] {
    report::PlanFormat format = PlanFormatOf(flags);
    if (!flags.json && !report::ParsePlanFormat(pf->format, &format)) {
      exit_code = Fail(
          Status::InvalidInput("--format '" + pf->format + "': use text, markdown or json"), flags);
      return;
    }
    pf->up.phase = PhaseChoiceNamed(pf->phase);
    exit_code = WithEngine(flags, true, [&](engine::Engine& engine, Session& s) {
      return PrintPlan(engine, s, pf->up, format, flags);
    });
  });
}

}  // namespace strata::cli
