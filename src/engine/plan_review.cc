#include "engine/plan_review.h"

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "engine/backfill.h"
#include "engine/table_sizes.h"
#include "sql/analyze.h"
#include "sql/lint/locks.h"

namespace strata::engine {
namespace {

using MigrationsById = std::map<std::string, const source::Migration*>;

MigrationsById IndexById(const source::MigrationSet& set) {
  MigrationsById out;
  for (const source::Migration& m : set.migrations) out[m.id] = &m;
  return out;
}

// The scripts a step runs and rolls back with; null members when the set has
// no such migration or phase (it always does for a dry run of the same set).
struct StepScripts {
  const source::Migration* migration = nullptr;
  const source::Script* up = nullptr;
  const source::Script* down = nullptr;
};

StepScripts ScriptsOf(const StepReport& step, const MigrationsById& by_id) {
  StepScripts out;
  auto it = by_id.find(step.id);
  if (it == by_id.end()) return out;
  const source::Migration& m = *it->second;
  out.migration = &m;
  if (step.phase.empty()) {
    out.up = &m.up;
    out.down = m.down ? &*m.down : nullptr;
    return out;
  }
  const std::optional<source::Phase> phase = source::ParsePhase(step.phase);
  if (const source::PhaseScripts* p = phase ? m.FindPhase(*phase) : nullptr) {
    out.up = &p->up;
    out.down = p->down ? &*p->down : nullptr;
  }
  return out;
}

// Whether file:line lies in `script`: sections of one file share its path, so
// a phase's findings are told from another's by their lines.
bool Covers(const source::Script* script, const std::string& file, int line) {
  if (script == nullptr) return false;
  for (const source::Script::IncludedFile& f : script->included) {
    if (f.path == file) return true;  // a file it includes with \i
  }
  if (script->path != file) return false;
  const int lines = static_cast<int>(std::count(script->sql.begin(), script->sql.end(), '\n')) + 1;
  return line >= script->first_line && line < script->first_line + lines;
}

// Plans statements in plan order, remembering the tables the plan creates.
class StatementPlanner {
 public:
  StatementPlanner(Dialect dialect, const std::vector<driver::TableSize>& sizes)
      : dialect_(dialect), sizes_(sizes) {}

  ReviewedStatement Plan(const sql::Statement& stmt, const source::Script& script,
                         const LineIndex& lines) {
    ReviewedStatement out;
    out.text = stmt.text;
    out.line = script.LocateLine(lines.Locate(stmt.offset).line).line;
    // The parser does not know a backfill's :lo and :hi; $1 and $2 stand in for them.
    bool lo = false, hi = false;
    const std::string text =
        script.backfills.empty() ? stmt.text : ReplaceBackfillBounds(stmt.text, dialect_, &lo, &hi);
    const std::vector<sql::ParsedStatement> parsed = sql::Analyze(text, dialect_);
    if (parsed.empty()) return out;
    const sql::ParsedStatement& s = parsed.front();
    const sql::lint::Lock lock = sql::lint::LockOf(s, dialect_);
    const bool creates_table = s.kind == sql::StatementKind::kCreateTable;
    out.table = !lock.table.empty() ? lock.table : creates_table ? s.table.Display() : "";
    out.lock = lock.mode;
    out.impact = lock.impact;
    if (out.table.empty()) return out;
    const driver::TableSize* size = sizes_.Find(out.table);
    // CREATE TABLE IF NOT EXISTS of a table the target has creates nothing.
    if (creates_table && !(s.if_not_exists && size != nullptr)) {
      created_.insert(TableKey(out.table));
      out.origin = TableOrigin::kNew;
    } else if (created_.count(TableKey(out.table)) > 0) {
      out.origin = TableOrigin::kNew;
    } else if (size != nullptr) {
      out.origin = TableOrigin::kTarget;
      out.table_bytes = size->bytes;
      out.table_rows = size->rows;
    } else {
      out.origin = TableOrigin::kUnknown;
    }
    return out;
  }

