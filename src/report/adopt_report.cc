#include "report/adopt_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "base/utc.h"

namespace strata::report {
namespace {

using nlohmann::ordered_json;

std::string FileOf(const engine::AdoptStep& step) {
  return step.migration != nullptr ? step.migration->up.path : "";
}

std::string IdOf(const engine::AdoptStep& step) {
  return step.baseline || step.migration == nullptr ? step.version : step.migration->id;
}

std::string AppliedAt(const engine::AdoptStep& step) {
  return step.entry.applied_epoch ? IsoUtc(*step.entry.applied_epoch) : "";
}

}  // namespace

void RenderAdopt(const engine::AdoptReport& adopt, Format format, std::ostream& out) {
  const std::string peer = engine::PeerName(adopt.peer);
  if (format == Format::kJson) {
    ordered_json steps = ordered_json::array();
    for (const engine::AdoptStep& s : adopt.steps) {
      steps.push_back(ordered_json{{"id", IdOf(s)},
                                   {"file", FileOf(s)},
                                   {"peer_record", s.entry.where},
                                   {"baseline", s.baseline},
                                   {"changed", s.changed},
                                   {"unverified", s.unverified},
                                   {"applied_by", s.entry.applied_by},
                                   {"applied_at", AppliedAt(s)}});
    }
    ordered_json problems = ordered_json::array();
    for (const engine::AdoptProblem& p : adopt.problems) {
      problems.push_back(
          ordered_json{{"peer_record", p.where}, {"file", p.file}, {"message", p.message}});
    }
    out << ordered_json{{"peer", peer},
                        {"table", adopt.table},
                        {"dry_run", adopt.dry_run},
                        {"recorded", adopt.recorded},
                        {"adopted", steps},
                        {"problems", problems},
                        {"pending", adopt.pending}}
               .dump(2)
        << "\n";
    return;
  }
  fmt::print(out, "{}'s history ({}): {} record(s) matched to their files\n", peer, adopt.table,
             adopt.steps.size());
  for (const engine::AdoptStep& s : adopt.steps) {
    const std::string when = AppliedAt(s);
    fmt::print(out, "  {} {}{}  <- {}{}{}{}\n", s.baseline ? "baseline" : "applied ", IdOf(s),
               FileOf(s).empty() ? "" : " " + FileOf(s), s.entry.where,
               when.empty() ? "" : ", " + when, s.changed ? " (file changed; accepted)" : "",
               s.unverified.empty() ? "" : " (" + s.unverified + ")");
  }
  for (const engine::AdoptProblem& p : adopt.problems) {
    fmt::print(out, "error: {}{}: {}\n", p.file.empty() ? "" : p.file + ": ", p.where, p.message);
  }
  if (!adopt.pending.empty()) {
    std::string ids;
    for (const std::string& id : adopt.pending) ids += (ids.empty() ? "" : ", ") + id;
    fmt::print(out, "not applied by {} ({}): {}; strata up applies them\n", peer,
               adopt.pending.size(), ids);
  }
  if (!adopt.problems.empty()) {
    fmt::print(out, "nothing recorded: {} record(s) need a decision first\n",
               adopt.problems.size());
  } else if (adopt.dry_run) {
    fmt::print(out, "dry run: nothing recorded\n");
  } else if (adopt.recorded) {
    fmt::print(out, "recorded in strata's history; {}'s tables are left as they were\n", peer);
  }
}

}  // namespace strata::report
