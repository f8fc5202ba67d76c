// Catalogue: migration files strata must not misread. A misspelled directive
// once was a comment, so a rollback ran as part of `up` or a critical check
// never ran; a NUL byte looped forever on SQLite and cut the file short on
// PostgreSQL.
#include <filesystem>

#include "tests/integration/catalogue.h"

namespace strata::testing::catalogue {

namespace fs = std::filesystem;

namespace {

constexpr const char* kTable = "CREATE TABLE a (id INTEGER PRIMARY KEY, b INTEGER);\n";

// A case whose one pending migration, 002_a.sql, holds `sql`.
Case Pending(std::string id, std::string problem, const std::string& sql,
             std::vector<std::string> words, int exit_code = kBadInput) {
  return Case{std::move(id), std::move(problem), {"up"},
              exit_code,     std::move(words),   {{"migrations/002_a.sql", sql}}};
}

}  // namespace

std::vector<Case> MigrationFileCases() {
  std::vector<Case> cases = {
      Pending("misspelled-down-marker", "`-- strata:donw` where `-- strata:down` was meant",
              std::string(kTable) + "-- strata:donw\nDROP TABLE a;\n",
              {"002_a.sql:2:1", "'-- strata:donw'", "did you mean -- strata:down?"}),
      Pending("misspelled-dbmate-marker", "`-- migrate:dwn` in a dbmate file",
              std::string("-- migrate:up\n") + kTable + "-- migrate:dwn\nDROP TABLE a;\n",
              {"002_a.sql:3:1", "did you mean -- migrate:down?"}),
      Pending(
          "misspelled-check", "`-- strata:chek`: a critical check that would never run",
          std::string(kTable) + "-- strata:chek pre critical expect=0\nSELECT count(*) FROM a;\n",
          {"002_a.sql:2:1", "did you mean -- strata:check?"}),
      Pending("misspelled-check-option", "`critcal` for `critical` on a check",
              std::string("-- strata:check pre critcal expect=0\nSELECT 0;\n") + kTable,
              {"002_a.sql:1:1", "'critcal' is not an option of -- strata:check",
               "did you mean critical?"}),
      Pending("check-without-expect", "a check that does not say what it expects",
              std::string("-- strata:check pre critical\nSELECT 0;\n") + kTable,
              {"002_a.sql:1:1", "needs expect=<value>"}),
      Pending("check-that-writes", "a check whose query deletes rows",
              std::string("-- strata:check pre critical expect=0\nDELETE FROM users;\n") + kTable,
              {"002_a.sql:", "must read"}),
      Pending("check-unknown-moment", "a check that is neither pre nor post",
              std::string("-- strata:check during critical expect=0\nSELECT 0;\n") + kTable,
              {"002_a.sql:1:1", "during"}),
      Pending("misspelled-no-transaction", "`-- strata:no-transation`",
              std::string("-- strata:no-transation\n") + kTable,
              {"002_a.sql:1:1", "did you mean -- strata:no-transaction?"}),
      Pending("misspelled-backfill-option", "`pasue=5` on a backfill",
              std::string(kTable) + "-- strata:backfill table=a key=id batch=10 pasue=5\n"
                                    "UPDATE a SET b = 1 WHERE id > :lo AND id <= :hi;\n",
              {"002_a.sql:2:1", "did you mean pause=5?"}),
      Pending("backfill-batch-zero", "a backfill of batches of 0 rows",
              std::string(kTable) + "-- strata:backfill table=a key=id batch=0\n"
                                    "UPDATE a SET b = 1 WHERE id > :lo AND id <= :hi;\n",
              {"002_a.sql:2:1", "batch"}),
      Pending("backfill-without-table", "a backfill that does not name its table",
              std::string(kTable) + "-- strata:backfill key=id batch=10\n"
                                    "UPDATE a SET b = 1 WHERE id > :lo AND id <= :hi;\n",
              {"002_a.sql:2:1", "table"}),
      Pending("misspelled-dbmate-option", "`transaction:flase` in a dbmate file",
              std::string("-- migrate:up transaction:flase\n") + kTable,
              {"002_a.sql:1:1", "did you mean transaction:false?"}),
      Pending("misspelled-phase-rollback", "`-- strata:expnad:down`",
              std::string("-- strata:expand\n") + kTable + "-- strata:expnad:down\nDROP TABLE a;\n",
              {"002_a.sql:3:1", "did you mean -- strata:expand:down?"}),
      Pending("misspelled-lint-ignore", "`-- strata:lint-ingore`",
              std::string("-- strata:lint-ingore drop-table ok\n") + kTable,
              {"002_a.sql:1:1", "did you mean -- strata:lint-ignore?"}),
      Pending("lint-ignore-unknown-rule", "a lint-ignore naming a rule that does not exist",
              std::string("-- strata:lint-ignore drop-tabel it is fine\n") + kTable,
              {"002_a.sql:1:1", "drop-tabel", "did you mean drop-table?"}),
      Pending("nul-byte", "a NUL byte inside a string literal",
              std::string(kTable) + std::string("SELECT '\0';\n", 12),
              {"002_a.sql:2:9", "NUL byte"}),
      Pending("not-utf8", "bytes that are not UTF-8 (Latin-1 text)",
              std::string(kTable) + "INSERT INTO a (id, b) VALUES (1, 2); -- caf\xe9\n",
              {"002_a.sql:2:", "UTF-8"}),
      Pending("sql-error", "SQL the database refuses (the migration rolls back)",
              std::string(kTable) + "INSERT INTO missing_table VALUES (1);\n",
              {"002_a.sql", "missing_table"}, kFailure),
      {"duplicate-version",
       "two files with the same version",
       {"up"},
       kBadInput,
       {"002"},
       {{"migrations/002_a.sql", kTable}, {"migrations/002_b.sql", kTable}}},
      {"rollback-is-a-file",
       "a file where the rollback directory belongs",
       {"up"},
       kBadInput,
       {"migrations/rollback", "not a directory"},
       {{"migrations/002_a.sql", kTable}, {"migrations/rollback", "DROP TABLE a;\n"}}},
      {"dangling-link",
       "a migration that is a symbolic link to nothing",
       {"up"},
       kBadInput,
       {"002_b.sql", "a symbolic link to", "which does not exist"},
       {},
       [](const Context& c) {
         fs::create_symlink(c.dir / "gone.sql", c.dir / "migrations/002_b.sql");
       }},
      {"applied-file-edited",
       "an applied migration edited afterwards",
       {"up"},
       kFailure,
       {"001_users.sql", "changed since it was applied"},
       {{"migrations/001_users.sql",
         "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);\n"},
        {"migrations/002_a.sql", kTable}}},
      {"out-of-order",
       "a new migration older than the newest applied one",
       {"up"},
       kFailure,
       {"000_zero.sql", "--allow-out-of-order"},
       {{"migrations/000_zero.sql", kTable}}},
      // Transaction control that cannot run as written (sql/transaction_mode.h).
      Pending("transaction-rollback", "a file that ends its own block with ROLLBACK",
              std::string("BEGIN;\n") + kTable + "ROLLBACK;\n",
              {"002_a.sql:3:1", "would undo the work before it"}),
      Pending("transaction-never-committed", "a BEGIN with no COMMIT after it",
              std::string("BEGIN;\n") + kTable, {"002_a.sql:1:1", "never committed"}),
      Pending("transaction-nested-begin", "a BEGIN inside the file's open block",
              std::string("BEGIN;\n") + kTable + "BEGIN;\nCOMMIT;\n",
              {"002_a.sql:3:1", "inside the transaction block opened on line 1"}),
      Pending("transaction-commit-without-begin", "a COMMIT with no BEGIN before it",
              std::string(kTable) + "COMMIT;\n", {"002_a.sql:2:1", "has no BEGIN before it"}),
      Pending("transaction-vacuum-in-block", "VACUUM inside the file's own BEGIN ... COMMIT",
              std::string("BEGIN;\n") + kTable + "VACUUM;\nCOMMIT;\n",
              {"002_a.sql:3:1", "cannot run inside a transaction block",
               "move it after the block's COMMIT"}),
      Pending("transaction-directives-contradict",
              "`-- strata:transaction` and `-- strata:no-transaction` in one header",
              std::string("-- strata:transaction\n-- strata:no-transaction\n") + kTable,
              {"002_a.sql:2:1", "contradict each other"}),
      Pending("transaction-forced-on-own-blocks",
              "`-- strata:transaction` on a file with two blocks of its own",
              std::string("-- strata:transaction\nBEGIN;\n") + kTable +
                  "COMMIT;\nBEGIN;\nINSERT INTO a VALUES (1, 1);\nCOMMIT;\n",
              {"002_a.sql:5:1", "-- strata:transaction asks for one transaction"}),
  };
  return cases;
}

}  // namespace strata::testing::catalogue
