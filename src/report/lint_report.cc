#include "report/lint_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>
#include <nlohmann/json.hpp>

#include "report/lint_parts.h"

namespace strata::report {
namespace {

using nlohmann::ordered_json;
using sql::lint::Severity;

// The heading of a dialect's column in the rule table of the docs.
std::string_view DialectColumn(Dialect d) {
  switch (d) {
    case Dialect::kPostgres:
      return "PostgreSQL";
    case Dialect::kSqlite:
      return "SQLite";
  }
  return DialectName(d);
}

const char* SarifLevel(Severity s) {
  return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "note";
}

const char* GithubLevel(Severity s) {
  return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "notice";
}

// GitHub's workflow commands need %, CR and LF escaped in messages, and also
// ',' and ':' in property values.
std::string GithubEscape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

void RenderText(const engine::LintReport& report, std::ostream& out) {
  for (const engine::LintedFinding& f : report.findings) {
    out << FindingHeadline(f) << "\n";
    fmt::print(out, "  {}\n  {:>{}}\n", f.source_line, "^", f.column);
    if (f.rule) fmt::print(out, "  help: {}\n", f.rule->fix);
    out << "\n";
  }
  std::map<Severity, size_t> counts;
  for (const auto& f : report.findings) ++counts[f.finding.severity];
  fmt::print(out, "{} error(s), {} warning(s), {} note(s) in {} file(s), {} statement(s)\n",
             counts[Severity::kError], counts[Severity::kWarning], counts[Severity::kInfo],
             report.files, report.statements);
}

void RenderJson(const engine::LintReport& report, std::ostream& out) {
  ordered_json findings = ordered_json::array();
  for (const engine::LintedFinding& f : report.findings) {
    findings.push_back(FindingJson(f));
  }
  out << ordered_json{{"files", report.files},
                      {"statements", report.statements},
                      {"errors", report.errors()},
                      {"findings", findings}}
             .dump(2)
      << "\n";
}

void RenderSarif(const engine::LintReport& report, const std::string& version, std::ostream& out) {
  // Rules that appear in the results, in first-seen order, indexed for ruleIndex.
  ordered_json rules = ordered_json::array();
  std::map<std::string, size_t> index;
  ordered_json results = ordered_json::array();
  for (const engine::LintedFinding& f : report.findings) {
    auto [it, fresh] = index.emplace(f.finding.rule, rules.size());
    if (fresh) {
      ordered_json rule{{"id", f.finding.rule}};
      if (f.rule) {
        rule["shortDescription"] = {{"text", f.rule->summary}};
        rule["fullDescription"] = {{"text", f.rule->why}};
        rule["help"] = {{"text", f.rule->fix}};
        rule["defaultConfiguration"] = {{"level", SarifLevel(f.rule->severity)}};
        rule["properties"] = {{"category", sql::lint::CategoryName(f.rule->category)}};
      }
      rules.push_back(std::move(rule));
    }
    const std::string impact = FindingImpact(f);
    results.push_back(ordered_json{
        {"ruleId", f.finding.rule},
        {"ruleIndex", it->second},
        {"level", SarifLevel(f.finding.severity)},
        {"message", {{"text", f.finding.message + (impact.empty() ? "" : " (" + impact + ")")}}},
        {"locations", ordered_json::array({ordered_json{
                          {"physicalLocation",
                           {{"artifactLocation", {{"uri", f.file}}},
                            {"region", {{"startLine", f.line}, {"startColumn", f.column}}}}}}})}});
  }
  ordered_json sarif{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       ordered_json::array({ordered_json{{"tool",
                                          {{"driver",
                                            {{"name", "strata"},
                                             {"version", version},
                                             {"informationUri", "https://example.invalid/strata"},
                                             {"rules", rules}}}}},
                                         {"results", results}}})}};
  out << sarif.dump(2) << "\n";
}

void RenderGithub(const engine::LintReport& report, std::ostream& out) {
  for (const engine::LintedFinding& f : report.findings) {
    const std::string impact = FindingImpact(f);
    out << "::" << GithubLevel(f.finding.severity) << " file=" << GithubEscape(f.file, true)
        << ",line=" << f.line << ",col=" << f.column
        << ",title=" << GithubEscape("strata " + f.finding.rule, true) << "::"
        << GithubEscape(f.finding.message + (impact.empty() ? "" : " (" + impact + ")") +
                            (f.rule ? "\n" + f.rule->fix : ""),
                        false)
        << "\n";
  }
}

}  // namespace

std::string FindingImpact(const engine::LintedFinding& f) {
  const sql::lint::Lock& lock = f.finding.lock;
  if (lock.empty()) return "";
  std::string out = lock.mode + " on " + lock.table;
  if (f.table_bytes >= 0) out += ", " + HumanBytes(f.table_bytes);
  if (f.table_rows >= 0) out += ", " + HumanRows(f.table_rows);
  return out;
}

std::string FindingHeadline(const engine::LintedFinding& f) {
  const std::string impact = FindingImpact(f);
  return fmt::format("{}:{}:{}: {}[{}]: {}{}", f.file, f.line, f.column,
                     sql::lint::SeverityName(f.finding.severity), f.finding.rule, f.finding.message,
                     impact.empty() ? "" : " (" + impact + ")");
}

