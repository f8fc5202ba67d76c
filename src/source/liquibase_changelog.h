// Reading one Liquibase formatted SQL changelog (a file that opens with
// "--liquibase formatted sql") into its changesets, as Liquibase 4.x reads it:
//
//   --liquibase formatted sql
//   --changeset alice:1 runInTransaction:false
//   --comment: why
//   --preconditions onFail:HALT onError:HALT
//   --precondition-sql-check expectedResult:0 SELECT count(*) FROM users
//   CREATE INDEX CONCURRENTLY users_email ON users (email);
//   --rollback DROP INDEX users_email;
//
// A pure text parser: no file system, no database, no dialect. It keeps what
// strata can run exactly and refuses, naming path:line:column, what it cannot
// yet (contexts, labels, runAlways, runOnChange, failOnError:false, other
// precondition kinds or outcomes, another endDelimiter, logicalFilePath,
// --property); source/liquibase.h turns the changesets into migrations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace strata::source {

// `--precondition-sql-check expectedResult:N <sql>` under `--preconditions`.
struct LiquibaseSqlCheck {
  std::string expected;  // as written, without its quotes
  std::string sql;       // the query, without a trailing ';'
  int line = 0;          // file line of the precondition
};

// A script of a changeset: its SQL with the file's line structure kept, so that
// a place in `sql` maps back to the file: file line = first_line + line in sql - 1.
// Lines of the range that are not SQL (metadata lines, the `--rollback ` prefix)
// are blanked with spaces, so columns hold too.
struct LiquibaseScript {
  std::string sql;
  int first_line = 0;  // 0: no script
};

struct LiquibaseChangeset {
  std::string author;  // without enclosing quotes
  std::string id;      // without enclosing quotes
  int line = 0;        // the --changeset line
  // The changeset's own text, from its --changeset line to the line before the
  // next one (trailing blank lines left out, one newline kept): its checksum.
  std::string text;

  LiquibaseScript up;  // the SQL after the header
  // The rollback: `--rollback <sql>` lines, or a `/* liquibase rollback ... */`
  // block. `rollback_empty`: `--rollback empty` / `--rollback not required`, a
  // rollback that does nothing. `rollback_author`/`rollback_id`:
  // `--rollback changesetId:x changesetAuthor:y`, the up SQL of that earlier
  // changeset of this file. None of these: the changeset cannot be rolled back.
  LiquibaseScript rollback;
  bool rollback_empty = false;
  std::string rollback_author;
  std::string rollback_id;
  int rollback_line = 0;  // the first rollback line, for errors about it

  // Attributes of the --changeset line.
  bool run_in_transaction = true;
  bool split_statements = true;           // false: the SQL is one statement
  bool rollback_split_statements = true;  // the same for the rollback
  std::vector<std::string> dbms;          // lower case, "!x" for negation; empty: every database
  bool ignore = false;                    // ignore:true, Liquibase skips the changeset

  std::string comment;                       // --comment:
  std::vector<std::string> valid_checksums;  // --validCheckSum:, as written
  // --preconditions onFail:WARN: the checks warn instead of stopping the changeset.
  bool preconditions_warn = false;
  std::vector<LiquibaseSqlCheck> sql_checks;
};

// The changesets of `text` (a whole file, line endings normalized) in file
// order. Every problem is an InvalidInput naming `path`, the line and the
// column: no header line, text or a --comment before the first changeset, a
// malformed --changeset, --rollback or --precondition line, an unknown or
// unsupported attribute (with the nearest spelling), a changeset without SQL,
// a duplicate author:id, a rollback block that is not closed.
Result<std::vector<LiquibaseChangeset>> ParseLiquibaseChangelog(std::string_view text,
                                                                const std::string& path);

// Whether `text` opens, after blank lines, with the "--liquibase formatted" line
// (spaces allowed after "--", any case), as Liquibase tells a formatted SQL file.
bool OpensAsLiquibaseChangelog(std::string_view text);

// Whether a changeset's dbms list (LiquibaseChangeset::dbms) takes the database
// Liquibase calls `short_name` ("postgresql", "sqlite"): an empty list or "all"
// takes every one, "none" none; "!x" leaves x out; a list of names without "!"
// takes those alone.
bool DbmsMatches(const std::vector<std::string>& dbms, std::string_view short_name);

}  // namespace strata::source
