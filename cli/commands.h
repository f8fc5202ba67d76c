// One function per command; each adds its subcommand to the app. The callback
// stores the command's exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/config.h"

namespace strata::cli {

void AddInit(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddNew(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddUp(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddDown(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddStatus(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddHistory(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddValidate(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddRepair(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddBaseline(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddAdopt(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddLint(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddPlan(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddSchema(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddDiff(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddDrift(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddGenerate(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddDevDb(CLI::App& app, GlobalFlags& flags, int& exit_code);
void AddVerify(CLI::App& app, GlobalFlags& flags, int& exit_code);

}  // namespace strata::cli
