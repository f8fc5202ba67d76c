#include "report/report.h"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "base/strings.h"
#include "report/json_values.h"

namespace strata::report {
namespace {

using nlohmann::ordered_json;

std::string ShortSum(const std::string& sum) { return sum.substr(0, 12); }

ordered_json RowJson(const engine::HistoryRow& r) {
  return ordered_json{{"rank", r.rank},
                      {"stream", r.stream},
                      {"version", r.version ? ordered_json(*r.version) : ordered_json(nullptr)},
                      {"description", r.description},
                      {"kind", r.kind},
                      {"phase", r.phase.empty() ? ordered_json(nullptr) : ordered_json(r.phase)},
                      {"category", r.category},
                      {"script", r.script},
                      {"checksum_content", r.checksum_content},
                      {"checksum_semantic", r.checksum_semantic},
                      {"schema_version", r.schema_version},
                      {"applied_by", r.applied_by},
                      {"applied_at", r.applied_at},
                      {"execution_ms", r.execution_ms},
                      {"success", r.success},
                      {"state", r.state},
                      {"statements_done", r.statements_done},
                      {"transactional", r.transactional},
                      {"transaction_mode", r.transaction_mode},
                      {"error", r.error},
                      {"tool_version", r.tool_version},
                      {"backup", r.backup},
                      {"warnings", SplitAndTrim(r.warnings, '\n')},
                      {"header_id", r.header_id},
                      {"header_database", r.header_database},
                      {"header_created", r.header_created},
                      {"header_depends", r.header_depends}};
}

std::string Description(const engine::MigrationStatus& s) {
  if (s.migration) return s.migration->description;
  return s.row ? s.row->description : "";
}

// A phased migration's phases: "expand+migrate done, contract next"; "" otherwise.
std::string PhaseText(const engine::MigrationStatus& s) {
  if (!s.migration || !s.migration->is_phased()) return "";
  const std::string done = source::PhaseList(s.phases_applied, "+");
  const std::optional<source::Phase> next = s.NextPhase();
  if (s.row && s.state != engine::State::kApplied && s.state != engine::State::kPartial &&
      !s.row->phase.empty()) {
    return s.row->phase + " " + engine::StateName(s.state);
  }
  if (!next) return "all phases done";
  return (done.empty() ? "" : done + " done, ") + source::PhaseName(*next) + " next";
}

std::string StepName(const engine::StepReport& s) {
  return s.phase.empty() ? s.description : s.description + " [" + s.phase + "]";
}

// ", 2 lock retries (3100 ms waiting), 120000 rows backfilled"
std::string StepExtras(const engine::StepReport& s) {
  std::string out;
  if (s.lock_retries > 0) {
    out += fmt::format(", {} lock retr{} ({} ms waiting)", s.lock_retries,
                       s.lock_retries == 1 ? "y" : "ies", s.lock_wait_ms);
  }
  if (s.backfill_rows > 0) out += fmt::format(", {} rows backfilled", s.backfill_rows);
  return out;
}

}  // namespace

void RenderStatus(const engine::Overview& ov, const std::string& target, Format format,
                  std::ostream& out) {
  if (format == Format::kJson) {
    ordered_json items = ordered_json::array();
    for (const auto& s : ov.items) {
      items.push_back(ordered_json{
          {"id", s.id()},
          {"description", Description(s)},
          {"state", engine::StateName(s.state)},
          {"script", s.migration ? s.migration->up.path : (s.row ? s.row->script : "")},
          {"applied_at", s.row ? ordered_json(s.row->applied_at) : ordered_json(nullptr)},
          {"schema_version", s.migration ? s.migration->meta.schema_version : ""},
          {"checksum_changed", s.semantic_changed},
          {"formatting_changed", s.content_changed && !s.semantic_changed},
          {"tampered", s.tampered},
          {"out_of_order", s.out_of_order},
          {"phases_applied",
           [&] {
             ordered_json phases = ordered_json::array();
             for (source::Phase p : s.phases_applied) phases.push_back(source::PhaseName(p));
             return phases;
           }()},
          {"next_phase", s.NextPhase() ? ordered_json(source::PhaseName(*s.NextPhase()))
                                       : ordered_json(nullptr)}});
    }
    out << ordered_json{{"target", target},
                        {"current_version", ov.current_version},
                        {"schema_version", ov.schema_version},
                        {"applied", ov.applied},
                        {"pending", ov.pending},
                        {"migrations", items}}
               .dump(2)
        << "\n";
    return;
  }
  fmt::print(out, "target:          {}\n", target);
  fmt::print(out, "current version: {}\n",
             ov.current_version.empty() ? "(none)" : ov.current_version);
  if (!ov.schema_version.empty()) fmt::print(out, "schema version:  {}\n", ov.schema_version);
  fmt::print(out, "applied: {}  pending: {}\n\n", ov.applied, ov.pending);
  auto state_of = [](const engine::MigrationStatus& s) {
    std::string state = engine::StateName(s.state);
    if (s.tampered)
      state += " (history edited!)";
    else if (s.semantic_changed)
      state += " (changed!)";
    else if (s.content_changed)
      state += " (reformatted)";
    if (s.out_of_order) state += " (out of order)";
    if (const std::string phases = PhaseText(s); !phases.empty()) state += " [" + phases + "]";
    return state;
  };
  struct Line {
    std::string id, description, state;
    std::string_view applied_at;
  };
  std::vector<Line> lines;
  lines.reserve(ov.items.size());
  size_t id_width = 7, desc_width = 11, state_width = 14;
  for (const auto& s : ov.items) {
    Line& line = lines.emplace_back(Line{s.id(), Description(s), state_of(s),
                                         s.row ? std::string_view(s.row->applied_at) : ""});
    id_width = std::max(id_width, line.id.size());
    desc_width = std::min<size_t>(48, std::max(desc_width, line.description.size()));
    state_width = std::max(state_width, line.state.size());
  }
  // One buffer and one write; the format is compiled, not parsed once per line.
  fmt::memory_buffer table;
  auto add = [&](std::string_view id, std::string_view description, std::string_view state,
                 std::string_view applied_at) {
    fmt::format_to(std::back_inserter(table), FMT_COMPILE("{:<{}}  {:<{}}  {:<{}}  {}\n"), id,
                   id_width, description, desc_width, state, state_width, applied_at);
  };
  add("VERSION", "DESCRIPTION", "STATE", "APPLIED AT");
  for (Line& line : lines) {
    if (line.description.size() > desc_width) {
      line.description = line.description.substr(0, desc_width - 3) + "...";
    }
    add(line.id, line.description, line.state, line.applied_at);
  }
  out.write(table.data(), static_cast<std::streamsize>(table.size()));
}

void RenderHistory(const std::vector<engine::HistoryRow>& rows, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    ordered_json arr = ordered_json::array();
    for (const auto& r : rows) arr.push_back(RowJson(r));
    out << arr.dump(2) << "\n";
    return;
  }
  if (rows.empty()) {
    out << "no history yet\n";
    return;
  }
  fmt::print(out, "{:>4}  {:<16}  {:<28}  {:<18}  {:<20}  {:>8}  {:<8}  {:<12}  {}\n", "RANK",
             "VERSION", "DESCRIPTION", "KIND", "APPLIED AT", "MS", "STATE", "CHECKSUM", "BY");
  for (const auto& r : rows) {
    std::string desc =
        r.description.size() > 28 ? r.description.substr(0, 25) + "..." : r.description;
    const std::string kind = r.phase.empty() ? r.kind : r.kind + ":" + r.phase;
    fmt::print(out, "{:>4}  {:<16}  {:<28}  {:<18}  {:<20}  {:>8}  {:<8}  {:<12}  {}\n", r.rank,
               r.version.value_or("-"), desc, kind, r.applied_at, r.execution_ms, r.state,
               ShortSum(r.checksum_content), r.applied_by);
    // Under their row, only when there is something to say: paths are long.
    if (!r.header_id.empty()) fmt::print(out, "      id: {}\n", r.header_id);
    if (!r.backup.empty()) fmt::print(out, "      backup: {}\n", r.backup);
    for (const std::string& w : SplitAndTrim(r.warnings, '\n')) {
      fmt::print(out, "      warning: {}\n", w);
    }
  }
}