ordered_json FindingJson(const engine::LintedFinding& f) {
  return ordered_json{
      {"rule", f.finding.rule},
      {"category", f.rule ? sql::lint::CategoryName(f.rule->category) : ""},
      {"severity", sql::lint::SeverityName(f.finding.severity)},
      {"message", f.finding.message},
      {"file", f.file},
      {"line", f.line},
      {"column", f.column},
      {"lock", f.finding.lock.mode},
      {"table", f.finding.lock.table},
      {"table_bytes", f.table_bytes >= 0 ? ordered_json(f.table_bytes) : ordered_json(nullptr)},
      {"table_rows", f.table_rows >= 0 ? ordered_json(f.table_rows) : ordered_json(nullptr)},
      {"why", f.rule ? f.rule->why : ""},
      {"fix", f.rule ? f.rule->fix : ""}};
}

bool ParseLintFormat(const std::string& name, LintFormat* out) {
  static const std::pair<const char*, LintFormat> kNames[] = {{"text", LintFormat::kText},
                                                              {"json", LintFormat::kJson},
                                                              {"sarif", LintFormat::kSarif},
                                                              {"github", LintFormat::kGithub},
                                                              {"markdown", LintFormat::kMarkdown}};
  for (const auto& [n, f] : kNames) {
    if (name == n) {
      *out = f;
      return true;
    }
  }
  return false;
}

void RenderLint(const engine::LintReport& report, LintFormat format, const std::string& version,
                std::ostream& out) {
  switch (format) {
    case LintFormat::kJson:
      return RenderJson(report, out);
    case LintFormat::kSarif:
      return RenderSarif(report, version, out);
    case LintFormat::kGithub:
      return RenderGithub(report, out);
    case LintFormat::kText:
    case LintFormat::kMarkdown:
      return RenderText(report, out);
  }
}

void RenderRules(const std::vector<RuleRow>& rules, LintFormat format, std::ostream& out) {
  if (format == LintFormat::kJson) {
    ordered_json arr = ordered_json::array();
    for (const RuleRow& r : rules) {
      ordered_json rule{{"id", r.info.id},
                        {"category", sql::lint::CategoryName(r.info.category)},
                        {"severity", sql::lint::SeverityName(r.severity)},
                        {"default_severity", sql::lint::SeverityName(r.info.severity)}};
      for (Dialect d : kAllDialects)
        rule[std::string(DialectName(d))] = r.info.dialects.contains(d);
      rule["summary"] = r.info.summary;
      rule["why"] = r.info.why;
      rule["fix"] = r.info.fix;
      arr.push_back(std::move(rule));
    }
    out << arr.dump(2) << "\n";
    return;
  }
  if (format != LintFormat::kMarkdown) {
    for (const RuleRow& r : rules) {
      fmt::print(out, "{:<38} {:<22} {:<8} {}\n", r.info.id,
                 sql::lint::CategoryName(r.info.category), sql::lint::SeverityName(r.severity),
                 r.info.summary);
    }
    return;
  }
  out << "# strata lint rules\n\n"
         "Written by `strata lint --list-rules --format markdown` from the rule registry; do not "
         "edit by hand.\n\n"
         "Each rule can be set to `off`, `info`, `warning` or `error` in strata.toml under "
         "`[lint.rules]`, and silenced for one statement with `-- strata:lint-ignore <rule> "
         "<reason>` on the line before it (`-- strata:lint-ignore-file` for a whole file). "
         "Rollback files and sections are not held to the destructive rules. PostgreSQL "
         "migrations are analysed on libpg_query's parse tree; SQLite migrations get a "
         "token-based subset, marked in the SQLite column.\n\n"
         "| rule | category | default | ";
  for (Dialect d : kAllDialects) out << DialectColumn(d) << " | ";
  out << "summary |\n| --- | --- | --- | ";
  for (size_t i = 0; i < kAllDialects.size(); ++i) out << "--- | ";
  out << "--- |\n";
  for (const RuleRow& r : rules) {
    fmt::print(out, "| [`{}`](#{}) | {} | {} | ", r.info.id, r.info.id,
               sql::lint::CategoryName(r.info.category), sql::lint::SeverityName(r.info.severity));
    for (Dialect d : kAllDialects) out << (r.info.dialects.contains(d) ? "yes" : "no") << " | ";
    out << r.info.summary << " |\n";
  }
  for (const RuleRow& r : rules) {
    fmt::print(
        out,
        "\n## {}\n\n{} Category: {}; default severity: {}.\n\n**Why.** {}\n\n**Instead.** {}\n",
        r.info.id, r.info.summary, sql::lint::CategoryName(r.info.category),
        sql::lint::SeverityName(r.info.severity), r.info.why, r.info.fix);
  }
}

std::string HumanBytes(int64_t bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  double v = static_cast<double>(bytes);
  int unit = 0;
  while (v >= 1024 && unit < 5) {
    v /= 1024;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} B", bytes);
  return v < 10 ? fmt::format("{:.1f} {}", v, kUnits[unit])
                : fmt::format("{:.0f} {}", v, kUnits[unit]);
}

std::string HumanRows(int64_t rows) {
  const double v = static_cast<double>(rows);
  if (rows >= 1'000'000'000) return fmt::format("~{:.1f}B rows", v / 1e9);
  if (rows >= 1'000'000) return fmt::format("~{:.0f}M rows", v / 1e6);
  if (rows >= 1'000) return fmt::format("~{:.1f}k rows", v / 1e3);
  return fmt::format("~{} rows", rows);
}

}  // namespace strata::report
