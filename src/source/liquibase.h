// Liquibase formatted SQL read in place: a directory whose *.sql files are
// changelogs ("--liquibase formatted sql"), read in name order as Liquibase's
// includeAll reads them. Each changeset ("--changeset author:id") becomes a
// versioned migration:
//   version, id   its 1-based position over all the files ("1", "2", ...),
//                 counting the changesets left out for this database, so that a
//                 changeset's version is the same on every database;
//   description   "author:id" (LiquibaseChangesetOf splits it back);
//   up            the changeset's SQL, at its file's own lines;
//   down          its --rollback lines or /* liquibase rollback */ block; a down
//                 that does nothing for "--rollback empty" / "not required"; the
//                 up of an earlier changeset of the file for
//                 "--rollback changesetId:x changesetAuthor:y"; none without;
//   checks        each --precondition-sql-check as a pre check expecting its
//                 expectedResult: critical under onFail:HALT (the default), a
//                 warning under onFail:WARN;
//   no transaction  runInTransaction:false;
//   checksums     of the changeset's own text, so that editing one changeset
//                 does not change another's.
// A changeset for another database (dbms:, with "!" negation and all/none) or
// marked ignore:true is left out, and listed in MigrationSet::left_out.
// What strata cannot run exactly is refused with file:line:column and "not
// supported yet" (liquibase_changelog.h lists it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/directory.h"
#include "source/migration.h"

namespace strata::source {

// Whether `text` (a whole file) opens, after blank lines, with the
// "--liquibase formatted sql" line (any case, spaces allowed after "--").
bool IsLiquibaseChangelog(std::string_view text);

// Loads the changelogs `names` (the *.sql files of options.dir, sorted by name,
// as Liquibase's includeAll orders them). Every file must be a changelog.
Result<MigrationSet> LoadLiquibaseChangelogs(const LoadOptions& options,
                                             const std::vector<std::string>& names);

// A changeset as Liquibase's DATABASECHANGELOG knows it (ID, AUTHOR, FILENAME).
struct LiquibaseChangesetId {
  std::string author;
  std::string id;
  // The file as Liquibase records it when run from the migrations directory
  // as `liquibase --changelog-file=<name>.sql update`: the file's name alone.
  std::string filename;
};

// The changeset behind a migration of a kLiquibase set: author and id from its
// description ("author:id"; authors never hold ':', ids may), the file name
// from its up script's path. nullopt for a description without ':'.
std::optional<LiquibaseChangesetId> LiquibaseChangesetOf(const Migration& m);

// The --validCheckSum: values of the changeset behind `m` (a migration of a
// kLiquibase set), read again from its file: Liquibase's checksum is not kept on
// the migration, nor are they. Empty when it has none.
Result<std::vector<std::string>> LiquibaseValidChecksumsOf(const Migration& m);

}  // namespace strata::source