void RenderProblems(const std::vector<engine::Problem>& problems, Format format,
                    std::ostream& out) {
  if (format == Format::kJson) {
    ordered_json arr = ordered_json::array();
    for (const auto& p : problems) {
      arr.push_back(
          ordered_json{{"severity", p.severity == engine::Severity::kError ? "error" : "warning"},
                       {"id", p.id},
                       {"file", p.file},
                       {"message", p.message}});
    }
    out << ordered_json{{"valid", std::none_of(problems.begin(), problems.end(),
                                               [](const engine::Problem& p) {
                                                 return p.severity == engine::Severity::kError;
                                               })},
                        {"problems", arr}}
               .dump(2)
        << "\n";
    return;
  }
  if (problems.empty()) {
    out << "valid: the history and the migration files agree\n";
    return;
  }
  for (const auto& p : problems) {
    fmt::print(out, "{}: {}: {} {}\n", p.severity == engine::Severity::kError ? "error" : "warning",
               p.file.empty() ? p.id : p.file, p.id, p.message);
  }
}

namespace {

std::string Duration(double seconds) {
  const int64_t total = std::llround(seconds);
  if (total >= 3600) return fmt::format("{}h{:02}m", total / 3600, total % 3600 / 60);
  if (total >= 60) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}s", total);
}

}  // namespace

