// Pieces of a lint finding's rendering that `strata lint` and `strata plan`
// share. Private to report/: it includes nlohmann/json.hpp, so no public header
// of ours may include it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/lint.h"

namespace strata::report {

// "ACCESS EXCLUSIVE on users, 1.2 GB, ~3.4M rows"; "" when the finding names no lock.
std::string FindingImpact(const engine::LintedFinding& f);

// "file:12:3: warning[rule]: message (ACCESS EXCLUSIVE on users, 1.2 GB)"
std::string FindingHeadline(const engine::LintedFinding& f);

// The finding as `strata lint --json` writes it; every key always present.
nlohmann::ordered_json FindingJson(const engine::LintedFinding& f);

}  // namespace strata::report
