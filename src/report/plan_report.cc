#include "report/plan_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "report/lint_parts.h"
#include "report/lint_report.h"
#include "source/check.h"
#include "sql/lint/locks.h"

namespace strata::report {
namespace {

using engine::PlanReview;
using engine::ReviewedStatement;
using engine::ReviewedStep;
using engine::TableOrigin;
using nlohmann::ordered_json;

// "line 12" in the step's own file; "verify/users.sql:3" for a check read from
// a file of its own (a sqitch verify script).
std::string CheckPlace(const source::Check& c) {
  if (c.path.empty()) return fmt::format("line {}", c.line);
  return fmt::format("{}:{}", c.path, c.line);
}

// "1 error", "2 errors".
std::string Count(size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::string JoinedOrNone(const std::vector<std::string>& items) {
  return items.empty() ? "none" : Join(items, ", ");
}

std::string StepTitle(const ReviewedStep& s) {
  return s.id + " " + s.description + (s.phase.empty() ? "" : " [" + s.phase + " phase]");
}

std::string LintCounts(const engine::ReviewTotals& t) {
  return Count(t.errors, "error") + ", " + Count(t.warnings, "warning") + ", " +
         Count(t.infos, "note");
}

// The metadata worth a reviewer's eye, in a fixed order; what the file leaves
// out is left out.
std::vector<std::string> Facts(const ReviewedStep& s, bool markdown) {
  std::vector<std::string> out;
  const std::string note = engine::TransactionNote(s.transaction_mode, s.transaction_reason);
  if (s.transactional) {
    out.push_back(note.empty() ? "in a transaction" : note);
  } else if (s.transaction_mode == sql::TransactionMode::kOwnBlocks) {
    out.push_back(markdown ? "**" + note + "**" : note);
  } else {
    out.push_back((markdown ? std::string("**no transaction**") : std::string("NO TRANSACTION")) +
                  (s.transaction_reason.empty() ? "" : ": " + s.transaction_reason));
  }
  if (!s.meta.ticket.empty()) out.push_back("ticket " + s.meta.ticket);
  if (!s.meta.author.empty()) out.push_back("author " + s.meta.author);
  if (s.meta.breaking) {
    out.push_back(!*s.meta.breaking ? "not breaking" : markdown ? "**breaking**" : "BREAKING");
  }
  if (!s.meta.schema_version.empty()) out.push_back("schema version " + s.meta.schema_version);
  if (!s.meta.depends.empty()) out.push_back("depends on " + Join(s.meta.depends, ", "));
  if (!s.meta.database.empty()) out.push_back("database " + s.meta.database);
  if (!s.meta.created.empty()) out.push_back("created " + s.meta.created);
  return out;
}

// How big the statement's table is: "16 kB, ~1.0k rows", "new table", ...
std::string SizeNote(const ReviewedStatement& s) {
  switch (s.origin) {
    case TableOrigin::kNone:
      return "";
    case TableOrigin::kNew:
      return "new table";
    case TableOrigin::kUnknown:
      return "not on the target";
    case TableOrigin::kTarget:
      break;
  }
  std::vector<std::string> parts;
  if (s.table_bytes >= 0) parts.push_back(HumanBytes(s.table_bytes));
  if (s.table_rows >= 0) parts.push_back(HumanRows(s.table_rows));
  return parts.empty() ? "size unknown" : Join(parts, ", ");
}

// "ACCESS EXCLUSIVE on users (16 kB, ~1.0k rows)", "no table lock (t, new table)";
// "DATABASE WRITE, users (...)" where the lock is the database's (SQLite).
std::string LockLine(const ReviewedStatement& s, Dialect dialect) {
  const std::string table = s.table.empty() ? "" : s.table + " (" + SizeNote(s) + ")";
  if (s.lock.empty()) return table.empty() ? "no table lock" : "no table lock: " + table;
  if (table.empty()) return s.lock;
  return s.lock + (sql::lint::HasTableLocks(dialect) ? " on " : ", ") + table;
}

void RenderText(const PlanReview& plan, std::ostream& out) {
  const engine::ReviewTotals& t = plan.totals;
  if (plan.steps.empty()) {
    fmt::print(out, "nothing to do: no pending migrations on {}\n", plan.target);
    return;
  }
  fmt::print(out, "plan for {} ({}): {} ({}), {}\n", plan.target, DialectName(plan.dialect),
             Count(t.migrations, "migration"), Count(t.steps, "step"),
             Count(t.statements, "statement"));
  fmt::print(out, "lint: {}\n", LintCounts(t));
  if (!t.blocking_tables.empty()) {
    fmt::print(out, "{} locks on: {}\n", sql::lint::BlockingLockName(plan.dialect),
               Join(t.blocking_tables, ", "));
  }
  if (!t.non_transactional.empty()) {
    fmt::print(out, "not in a transaction: {}\n", Join(t.non_transactional, ", "));
  }
  if (!t.breaking.empty()) fmt::print(out, "breaking: {}\n", Join(t.breaking, ", "));
  for (const ReviewedStep& step : plan.steps) {
    fmt::print(out, "\n{} ({})\n  {}\n", StepTitle(step), step.script,
               Join(Facts(step, false), " | "));
    for (const ReviewedStatement& s : step.statements) {
      fmt::print(out, "  line {}: {}\n", s.line, LockLine(s, plan.dialect));
      std::string text = s.text + ";";
      for (size_t pos = 0; pos <= text.size();) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        fmt::print(out, "    {}\n", std::string_view(text).substr(pos, eol - pos));
        pos = eol + 1;
      }
    }
    for (const source::Check& c : step.checks) {
      fmt::print(out, "  {}: {}, expects {}: {}\n", CheckPlace(c), source::DescribeCheck(c, ""),
                 c.expect, Excerpt(c.query, 100));
    }
    if (!step.findings.empty()) out << "  lint:\n";
    for (const engine::LintedFinding& f : step.findings) {
      fmt::print(out, "    {}\n", FindingHeadline(f));
      if (f.rule) fmt::print(out, "      help: {}\n", f.rule->fix);
    }
  }
}

// Text for a Markdown table cell: on one line, pipes escaped.
std::string MdCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r' || c == '\t')
      out += ' ';
    else
      out += c;
  }
  return out;
}