 private:
  Dialect dialect_;
  TableSizeIndex sizes_;
  std::set<std::string> created_;  // by TableKey
};

void AddOnce(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

ReviewTotals Totals(const std::vector<ReviewedStep>& steps) {
  ReviewTotals t;
  std::set<std::string> migrations;
  for (const ReviewedStep& step : steps) {
    migrations.insert(step.id);
    ++t.steps;
    t.statements += step.statements.size();
    for (const std::string& table : step.blocking_tables) AddOnce(t.blocking_tables, table);
    for (const LintedFinding& f : step.findings) {
      switch (f.finding.severity) {
        case sql::lint::Severity::kError:
          ++t.errors;
          break;
        case sql::lint::Severity::kWarning:
          ++t.warnings;
          break;
        case sql::lint::Severity::kInfo:
          ++t.infos;
          break;
        case sql::lint::Severity::kOff:
          break;
      }
    }
    if (!step.transactional) {
      t.non_transactional.push_back(step.phase.empty() ? step.id
                                                       : step.id + " (" + step.phase + ")");
    }
    if (step.meta.breaking.value_or(false)) AddOnce(t.breaking, step.id);
  }
  t.migrations = migrations.size();
  return t;
}

}  // namespace

const char* TableOriginName(TableOrigin origin) {
  switch (origin) {
    case TableOrigin::kNone:
      return "none";
    case TableOrigin::kTarget:
      return "target";
    case TableOrigin::kNew:
      return "new";
    case TableOrigin::kUnknown:
      return "unknown";
  }
  return "none";
}

PlanReview BuildPlanReview(const RunReport& run, const source::MigrationSet& set, Dialect dialect,
                           const LintReport& lint, const std::vector<driver::TableSize>& sizes) {
  PlanReview report;
  report.dialect = dialect;
  const MigrationsById by_id = IndexById(set);
  StatementPlanner planner(dialect, sizes);
  for (const StepReport& step : run.steps) {
    ReviewedStep out;
    out.id = step.id;
    out.description = step.description;
    out.phase = step.phase;
    out.script = step.script;
    out.transactional = step.transactional;
    out.transaction_mode = step.transaction.mode;
    out.transaction_reason = step.transaction_reason;
    const StepScripts scripts = ScriptsOf(step, by_id);
    if (scripts.migration) out.meta = scripts.migration->meta;
    if (scripts.up) out.checks = scripts.up->checks;
    const LineIndex lines(scripts.up ? std::string_view(scripts.up->sql) : std::string_view());
    for (const sql::Statement& stmt : step.statements) {
      if (scripts.up) {
        out.statements.push_back(planner.Plan(stmt, *scripts.up, lines));
      } else {  // not a dry run of `set`: the statement as it is, nothing known about it
        ReviewedStatement& bare = out.statements.emplace_back();
        bare.text = stmt.text;
      }
    }
    for (const LintedFinding& f : lint.findings) {
      if (Covers(scripts.up, f.file, f.line) || Covers(scripts.down, f.file, f.line)) {
        out.findings.push_back(f);
      }
    }
    for (const ReviewedStatement& s : out.statements) {
      if (s.impact == sql::lint::LockImpact::kBlocksAll && s.origin != TableOrigin::kNew &&
          !s.table.empty()) {
        AddOnce(out.blocking_tables, s.table);
      }
    }
    report.steps.push_back(std::move(out));
  }
  report.totals = Totals(report.steps);
  return report;
}

std::set<std::string> PlanFiles(const RunReport& run, const source::MigrationSet& set) {
  const MigrationsById by_id = IndexById(set);
  std::set<std::string> files;
  for (const StepReport& step : run.steps) {
    const StepScripts scripts = ScriptsOf(step, by_id);
    if (scripts.up) files.insert(scripts.up->path);
    if (scripts.down) files.insert(scripts.down->path);
  }
  return files;
}

}  // namespace strata::engine
