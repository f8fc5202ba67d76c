#include "report/diff_report.h"

#include <nlohmann/json.hpp>

#include "report/json_values.h"

namespace strata::report {

using catalog::Action;
using catalog::Change;

namespace {

char Sign(Action action) {
  switch (action) {
    case Action::kCreate:
      return '+';
    case Action::kDrop:
      return '-';
    case Action::kAlter:
      return '~';
  }
  return '~';
}

std::string JoinDetails(const std::vector<std::string>& details) {
  std::string out;
  for (const std::string& d : details) out += (out.empty() ? "" : "; ") + d;
  return out;
}

size_t DestructiveCount(const catalog::Changes& changes) {
  size_t n = 0;
  for (const Change& c : changes) n += c.destructive ? 1 : 0;
  return n;
}

}  // namespace

nlohmann::ordered_json ChangeJson(const Change& change) {
  nlohmann::ordered_json j;
  j["action"] = catalog::ActionName(change.action);
  j["object"] = catalog::ObjectKindName(change.kind);
  j["name"] = catalog::ChangeTarget(change);
  j["details"] = change.details;
  j["destructive"] = change.destructive;
  if (change.destructive) j["reason"] = change.reason;
  if (change.rebuild) j["rebuild"] = true;
  return j;
}

nlohmann::ordered_json ChangesJson(const catalog::Changes& changes) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Change& c : changes) out.push_back(ChangeJson(c));
  return out;
}

std::string ChangeLine(const Change& change, const std::string& note) {
  std::string out = std::string(1, Sign(change.action)) + " " +
                    std::string(catalog::ObjectKindName(change.kind)) + " " +
                    catalog::ChangeTarget(change);
  std::string said = JoinDetails(change.details);
  if (!note.empty()) said += (said.empty() ? "" : "; ") + note;
  if (!said.empty()) out += " (" + said + ")";
  return out;
}

std::string ChangeLines(const catalog::Changes& changes, const std::string& indent) {
  std::string out;
  for (const Change& c : changes) {
    out += indent + ChangeLine(c);
    if (c.destructive) out += "  DESTRUCTIVE: " + c.reason;
    out += "\n";
  }
  return out;
}

std::string PlanSql(const std::vector<driver::PlannedStatement>& plan) {
  if (plan.empty()) return "-- no changes\n";
  std::string out;
  for (const driver::PlannedStatement& s : plan) {
    if (s.destructive) out += "-- destructive: " + s.note + "\n";
    out += s.sql + ";\n";
  }
  return out;
}

std::string DiffText(const DiffReport& diff) {
  if (diff.changes.empty())
    return "No differences between " + diff.from + " and " + diff.to + ".\n";
  std::string out = "Changes from " + diff.from + " to " + diff.to + ":\n";
  out += ChangeLines(diff.changes, "  ");
  const size_t destructive = DestructiveCount(diff.changes);
  out += std::to_string(diff.changes.size()) + " change(s)";
  if (destructive > 0) out += ", " + std::to_string(destructive) + " destructive";
  out += "\n\nPlan:\n";
  for (const driver::PlannedStatement& s : diff.plan) {
    if (s.destructive) out += "  -- destructive: " + s.note + "\n";
    if (!s.transactional) out += "  -- cannot run inside a transaction\n";
    std::string sql = s.sql;
    for (size_t at = sql.find('\n'); at != std::string::npos; at = sql.find('\n', at + 3)) {
      sql.replace(at, 1, "\n  ");
    }
    out += "  " + sql + ";\n";
  }
  return out;
}

std::string DiffJson(const DiffReport& diff) {
  nlohmann::ordered_json plan = nlohmann::ordered_json::array();
  for (const driver::PlannedStatement& s : diff.plan) {
    nlohmann::ordered_json j;
    j["sql"] = s.sql;
    j["transactional"] = s.transactional;
    j["destructive"] = s.destructive;
    if (!s.note.empty()) j["note"] = s.note;
    plan.push_back(std::move(j));
  }
  nlohmann::ordered_json out;
  out["from"] = diff.from;
  out["to"] = diff.to;
  out["changes"] = ChangesJson(diff.changes);
  out["destructive"] = DestructiveCount(diff.changes);
  out["plan"] = std::move(plan);
  return out.dump(2) + "\n";
}

}  // namespace strata::report
