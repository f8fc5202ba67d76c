#include "report/diff_report.h"

#include <nlohmann/json.hpp>

namespace strata::report {

using catalog::Action;
using catalog::Change;

namespace {

char Sign(Action action) {
  switch (action) {
    case Action::kCreate: return '+';
    case Action::kDrop: return '-';
    case Action::kAlter: return '~';
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

std::string ChangeLines(const catalog::Changes& changes, const std::string& indent) {
  std::string out;
  for (const Change& c : changes) {
    out += indent + Sign(c.action) + " " + std::string(catalog::ObjectKindName(c.kind)) + " " +
           catalog::ChangeTarget(c);
    if (!c.details.empty()) out += " (" + JoinDetails(c.details) + ")";
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
  if (diff.changes.empty()) return "No differences between " + diff.from + " and " + diff.to + ".\n";
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
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const Change& c : diff.changes) {
    nlohmann::ordered_json j;
    j["action"] = catalog::ActionName(c.action);
    j["object"] = catalog::ObjectKindName(c.kind);
    j["name"] = catalog::ChangeTarget(c);
    j["details"] = c.details;
    j["destructive"] = c.destructive;
    if (c.destructive) j["reason"] = c.reason;
    if (c.rebuild) j["rebuild"] = true;
    changes.push_back(std::move(j));
  }
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
  out["changes"] = std::move(changes);
  out["destructive"] = DestructiveCount(diff.changes);
  out["plan"] = std::move(plan);
  return out.dump(2) + "\n";
}

}  // namespace strata::report
