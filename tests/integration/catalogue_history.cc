// Catalogue: history tables edited by hand. A meta row holding text once ended
// strata with an uncaught std::stoi; a hand-edited checksum once read as a
// formatting-only edit.
#include "tests/integration/catalogue.h"

namespace strata::testing::catalogue {
namespace {

// `args` after `sql` edited the history behind strata's back.
Case Edited(std::string id, std::string problem, std::string sql, std::vector<std::string> args,
            int exit_code, std::vector<std::string> words) {
  Case c{std::move(id), std::move(problem), std::move(args), exit_code, std::move(words)};
  c.prepare = [sql = std::move(sql)](const Context& context) { context.sql(sql); };
  return c;
}

}  // namespace

std::vector<Case> HistoryCases() {
  std::vector<Case> cases = {
      Edited("history-format-text", "the format row of the meta table holds `x`",
             "UPDATE strata_schema_history_meta SET value = 'x' WHERE name = 'format_version'",
             {"up"}, kBadInput,
             {"strata_schema_history_meta", "format_version", "'x'", "edited by hand"}),
      Edited("history-format-huge", "the format row holds a number past any int",
             "UPDATE strata_schema_history_meta SET value = '99999999999' "
             "WHERE name = 'format_version'",
             {"validate"}, kBadInput, {"format_version", "'99999999999'"}),
      Edited("history-format-newer", "a format from a newer strata",
             "UPDATE strata_schema_history_meta SET value = '99' WHERE name = 'format_version'",
             {"up"}, kFailure, {"format 99, newer than this strata"}),
      Edited("history-checksum-edited", "a checksum edited by hand",
             "UPDATE strata_schema_history SET checksum_content = 'feed' || "
             "substr(checksum_content, 5)",
             {"validate"}, kCheckFailed, {"001", "edited outside strata"}),
      Edited("history-applied-by-edited", "who applied a migration, edited by hand",
             "UPDATE strata_schema_history SET applied_by = 'mallory'", {"up"}, kFailure,
             {"001", "edited outside strata"}),
      Edited("history-unknown-state", "a state strata never writes",
             "UPDATE strata_schema_history SET state = 'half-done'", {"status"}, kBadInput,
             {"state (installed_rank 1): 'half-done' is none of applied, running"}),
      Edited("history-unknown-kind", "a kind strata never writes",
             "UPDATE strata_schema_history SET kind = 'versoined'", {"up"}, kBadInput,
             {"kind (installed_rank 1): 'versoined' is none of versioned, repeatable"}),
  };
  // SQLite keeps text in an INTEGER column; PostgreSQL would refuse the edit.
  Case text = Edited("history-text-for-number", "text where the history keeps a number",
                     "UPDATE strata_schema_history SET execution_ms = 'fast'", {"history"},
                     kBadInput, {"execution_ms (installed_rank 1): 'fast' is not a whole number"});
  text.engines = kSqlite;
  cases.push_back(std::move(text));
  // Seed 002's hand-kept history table: strata must neither read its rows nor
  // add its own columns to it.
  cases.push_back(Edited("history-table-of-another-tool",
                         "`--history-table` naming a table another tool keeps",
                         "CREATE TABLE schema_metadata (version TEXT PRIMARY KEY, applied_at "
                         "TEXT, description TEXT)",
                         {"--history-table", "schema_metadata", "up"}, kBadInput,
                         {"schema_metadata", "strata did not make it"}));
  return cases;
}

}  // namespace strata::testing::catalogue
