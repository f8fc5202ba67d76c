// What `down` checks before it rolls anything back: whether each migration has
// a rollback, applied migrations that would stay behind depending on one that
// goes, and the facts behind its warnings (how long ago a migration was
// applied). Pure: no database access.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::engine {

// Why `m` cannot be rolled back, naming where its rollback would go in
// `layout` ("it has no rollback (add rollback/003_rollback.sql or ...)"); Ok
// when it can. A phased migration needs the :down section of each of `phases`
// (all of its phases when empty).
Status MissingRollback(const source::Migration& m, source::Layout layout,
                       const std::vector<source::Phase>& phases = {});

// A migration to be rolled back and the applied migrations that stay applied
// although their `-- Depends:` headers name it, directly or through others.
struct StayingDependents {
  const source::Migration* migration = nullptr;
  std::vector<std::string> dependents;  // ids, in the order of `staying`
};

// For each migration of `leaving` (pointers into set.migrations) that one of
// `staying` depends on, directly or transitively, its dependents; empty when
// rolling back `leaving` leaves every staying migration's dependencies in place.
std::vector<StayingDependents> FindStayingDependents(
    const source::MigrationSet& set, const std::vector<const source::Migration*>& leaving,
    const std::vector<const source::Migration*>& staying);

// Whole days from `applied_at` (a history timestamp, "2026-11-21T06:55:00Z") to
// `now`; nullopt when the text is not such a timestamp.
std::optional<int64_t> DaysSince(std::string_view applied_at,
                                 std::chrono::system_clock::time_point now);

}  // namespace strata::engine
