// psql's backslash commands in migration files written to be run with
// `psql -f` (seed 002's examples start with `\set ON_ERROR_STOP on`). strata
// runs SQL, not psql scripts: the commands that only change what psql prints
// or how it reacts to an error are blanked out of the script; any other is an
// error naming file:line, never SQL sent to the server.
#pragma once

#include "base/dialect.h"
#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

// Blanks (spaces, newlines kept, so that offsets and lines stay put) each line
// of `script` that is a harmless psql command outside strings and comments:
// \set of ON_ERROR_STOP, ECHO, ECHO_HIDDEN, QUIET, VERBOSITY or SHOW_CONTEXT,
// \echo, \qecho, \warn, \timing, \pset, \x, \a, \t, \conninfo. Any other
// backslash command (\i, \c, \q, \set of another variable, ...) is InvalidInput
// at its line. PostgreSQL only; a SQLite script is left as it is.
Status ReadPsqlCommands(Script& script, Dialect dialect);

}  // namespace strata::source
