// What a run of `strata up` would do, for review before it does it: the steps of
// a dry run with, for each statement, the table lock it takes and the size of
// that table on the target; each migration's metadata and lint findings; and
// totals. Built from values the caller already has (the dry run, the migration
// set, a lint report, the target's table sizes); no database access, so that
// `strata plan` and `strata up --dry-run` show the same thing and report/ renders it.
//
// Plain values; copy freely.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/dialect.h"
#include "driver/driver.h"
#include "engine/engine.h"
#include "engine/lint.h"
#include "source/migration.h"
#include "sql/lint/finding.h"

namespace strata::engine {

// Where the size of a statement's table comes from.
enum class TableOrigin {
  kNone,     // the statement names no table
  kTarget,   // the table exists on the target; bytes and rows say how big (-1: not told)
  kNew,      // created by this plan (by this statement or an earlier one): empty
  kUnknown,  // not on the target and not created by this plan
};
const char* TableOriginName(TableOrigin origin);  // "none", "target", "new", "unknown"

struct ReviewedStatement {
  std::string text;  // as it runs, without the ';'
  int line = 0;      // file line on which it starts
  // The strongest lock it takes, as the dialect names it (sql::lint::LockOf:
  // "ACCESS EXCLUSIVE", SQLite's "DATABASE WRITE"); empty when none worth naming.
  std::string lock;
  std::string table;  // the table locked or created, as written; empty when none
  TableOrigin origin = TableOrigin::kNone;
  int64_t table_bytes = -1;  // the table's size on the target; -1 when unknown
  int64_t table_rows = -1;   // its estimated row count (PostgreSQL: pg_class.reltuples)
  sql::lint::LockImpact impact = sql::lint::LockImpact::kNone;  // what `lock` does to others
};

// One step of the dry run: a migration, or one phase of a phased migration.
struct ReviewedStep {
  std::string id;
  std::string description;
  std::string phase;   // expand | migrate | contract; empty without phases
  std::string script;  // file path
  bool transactional = true;
  // How it runs, and why (StepReport::transaction_reason).
  sql::TransactionMode transaction_mode = sql::TransactionMode::kSingle;
  std::string transaction_reason;
  source::Metadata meta;
  std::vector<ReviewedStatement> statements;
  std::vector<source::Check> checks;  // its validation checks, in file order
  // Tables on the target that a statement locks against reads and writes
  // (LockImpact::kBlocksAll), each once; tables this plan creates are left out.
  std::vector<std::string> blocking_tables;
  // Findings in this step's script and its rollback, in file order.
  std::vector<LintedFinding> findings;
};

struct ReviewTotals {
  size_t migrations = 0;  // distinct migrations (a phased one counts once)
  size_t steps = 0;
  size_t statements = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;
  // Tables on the target that a statement locks against reads and writes
  // (LockImpact::kBlocksAll: PostgreSQL's ACCESS EXCLUSIVE), in plan order, each
  // once (tables this plan creates are left out: nobody else uses them yet).
  std::vector<std::string> blocking_tables;
  std::vector<std::string> non_transactional;  // step ids ("003", "004 (contract)")
  std::vector<std::string> breaking;           // migration ids, each once
};

struct PlanReview {
  std::string target;  // the database, for display (no password)
  Dialect dialect = Dialect::kPostgres;
  std::vector<ReviewedStep> steps;
  ReviewTotals totals;
};

// `run` is Engine::Up's dry run over `set`; `lint` a LintRunner report that
// covers (at least) the files of its steps; `sizes` the target's
// Connection::TableSizes(). Findings outside the steps' scripts are left out.
PlanReview BuildPlanReview(const RunReport& run, const source::MigrationSet& set, Dialect dialect,
                           const LintReport& lint, const std::vector<driver::TableSize>& sizes);

// The files a plan of `run` lints: each step's script and its migration's rollback.
std::set<std::string> PlanFiles(const RunReport& run, const source::MigrationSet& set);

}  // namespace strata::engine