std::string ProgressLine(const engine::BackfillTick& tick, bool bar) {
  std::string line = fmt::format("backfill {} {}: ", tick.migration, tick.table);
  if (bar && tick.fraction >= 0) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(std::lround(tick.fraction * kWidth));
    line += "[" + std::string(static_cast<size_t>(filled), '#') +
            std::string(static_cast<size_t>(kWidth - filled), '.') + "] ";
  }
  if (tick.fraction >= 0) line += fmt::format("{:.0f}%, ", tick.fraction * 100);
  line += fmt::format("{} rows in {} batches, {:.0f} rows/s", tick.rows_done, tick.batches,
                      tick.rows_per_second);
  if (tick.finished) {
    line += ", done";
  } else if (tick.seconds_left >= 0) {
    line += ", " + Duration(tick.seconds_left) + " left";
  }
  if (tick.retries > 0) line += fmt::format(", {} retried", tick.retries);
  return line;
}

void RenderRun(const engine::RunReport& run, const std::string& verb, Format format,
               std::ostream& out) {
  if (format == Format::kJson) {
    ordered_json steps = ordered_json::array();
    for (const auto& s : run.steps) {
      ordered_json stmts = ordered_json::array();
      for (const auto& st : s.statements) stmts.push_back(st.text);
      steps.push_back(
          ordered_json{{"id", s.id},
                       {"description", s.description},
                       {"phase", s.phase.empty() ? ordered_json(nullptr) : ordered_json(s.phase)},
                       {"lock_retries", s.lock_retries},
                       {"lock_wait_ms", s.lock_wait_ms},
                       {"backfill_rows", s.backfill_rows},
                       {"script", s.script},
                       {"transactional", s.transactional},
                       {"transaction", sql::TransactionModeName(s.transaction.mode)},
                       {"transaction_reason", s.transaction_reason},
                       {"skipped", s.skipped},
                       {"execution_ms", s.execution_ms},
                       {"warnings", s.warnings},
                       {"statements", stmts}});
    }
    out << ordered_json{{"dry_run", run.dry_run},
                        {"rolled_back", run.tested},
                        {"action", verb},
                        {"migrations", steps}}
               .dump(2)
        << "\n";
    return;
  }
  if (run.steps.empty()) {
    out << "nothing to do\n";
    return;
  }
  size_t id_width = 0, desc_width = 0;
  for (const auto& s : run.steps) {
    id_width = std::max(id_width, s.id.size());
    desc_width = std::max(desc_width, StepName(s).size());
  }
  for (const auto& s : run.steps) {
    if (run.dry_run) {
      const std::string note = engine::TransactionNote(s.transaction.mode, s.transaction_reason);
      fmt::print(out, "-- would be {}: {} {} ({}{})\n", verb, s.id, StepName(s), s.script,
                 note.empty() ? "" : ", " + note);
      for (const auto& st : s.statements) fmt::print(out, "{};\n", st.text);
      out << "\n";
    } else if (s.skipped) {
      fmt::print(out, "{:<{}}  {:<{}}  already {} by another run\n", s.id, id_width, StepName(s),
                 desc_width, verb);
    } else {
      fmt::print(out, "{:<{}}  {:<{}}  {} in {} ms{}\n", s.id, id_width, StepName(s), desc_width,
                 verb, s.execution_ms, StepExtras(s));
    }
    for (const std::string& warning : s.warnings) fmt::print(out, "  warning: {}\n", warning);
  }
  if (!run.dry_run) {
    // Phases of one migration are steps of their own; count migrations.
    std::set<std::string> done;
    for (const auto& s : run.steps) {
      if (!s.skipped) done.insert(s.id);
    }
    fmt::print(out, "{} migration(s) {}\n", done.size(), verb);
    if (run.tested) {
      out << "All of it ran in one transaction that was then rolled back: the database, its "
             "history included, is as it was.\n";
    }
  }
}

void RenderRepair(const engine::RepairReport& repair, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << ordered_json{{"actions", repair.actions}}.dump(2) << "\n";
    return;
  }
  if (repair.actions.empty()) out << "nothing to repair\n";
  for (const auto& a : repair.actions) out << a << "\n";
}

nlohmann::ordered_json ErrorJson(const Status& status) {
  const ErrorContext& c = status.context();
  return ordered_json{
      {"message", status.message()}, {"file", c.file},         {"line", c.line},
      {"column", c.column},          {"sqlstate", c.sqlstate}, {"statement", c.statement}};
}

void RenderError(const Status& status, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << ordered_json{{"error", ErrorJson(status)}}.dump(2) << "\n";
    return;
  }
  out << "error: " << status.ToString() << "\n";
  if (!status.context().statement.empty())
    out << "  statement: " << status.context().statement << "\n";
}

}  // namespace strata::report
