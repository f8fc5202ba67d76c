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

// `text` with each :lo and :hi (outside strings and comments) replaced by "$1 "
// and "$2 ", the same length, so offsets into it stay true; sets *lo and *hi when
// it found them.
std::string ReplaceBackfillBounds(std::string_view text, Dialect dialect, bool* lo, bool* hi);

// Every backfill directive of `script` governs a statement that bounds its
// batches with :lo and :hi; else an error naming the directive's line (backfill.cc).
Status CheckBackfills(const source::Script& script, const std::vector<sql::Statement>& statements,
                      Dialect dialect);

}  // namespace strata::engine
