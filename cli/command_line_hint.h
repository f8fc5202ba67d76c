// A "did you mean" for a command line CLI11 refused: CLI11 says "A subcommand
// is required" for `strata stauts` and "not expected: --dry-rn" for
// `strata up --dry-rn`, and names no spelling.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace strata::cli {

// The first unknown command or flag of `args` (argv without the program name)
// with its nearest known spelling: "unknown command 'stauts'; did you mean
// status?", "unknown flag --dry-rn for strata up; did you mean --dry-run?". ""
// when every command and flag is known, or nothing is near enough.
std::string HintFor(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace strata::cli
