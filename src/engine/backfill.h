// Backfill directives as the engine reads them: the :lo and :hi bounds of the
// UPDATE a directive governs. Running the batches is Engine::RunBackfill (backfill.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "base/status.h"
#include "source/migration.h"
#include "sql/statement.h"

namespace strata::engine {

// What :lo and :hi become. The defaults are what strata's parser reads as
// parameters; a run binds the connection's own (SqlDialect::Placeholder).
struct BoundPlaceholders {
  std::string lo = "$1";
  std::string hi = "$2";
};

// `text` with each :lo and :hi (outside strings and comments) replaced by its
// placeholder, padded with spaces to the three characters it replaces so that
// offsets into the text stay true (a longer placeholder shifts them); sets *lo
// and *hi when it found them.
std::string ReplaceBackfillBounds(std::string_view text, Dialect dialect, bool* lo, bool* hi,
                                  const BoundPlaceholders& as = {});

// Every backfill directive of `script` governs a statement that bounds its
// batches with :lo and :hi; else an error naming the directive's line (backfill.cc).
Status CheckBackfills(const source::Script& script, const std::vector<sql::Statement>& statements,
                      Dialect dialect);

}  // namespace strata::engine
