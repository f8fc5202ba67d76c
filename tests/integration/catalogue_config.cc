// Catalogue: strata.toml. An unknown key was once ignored, so a typo (`onup`)
// turned the lint gate off; every table and key is known now and every value
// typed and ranged. Line 1 of each file is a comment, so that the line numbers
// are not all 1.
#include "tests/integration/catalogue.h"

namespace strata::testing::catalogue {
namespace {

// `strata up` with strata.toml holding `toml`.
Case Config(std::string id, std::string problem, std::string toml, std::vector<std::string> words) {
  return Case{std::move(id), std::move(problem), {"up"},
              kBadInput,     std::move(words),   {{"strata.toml", std::move(toml)}}};
}

}  // namespace

std::vector<Case> ConfigCases() {
  std::vector<Case> cases = {
      Config("config-unknown-key", "`onup` for `on_up`: the lint gate would be off",
             "# x\n[lint]\nonup = \"error\"\n",
             {"strata.toml:3:", "[lint] onup: unknown key", "did you mean on_up?"}),
      Config("config-words-for-seconds", "`lock_timeout = \"sixty\"`",
             "# x\n[run]\nlock_timeout = \"sixty\"\n",
             {"strata.toml:3:", "[run] lock_timeout = \"sixty\"",
              "whole number of seconds from 0 to 86400"}),
      Config("config-negative-seconds", "`lock_timeout = -5`", "# x\n[run]\nlock_timeout = -5\n",
             {"strata.toml:3:", "[run] lock_timeout = -5", "from 0 to 86400"}),
      Config("config-url-not-a-string", "`url = 42`", "# x\n[database]\nurl = 42\n",
             {"strata.toml:3:", "[database] url = 42", "a non-empty string"}),
      Config("config-float-for-count", "`lock_retries = 1e9`", "# x\n[run]\nlock_retries = 1e9\n",
             {"strata.toml:3:", "[run] lock_retries = 1e9", "a whole number from 0 to 1000"}),
      Config("config-count-out-of-range", "`lock_retries = 5000`",
             "# x\n[run]\nlock_retries = 5000\n",
             {"strata.toml:3:", "lock_retries = 5000", "0 to 1000"}),
      Config("config-boolean-for-seconds", "`lock_timeout = true`",
             "# x\n[run]\nlock_timeout = true\n", {"strata.toml:3:", "lock_timeout = true"}),
      Config("config-placeholder-not-a-string", "a [placeholders] value that is a number",
             "# x\n[placeholders]\nschema = 5\n",
             {"strata.toml:3:", "[placeholders] schema = 5", "string"}),
      Case{"placeholder-without-value",
           "a migration using `${owner}` where [placeholders] has only `schema`",
           {"up"},
           kBadInput,
           {"002_a.sql:2:", "${owner} has no value", "(it has: schema)"},
           {{"strata.toml", "# x\n[placeholders]\nschema = \"app\"\n"},
            {"migrations/002_a.sql",
             "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1); -- ${owner}\n"}}},
      Config("config-connect-timeout-zero", "`connect_timeout = 0`",
             "# x\n[database]\nconnect_timeout = 0\n",
             {"strata.toml:3:", "[database] connect_timeout = 0", "from 1 to 86400"}),
      Config("config-unknown-table", "`[databse]`", "# x\n[databse]\nurl = \"sqlite:other.db\"\n",
             {"strata.toml:2:", "[databse]: unknown table", "did you mean [database]?"}),
      Config("config-key-outside-table", "`url` before any table",
             "# x\nurl = \"sqlite:other.db\"\n",
             {"strata.toml:2:", "url: unknown key outside any table", "[database]"}),
      Config("config-unknown-layout", "`layout = \"numberd\"`",
             "# x\n[migrations]\ndir = \"migrations\"\nlayout = \"numberd\"\n",
             {"strata.toml:4:", "[migrations] layout = \"numberd\"", "did you mean numbered?"}),
      Config("config-misspelled-key", "`layot` for `layout`",
             "# x\n[migrations]\nlayot = \"numbered\"\n",
             {"strata.toml:3:", "[migrations] layot: unknown key", "did you mean layout?"}),
      Config(
          "config-unknown-lint-rule", "`drop-tabel` under [lint.rules]",
          "# x\n[lint.rules]\ndrop-tabel = \"error\"\n",
          {"strata.toml:3:", "[lint.rules] drop-tabel: unknown key", "did you mean drop-table?"}),
      Config(
          "config-unknown-severity", "`drop-table = \"fatal\"`",
          "# x\n[lint.rules]\ndrop-table = \"fatal\"\n",
          {"strata.toml:3:", "[lint.rules] drop-table = \"fatal\"", "off, info, warning or error"}),
      Config("config-misspelled-severity", "`on_up = \"eror\"`",
             "# x\n[run]\nlock_timeout = 60\n\n[lint]\non_up = \"eror\"\n",
             {"strata.toml:6:", "[lint] on_up = \"eror\"", "did you mean error?"}),
      Config("config-mixed-array", "a number among the boolean prefixes",
             "# x\n[lint.naming]\nboolean_prefixes = [\"is_\", 3]\n",
             {"strata.toml:3:", "[lint.naming] boolean_prefixes holds 3", "an array of strings"}),
      Config("config-misspelled-backup-key", "`before_aply`",
             "# x\n[backup]\nbefore_aply = \"echo hi\"\n",
             {"strata.toml:3:", "[backup] before_aply: unknown key", "did you mean before_apply?"}),
      Config("config-fraction-of-days", "`max_age_days = 3.5`",
             "# x\n[rollback]\nmax_age_days = 3.5\n",
             {"strata.toml:3:", "[rollback] max_age_days = 3.5", "whole number of days"}),
      Config("config-string-for-array", "`exclude = \"audit.*\"`",
             "# x\n[drift]\nexclude = \"audit.*\"\n",
             {"strata.toml:3:", "[drift] exclude = \"audit.*\"", "an array of strings"}),
      Config("config-empty-dir", "`dir = \"\"`", "# x\n[migrations]\ndir = \"\"\n",
             {"strata.toml:3:", "[migrations] dir = \"\""}),
      Config("config-value-for-table", "`run = 5`", "# x\nrun = 5\n",
             {"strata.toml:2:", "[run] must be a table, not 5"}),
      Config("config-unknown-key-listed", "a key strata has no close spelling for",
             "# x\n[run]\nparallel = 4\n",
             {"strata.toml:3:", "[run] parallel: unknown key (known keys: lock_timeout,"}),
      Config("config-milliseconds-out-of-range", "`statement_timeout_ms = 100000000`",
             "# x\n[backfill]\nstatement_timeout_ms = 100000000\n",
             {"strata.toml:3:", "statement_timeout_ms = 100000000", "from 0 to 86400000"}),
      Config("config-syntax", "a table header without its bracket", "# x\n[database\nurl = 1\n",
             {"strata.toml:2:"}),
      Config("config-duplicate-key", "the same key twice",
             "# x\n[run]\nlock_timeout = 5\nlock_timeout = 6\n",
             {"strata.toml:4:", "lock_timeout"}),
      Config("config-unsafe-bytes", "non-ASCII bytes where toml++ 3.3.0 misreads them",
             "# x\n[run]\nlock_timeout = 1\xc2\xa0\n", {"strata.toml:3:"}),
      {"config-is-a-directory",
       "--config naming a directory",
       {"--config", "{dir}/migrations", "up"},
       kBadInput,
       {"migrations", "is a directory"}},
      {"config-missing",
       "--config naming a file that does not exist",
       {"--config", "{dir}/strata-prod.toml", "up"},
       kBadInput,
       {"strata-prod.toml"}},
  };
  // Flyway's defaultSchema: SQLite has no schemas to put first.
  Case schema = Config("config-schema-on-sqlite", "`[database] schema` for a SQLite target",
                       "# x\n[database]\nschema = \"app\"\n",
                       {"[database] schema 'app'", "SQLite has no schemas"});
  schema.engines = kSqlite;
  cases.push_back(std::move(schema));
  return cases;
}

}  // namespace strata::testing::catalogue
