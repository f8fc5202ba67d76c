// Linting migrations with their context: the schema that earlier migrations (and,
// given a connection, the target database) leave behind, carried from file to
// file, and findings located at file:line:column with the target's table sizes.
//
// Borrows the Linter; not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/dialect.h"
#include "base/status.h"
#include "driver/introspection.h"
#include "engine/table_sizes.h"
#include "source/migration.h"
#include "sql/lint/linter.h"

namespace strata::engine {

struct LintedFinding {
  sql::lint::Finding finding;
  // The rule's description, copied: a report outlives the runner and linter that
  // made it. Empty for the linter's own findings.
  std::optional<sql::lint::RuleInfo> rule;
  std::string file;
  int line = 0;
  int column = 0;
  std::string source_line;   // the file's line, for a caret under the column
  int64_t table_bytes = -1;  // the locked table's size on the target, when known
  int64_t table_rows = -1;   // its estimated rows, when known
};

struct LintReport {
  std::vector<LintedFinding> findings;
  size_t files = 0;
  size_t statements = 0;
  size_t errors() const;
};

struct LintRunOptions {
  bool lock_timeout_set = false;  // strata sets a lock_timeout for the run
  // Only findings in these files are reported (the whole set is still read for
  // context); empty means every file.
  std::set<std::string> only_files;
};

class LintRunner {
 public:
  LintRunner(const sql::lint::Linter& linter, Dialect dialect, LintRunOptions options);

  // Reads the target's tables, columns and sizes (one round trip each), so that
  // findings know what exists and how big it is. `sizes`: the target's
  // TableSizes() when the caller has read them already (then not read again).
  Status UseTarget(driver::Introspection& conn,
                   std::optional<std::vector<driver::TableSize>> sizes = std::nullopt);

  // Replaces LintRunOptions::only_files for the next runs.
  void set_only_files(std::set<std::string> files) { options_.only_files = std::move(files); }

  // Every migration of `set` in order (up scripts, then rollbacks as rollbacks),
  // each with the schema the ones before it left.
  LintReport LintSet(const source::MigrationSet& set);
  // A lone SQL file outside any migrations directory, as one migration.
  LintReport LintFile(const source::Script& script);

 private:
  void LintPhases(const source::Migration& m, std::map<std::string, sql::lint::TableState>& schema,
                  LintReport& report);
  void LintScript(const source::Script& script, const sql::lint::ScriptOptions& options,
                  std::map<std::string, sql::lint::TableState>& schema, bool carry,
                  LintReport& report);
  const sql::lint::RuleInfo* FindRule(const std::string& id) const;

  const sql::lint::Linter& linter_;
  Dialect dialect_;
  LintRunOptions options_;
  std::map<std::string, sql::lint::TableState> target_schema_;  // from UseTarget
  TableSizeIndex sizes_;                                        // from UseTarget
  std::vector<sql::lint::RuleInfo> builtin_;
};

}  // namespace strata::engine