// `text` as inline code in a table cell; double backticks when it holds one.
std::string MdCode(std::string_view text) {
  if (text.empty()) return "";
  const bool tick = text.find('`') != std::string_view::npos;
  return tick ? "`` " + MdCell(text) + " ``" : "`" + MdCell(text) + "`";
}

// The statement on one line, blank space collapsed, cut at `max` characters
// (base's Excerpt keeps the first line only).
std::string OneLineExcerpt(std::string_view sql, size_t max) {
  std::string out;
  for (char c : sql) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out = out.substr(0, cut) + "...";
  }
  return out;
}

// A code fence longer than any run of backticks in `body`.
std::string Fence(std::string_view body) {
  size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string MdList(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::vector<std::string> code;
  code.reserve(items.size());
  for (const std::string& item : items) code.push_back(MdCode(item));
  return Join(code, ", ");
}

std::string StepLintCounts(const ReviewedStep& step) {
  size_t errors = 0, warnings = 0, infos = 0;
  for (const engine::LintedFinding& f : step.findings) {
    if (f.finding.severity == sql::lint::Severity::kError)
      ++errors;
    else if (f.finding.severity == sql::lint::Severity::kWarning)
      ++warnings;
    else
      ++infos;
  }
  std::vector<std::string> parts;
  if (errors > 0) parts.push_back(Count(errors, "error"));
  if (warnings > 0) parts.push_back(Count(warnings, "warning"));
  if (infos > 0) parts.push_back(Count(infos, "note"));
  return parts.empty() ? "clean" : Join(parts, ", ");
}

void RenderMarkdownStep(const ReviewedStep& step, std::ostream& out) {
  fmt::print(out, "\n### {}\n\n{} · {}\n\n", MdCell(StepTitle(step)), MdCode(step.script),
             Join(Facts(step, true), " · "));
  if (!step.statements.empty()) {
    out << "| Line | Lock | Table | Size | Rows | Statement |\n"
           "| ---: | --- | --- | ---: | ---: | --- |\n";
    for (const ReviewedStatement& s : step.statements) {
      std::string size = "", rows = "";
      if (s.origin == TableOrigin::kNew) {
        size = "new";
      } else if (s.origin == TableOrigin::kUnknown) {
        size = "not on the target";
      } else if (s.origin == TableOrigin::kTarget) {
        size = s.table_bytes >= 0 ? HumanBytes(s.table_bytes) : "unknown";
        rows = s.table_rows >= 0 ? HumanRows(s.table_rows) : "unknown";
      }
      fmt::print(out, "| {} | {} | {} | {} | {} | {} |\n", s.line, MdCell(s.lock), MdCode(s.table),
                 size, rows, MdCode(OneLineExcerpt(s.text, 80)));
    }
    out << "\n";
  }
  if (!step.checks.empty()) {
    out << "**Validation checks**\n\n";
    for (const source::Check& c : step.checks) {
      fmt::print(out, "- {}: {}, expects `{}`: {}\n", CheckPlace(c), source::DescribeCheck(c, ""),
                 MdCell(c.expect), MdCode(OneLineExcerpt(c.query, 100)));
    }
    out << "\n";
  }
  if (!step.findings.empty()) {
    out << "**Lint**\n\n";
    for (const engine::LintedFinding& f : step.findings) {
      const std::string impact = FindingImpact(f);
      fmt::print(out, "- **{}** `{}` at {}:{}: {}{}\n", sql::lint::SeverityName(f.finding.severity),
                 f.finding.rule, f.file, f.line, f.finding.message,
                 impact.empty() ? "" : " (" + impact + ")");
      if (f.rule) fmt::print(out, "  - Instead: {}\n", f.rule->fix);
    }
    out << "\n";
  }
  std::string sql;
  for (const ReviewedStatement& s : step.statements) sql += s.text + ";\n";
  const std::string fence = Fence(sql);
  fmt::print(out, "<details><summary>SQL ({})</summary>\n\n{}sql\n{}{}\n\n</details>\n",
             Count(step.statements.size(), "statement"), fence, sql, fence);
}

void RenderMarkdown(const PlanReview& plan, std::ostream& out) {
  const engine::ReviewTotals& t = plan.totals;
  fmt::print(out, "## strata plan: {}\n\nTarget: {} ({})\n\n",
             Count(t.migrations, "pending migration"), MdCode(plan.target),
             DialectName(plan.dialect));
  if (plan.steps.empty()) {
    out << "Nothing to do: no pending migrations.\n";
    return;
  }
  fmt::print(out,
             "| | |\n| --- | --- |\n"
             "| Migrations | {} ({}) |\n"
             "| Statements | {} |\n"
             "| Lint | {} |\n",
             t.migrations, Count(t.steps, "step"), t.statements, LintCounts(t));
  // A dialect without table locks (SQLite) has no row or column for them.
  const std::string_view blocking = sql::lint::BlockingLockName(plan.dialect);
  if (!blocking.empty()) {
    fmt::print(out, "| {} locks on | {} |\n", blocking, MdList(t.blocking_tables));
  }
  fmt::print(out, "| Not in a transaction | {} |\n| Breaking | {} |\n\n",
             MdCell(JoinedOrNone(t.non_transactional)), MdCell(JoinedOrNone(t.breaking)));
  const std::string lock_column = blocking.empty() ? "" : " " + std::string(blocking) + " on |";
  fmt::print(out,
             "| Migration | Description | Statements | Transaction |{} Lint | Ticket | Author | "
             "Breaking |\n| --- | --- | ---: | --- |{} --- | --- | --- | --- |\n",
             lock_column, blocking.empty() ? "" : " --- |");
  for (const ReviewedStep& step : plan.steps) {
    const std::string locks =
        blocking.empty()
            ? ""
            : " " + (step.blocking_tables.empty() ? "" : MdList(step.blocking_tables)) + " |";
    fmt::print(out, "| {} | {} | {} | {} |{} {} | {} | {} | {} |\n",
               MdCell(step.phase.empty() ? step.id : step.id + " (" + step.phase + ")"),
               MdCell(step.description), step.statements.size(),
               step.transactional ? "yes" : "**no**", locks, StepLintCounts(step),
               MdCell(step.meta.ticket), MdCell(step.meta.author),
               !step.meta.breaking   ? ""
               : *step.meta.breaking ? "**yes**"
                                     : "no");
  }
  for (const ReviewedStep& step : plan.steps) RenderMarkdownStep(step, out);
}

ordered_json NumberOrNull(int64_t n) { return n >= 0 ? ordered_json(n) : ordered_json(nullptr); }

void RenderJson(const PlanReview& plan, std::ostream& out) {
  const engine::ReviewTotals& t = plan.totals;
  ordered_json steps = ordered_json::array();
  for (const ReviewedStep& step : plan.steps) {
    ordered_json statements = ordered_json::array();
    for (const ReviewedStatement& s : step.statements) {
      statements.push_back(ordered_json{{"line", s.line},
                                        {"text", s.text},
                                        {"lock", s.lock},
                                        {"lock_impact", sql::lint::LockImpactName(s.impact)},
                                        {"table", s.table},
                                        {"table_origin", engine::TableOriginName(s.origin)},
                                        {"table_bytes", NumberOrNull(s.table_bytes)},
                                        {"table_rows", NumberOrNull(s.table_rows)}});
    }
    ordered_json findings = ordered_json::array();
    for (const engine::LintedFinding& f : step.findings) findings.push_back(FindingJson(f));
    ordered_json checks = ordered_json::array();
    for (const source::Check& c : step.checks) {
      checks.push_back(ordered_json{{"line", c.line},
                                    {"when", c.when == source::Check::When::kPre ? "pre" : "post"},
                                    {"critical", c.critical},
                                    {"expect", c.expect},
                                    {"query", c.query}});
    }
    steps.push_back(ordered_json{
        {"id", step.id},
        {"description", step.description},
        {"phase", step.phase.empty() ? ordered_json(nullptr) : ordered_json(step.phase)},
        {"script", step.script},
        {"transactional", step.transactional},
        {"transaction", sql::TransactionModeName(step.transaction_mode)},
        {"transaction_reason", step.transaction_reason},
        {"ticket", step.meta.ticket},
        {"author", step.meta.author},
        {"breaking",
         step.meta.breaking ? ordered_json(*step.meta.breaking) : ordered_json(nullptr)},
        {"schema_version", step.meta.schema_version},
        {"depends", step.meta.depends},
        {"statements", statements},
        {"checks", checks},
        {"findings", findings}});
  }
  out << ordered_json{{"format_version", 1},
                      {"target", plan.target},
                      {"dialect", DialectName(plan.dialect)},
                      {"summary",
                       {{"migrations", t.migrations},
                        {"steps", t.steps},
                        {"statements", t.statements},
                        {"findings",
                         {{"error", t.errors}, {"warning", t.warnings}, {"info", t.infos}}},
                        {"access_exclusive_tables", t.blocking_tables},
                        {"non_transactional", t.non_transactional},
                        {"breaking", t.breaking}}},
                      {"migrations", steps}}
             .dump(2)
      << "\n";
}

}  // namespace

bool ParsePlanFormat(const std::string& name, PlanFormat* out) {
  static const std::pair<const char*, PlanFormat> kNames[] = {{"text", PlanFormat::kText},
                                                              {"markdown", PlanFormat::kMarkdown},
                                                              {"json", PlanFormat::kJson}};
  for (const auto& [n, f] : kNames) {
    if (name == n) {
      *out = f;
      return true;
    }
  }
  return false;
}

void RenderPlanReview(const PlanReview& plan, PlanFormat format, std::ostream& out) {
  switch (format) {
    case PlanFormat::kText:
      return RenderText(plan, out);
    case PlanFormat::kMarkdown:
      return RenderMarkdown(plan, out);
    case PlanFormat::kJson:
      return RenderJson(plan, out);
  }
}

}  // namespace strata::report
