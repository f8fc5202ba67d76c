#include "engine/lint.h"

#include <algorithm>

#include "base/strings.h"
#include "engine/backfill.h"
#include "sql/lint/context.h"
#include "sql/lint/registry.h"

namespace strata::engine {

using sql::lint::Context;
using sql::lint::Severity;

size_t LintReport::errors() const {
  return static_cast<size_t>(
      std::count_if(findings.begin(), findings.end(),
                    [](const LintedFinding& f) { return f.finding.severity == Severity::kError; }));
}

LintRunner::LintRunner(const sql::lint::Linter& linter, Dialect dialect, LintRunOptions options)
    : linter_(linter),
      dialect_(dialect),
      options_(std::move(options)),
      builtin_(sql::lint::BuiltinFindings()) {}

Status LintRunner::UseTarget(driver::Introspection& conn,
                             std::optional<std::vector<driver::TableSize>> sizes) {
  if (!sizes) {
    STRATA_ASSIGN_OR_RETURN(sizes, conn.TableSizes());
  }
  STRATA_ASSIGN_OR_RETURN(std::vector<driver::ColumnType> columns, conn.ColumnTypes());
  sizes_ = TableSizeIndex(*sizes);
  for (const driver::TableSize& t : *sizes) {
    // The table exists, even with no columns read.
    target_schema_[Context::Key({t.schema, t.table})];
  }
  for (const driver::ColumnType& c : columns) {
    target_schema_[Context::Key({c.schema, c.table})].columns[ToLower(c.column)] =
        sql::TypeRef{ToLower(c.type), {}, false};
  }
  return Status::Ok();
}

const sql::lint::RuleInfo* LintRunner::FindRule(const std::string& id) const {
  for (const auto& rule : linter_.rules()) {
    if (rule->info().id == id) return &rule->info();
  }
  for (const auto& info : builtin_) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

void LintRunner::LintScript(const source::Script& script, const sql::lint::ScriptOptions& options,
                            std::map<std::string, sql::lint::TableState>& schema, bool carry,
                            LintReport& report) {
  std::string bound;
  if (!script.backfills.empty()) {
    // The parser does not know a backfill's :lo and :hi; $1 and $2 stand in for them.
    bool lo = false, hi = false;
    bound = ReplaceBackfillBounds(script.sql, dialect_, &lo, &hi);
  }
  sql::lint::ScriptResult result =
      linter_.Lint(script.backfills.empty() ? script.sql : bound, dialect_, options, schema);
  report.statements += result.statements;
  if (carry) schema = std::move(result.after);
  if (!options_.only_files.empty() && options_.only_files.count(script.path) == 0) return;
  const LineIndex lines(script.sql);
  for (sql::lint::Finding& f : result.findings) {
    LintedFinding out;
    const LineColumn at = lines.Locate(f.offset);
    const source::Script::Place place = script.LocateLine(at.line);  // \i: the included file
    out.file = std::string(place.path);
    out.line = place.line;
    out.column = at.column;
    out.source_line = std::string(lines.LineAt(f.offset));
    if (const sql::lint::RuleInfo* info = FindRule(f.rule)) out.rule = *info;
    if (const driver::TableSize* size = sizes_.Find(f.lock.table)) {
      out.table_bytes = size->bytes;
      out.table_rows = size->rows;
    }
    out.finding = std::move(f);
    report.findings.push_back(std::move(out));
  }
}

namespace {

// What `script`'s directives ask for; the linter infers the rest from its
// statements, as the engine does when it runs it.
sql::lint::ScriptOptions AsAsked(sql::lint::ScriptOptions options, const source::Script& script) {
  options.transactional = !script.no_transaction && script.backfills.empty();
  options.force_transaction = script.force_transaction;
  return options;
}

}  // namespace

LintReport LintRunner::LintSet(const source::MigrationSet& set) {
  LintReport report;
  std::map<std::string, sql::lint::TableState> schema = target_schema_;
  for (const source::Migration& m : set.migrations) {
    if (m.is_phased()) {
      LintPhases(m, schema, report);
      continue;
    }
    sql::lint::ScriptOptions up;
    up.lock_timeout_set = options_.lock_timeout_set;
    up.has_rollback = m.down.has_value() || m.is_repeatable();
    LintScript(m.up, AsAsked(up, m.up), schema, /*carry=*/true, report);
    ++report.files;
    if (m.down) {
      sql::lint::ScriptOptions down = AsAsked(up, *m.down);
      down.rollback = true;
      down.has_rollback = true;
      std::map<std::string, sql::lint::TableState> after = schema;
      LintScript(*m.down, down, after, /*carry=*/false, report);
      if (m.down->path != m.up.path) ++report.files;
    }
  }
  return report;
}

// Each phase is linted as the script it is: the schema carries from phase to
// phase, a phase with a backfill runs outside a transaction, and the drops of the
// contract phase are its planned end, not an accident.
void LintRunner::LintPhases(const source::Migration& m,
                            std::map<std::string, sql::lint::TableState>& schema,
                            LintReport& report) {
  for (const source::PhaseScripts& p : m.phases) {
    sql::lint::ScriptOptions up;
    up.lock_timeout_set = options_.lock_timeout_set;
    up.has_rollback = p.down.has_value();
    up.contract_phase = p.phase == source::Phase::kContract;
    LintScript(p.up, AsAsked(up, p.up), schema, /*carry=*/true, report);
    if (p.down) {
      sql::lint::ScriptOptions down = AsAsked(up, *p.down);
      down.rollback = true;
      down.has_rollback = true;
      down.contract_phase = false;
      std::map<std::string, sql::lint::TableState> after = schema;
      LintScript(*p.down, down, after, /*carry=*/false, report);
    }
  }
  ++report.files;
}

LintReport LintRunner::LintFile(const source::Script& script) {
  LintReport report;
  sql::lint::ScriptOptions options;
  options.lock_timeout_set = options_.lock_timeout_set;
  options.whole_migration = false;
  std::map<std::string, sql::lint::TableState> schema = target_schema_;
  LintScript(script, AsAsked(options, script), schema, /*carry=*/false, report);
  report.files = 1;
  return report;
}

}  // namespace strata::engine
