// Catalogue: commands, flags, URLs and paths. An over-long path once ended
// strata with an uncaught exception; `lint --since` once built a shell command
// from its ref; a read-only command once created the SQLite file it was given.
#include <string>

#include "tests/integration/catalogue.h"

namespace strata::testing::catalogue {

std::vector<Case> CommandLineCases() {
  const std::string long_name(300, 'x');
  std::vector<Case> cases = {
      {"unknown-command", "`stauts` for `status`", {"stauts"}, kBadInput, {"stauts", "status"}},
      {"unknown-flag", "`--dry-rn` for `--dry-run`", {"up", "--dry-rn"}, kBadInput,
       {"--dry-rn", "--dry-run"}},
      {"flag-without-value", "`--to` with nothing after it", {"up", "--to"}, kBadInput, {"--to"}},
      {"lock-timeout-not-a-number", "`--lock-timeout soon`", {"--lock-timeout", "soon", "up"},
       kBadInput, {"--lock-timeout", "soon"}},
      {"lock-timeout-negative", "`--lock-timeout -5`", {"--lock-timeout", "-5", "up"}, kBadInput,
       {"--lock-timeout", "-5"}},
      {"up-to-unknown-version", "`up --to` a version no file has", {"up", "--to", "999"},
       kBadInput, {"999"}},
      {"down-to-unknown-version", "`down --to` a version never applied", {"down", "--to", "999"},
       kBadInput, {"999"}},
      {"down-steps-zero", "`down --steps 0`", {"down", "--steps", "0"}, kBadInput, {"--steps"}},
      {"unknown-phase", "`up --phase expnad`", {"up", "--phase", "expnad"}, kBadInput,
       {"expnad", "expand"}},
      {"unknown-plan-format", "`plan --format yml`", {"plan", "--format", "yml"}, kBadInput,
       {"yml"}},
      {"baseline-over-history", "`baseline` where migrations are already applied",
       {"baseline", "--version", "001"}, kFailure, {"history of stream 'main' is not empty"}},
      {"unknown-lint-dialect", "`lint --dialect postgress`",
       {"lint", "--dialect", "postgress", "migrations"}, kBadInput,
       {"postgress", "did you mean postgres?"}},
      {"lint-since-command", "a `--since` ref that is a shell command",
       {"lint", "--since", "$(touch pwned)", "migrations"}, kBadInput, {"$(touch pwned)"},
       {}, nullptr, kBoth, {"pwned"}},
      {"lint-since-option", "a `--since` ref that is a git option",
       {"lint", "--since", "--output=pwned", "migrations"}, kBadInput, {"--output=pwned"},
       {}, nullptr, kBoth, {"pwned"}},
      {"lint-missing-path", "`lint` on a file that does not exist", {"lint", "nope.sql"},
       kBadInput, {"nope.sql"}},
      {"new-empty-name", "`new \"\"`", {"new", ""}, kBadInput, {"name"}},
      {"new-over-long-name", "`new` with a 300-character name", {"new", long_name}, kBadInput,
       {"xxxxxxxx"}},
      {"migrations-dir-missing", "`--dir` naming nothing", {"--dir", "{dir}/nope", "up"},
       kBadInput, {"nope"}},
      {"migrations-dir-is-a-file", "`--dir` naming a file",
       {"--dir", "{dir}/migrations/001_users.sql", "up"}, kBadInput, {"not a directory"}},
      {"diff-from-missing", "`diff --from` a file that does not exist",
       {"diff", "--from", "{dir}/nope.json", "--to", "{dir}/nope2.json"}, kBadInput,
       {"nope.json"}},
      {"diff-from-not-a-snapshot", "`diff --from` a JSON file that is not a schema",
       {"diff", "--from", "{dir}/wrong.json", "--to", "{dir}/wrong.json"}, kBadInput,
       {"wrong.json"}, {{"wrong.json", "{\"tables\": 42}\n"}}},
      {"diff-from-over-long", "`diff --from` an over-long path",
       {"diff", "--from", "{dir}/" + long_name + ".sql", "--to", "{dir}/b.sql"}, kBadInput,
       {"xxxxxxxx"}},
      {"generate-desired-missing", "`generate --desired` a file that does not exist",
       {"generate", "add things", "--desired", "{dir}/nope.sql"}, kBadInput, {"nope.sql"}},
      {"init-config-over-long", "`init --config` an over-long path",
       {"--config", "{dir}/" + long_name + ".toml", "init"}, kBadInput, {"xxxxxxxx"}},
      {"url-unknown-scheme", "`--url mysql://...`", {"--url", "mysql://u@h/db", "status"},
       kBadInput, {"mysql://"}},
      {"sqlite-file-missing", "a read-only command on a SQLite file that does not exist",
       {"--url", "sqlite:{dir}/nope.db", "status"}, kBadInput, {"nope.db", "no such database file"},
       {}, nullptr, kBoth, {"nope.db"}},
      {"sqlite-path-is-a-directory", "a SQLite path that is a directory",
       {"--url", "sqlite:{dir}/migrations", "up"}, kBadInput, {"migrations"}},
      {"connection-refused", "a server that is not there",
       {"--url", "postgres://u@127.0.0.1:9/db", "status"}, kFailure, {"127.0.0.1", "9"}},
  };
  // PostgreSQL would cut the name short and "<name>_backfill" with it, into one name.
  Case long_table{"history-table-too-long", "a history table name PostgreSQL would cut short",
                  {"--history-table", std::string(60, 'h'), "up"}, kBadInput,
                  {"is 60 bytes long", "use at most 54"}};
  long_table.engines = kPostgres;
  cases.push_back(std::move(long_table));
  Case slash{"url-unencoded-slash-in-password", "a URL password with an unencoded `/`",
             {"--url", "postgres://u:pa/ss@127.0.0.1:9/db", "status"}, kBadInput, {"%2F"}};
  slash.hidden = {"pa/ss"};
  cases.push_back(std::move(slash));
  return cases;
}

}  // namespace strata::testing::catalogue
