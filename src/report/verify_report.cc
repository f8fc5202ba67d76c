#include "report/verify_report.h"

#include <nlohmann/json.hpp>

#include "report/diff_report.h"
#include "report/json_values.h"

namespace strata::report {

using catalog::Action;
using engine::MigrationVerdict;
using engine::VerifyStage;
using engine::VerifyStatus;

namespace {

constexpr const char* kIndent = "      ";

// diff(S0, S2) read from the rollback's side: what it left, removed, or did not restore.
std::string AfterRollbackNote(Action action) {
  switch (action) {
    case Action::kCreate:
      return "left behind by the rollback";
    case Action::kDrop:
      return "removed by the rollback, though it was there before the migration";
    case Action::kAlter:
      return "not restored by the rollback";
  }
  return "";
}

// diff(S1, S3): the second apply compared with the first.
std::string AfterReapplyNote(Action action) {
  switch (action) {
    case Action::kCreate:
      return "there only after applying it again";
    case Action::kDrop:
      return "missing after applying it again";
    case Action::kAlter:
      return "different after applying it again";
  }
  return "";
}

std::string Lines(const catalog::Changes& changes, std::string (*note)(Action)) {
  std::string out;
  for (const catalog::Change& c : changes) out += kIndent + ChangeLine(c, note(c.action)) + "\n";
  return out;
}

std::string StageFailure(VerifyStage stage) {
  switch (stage) {
    case VerifyStage::kUp:
      return "applying it failed: ";
    case VerifyStage::kDown:
      return "its rollback failed: ";
    case VerifyStage::kUpAgain:
      return "applying it again after its rollback failed: ";
    case VerifyStage::kNone:
      return "";
  }
  return "";
}

std::string Mark(VerifyStatus status) {
  switch (status) {
    case VerifyStatus::kOk:
      return "ok  ";
    case VerifyStatus::kSkipped:
      return "skip";
    case VerifyStatus::kNotVerified:
      return "--  ";
    default:
      return "FAIL";
  }
}

std::string VerdictText(const MigrationVerdict& v) {
  std::string out = Mark(v.status) + "  " + v.id +
                    (v.description.empty() ? "" : "  " + v.description) +
                    (v.phase.empty() ? "" : " (" + v.phase + " phase)");
  switch (v.status) {
    case VerifyStatus::kSkipped:
      return out + "  (repeatable: no rollback by design; applied only)\n";
    case VerifyStatus::kNotVerified:
      return out + "  (not verified)\n";
    default:
      out += "\n";
  }
  if (v.status == VerifyStatus::kNoRollback) {
    out += kIndent + std::string("no rollback: ") + v.error.ToString() + "\n";
    out += kIndent + std::string("verify went on from the schema it leaves\n");
  }
  if (!v.after_rollback.empty()) {
    out += kIndent + std::string("after its rollback (") + v.rollback +
           ") the schema differs from before the migration:\n";
    out += Lines(v.after_rollback, AfterRollbackNote);
  }
  if (!v.after_reapply.empty()) {
    out += kIndent + std::string(
                         "applied again after its rollback, it gives another schema "
                         "than the first time:\n");
    out += Lines(v.after_reapply, AfterReapplyNote);
  }
  if (v.stage != VerifyStage::kNone) {
    out += kIndent + StageFailure(v.stage) + v.error.ToString() + "\n";
    if (!v.error.context().statement.empty()) {
      out += kIndent + std::string("  statement: ") + v.error.context().statement + "\n";
    }
  }
  return out;
}

std::string Summary(const engine::VerifyReport& report) {
  const size_t total = report.migrations.size();
  const size_t skipped = report.Count(VerifyStatus::kSkipped);
  const size_t not_verified = report.Count(VerifyStatus::kNotVerified);
  std::string out;
  if (report.passed()) {
    out = total == 0 ? "No migrations to verify"
                     : "All " + std::to_string(total - skipped) +
                           " migration(s) roll back exactly and apply again the same way";
  } else {
    out = std::to_string(report.Failures()) + " of " + std::to_string(total) +
          " migration(s) fail verification";
    if (not_verified > 0) out += ", " + std::to_string(not_verified) + " not verified";
  }
  if (skipped > 0) out += " (" + std::to_string(skipped) + " repeatable(s) skipped)";
  return out + ".\n";
}

}  // namespace

std::string VerifyText(const engine::VerifyReport& report, const std::string& where) {
  std::string out = "Verifying " + std::to_string(report.migrations.size()) + " migration(s) in " +
                    where + ": up, down, up again.\n";
  for (const MigrationVerdict& v : report.migrations) out += VerdictText(v);
  if (!report.stopped.empty()) out += report.stopped + ".\n";
  return out + Summary(report);
}

std::string VerifyJson(const engine::VerifyReport& report, const std::string& where) {
  nlohmann::ordered_json migrations = nlohmann::ordered_json::array();
  for (const MigrationVerdict& v : report.migrations) {
    nlohmann::ordered_json j;
    j["id"] = v.id;
    j["description"] = v.description;
    j["phase"] = v.phase.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v.phase);
    j["file"] = v.file;
    j["rollback"] =
        v.rollback.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v.rollback);
    j["status"] = engine::VerifyStatusName(v.status);
    j["stage"] = v.stage == VerifyStage::kNone ? nlohmann::ordered_json()
                                               : nlohmann::ordered_json(VerifyStageName(v.stage));
    j["error"] = v.error.ok() ? nlohmann::ordered_json() : ErrorJson(v.error);
    j["after_rollback"] = ChangesJson(v.after_rollback);
    j["after_reapply"] = ChangesJson(v.after_reapply);
    migrations.push_back(std::move(j));
  }
  nlohmann::ordered_json out;
  out["format_version"] = 1;
  out["passed"] = report.passed();
  out["where"] = where;
  out["counts"] = {{"ok", report.Count(VerifyStatus::kOk)},
                   {"failed", report.Failures()},
                   {"skipped", report.Count(VerifyStatus::kSkipped)},
                   {"not_verified", report.Count(VerifyStatus::kNotVerified)}};
  out["stopped"] =
      report.stopped.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(report.stopped);
  out["migrations"] = std::move(migrations);
  return out.dump(2) + "\n";
}

}  // namespace strata::report
