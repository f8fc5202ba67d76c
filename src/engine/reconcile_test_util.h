// Migrations and history rows for the tests of Reconcile and of what reads its
// Overview (drift's ChooseReplay): the smallest values Reconcile compares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/history.h"
#include "source/migration.h"

namespace strata::engine::testing {

// A versioned migration `id` whose checksums are `sum` and `sum` + "s".
inline source::Migration Versioned(const std::string& id, const std::string& sum = "c",
                                   const std::string& schema_version = "") {
  source::Migration m;
  m.id = id;
  m.version = *source::Version::Parse(id);
  m.description = "m" + id;
  m.up.path = id + "_m.sql";
  m.checksums = {sum, sum + "s"};
  m.meta.schema_version = schema_version;
  return m;
}

// A repeatable R__`name`.
inline source::Migration Repeatable(const std::string& name, const std::string& sum) {
  source::Migration m;
  m.id = "R__" + name;
  m.kind = source::MigrationKind::kRepeatable;
  m.description = name;
  m.checksums = {sum, sum + "s"};
  return m;
}

// The history row of a migration applied with checksum `sum`.
inline HistoryRow Row(int64_t rank, const std::optional<std::string>& version,
                      const std::string& sum = "c", const std::string& state = kStateApplied,
                      const char* kind = kKindVersioned) {
  HistoryRow r;
  r.rank = rank;
  r.version = version;
  r.kind = kind;
  r.state = state;
  r.checksum_content = sum;
  r.checksum_semantic = sum + "s";
  return r;
}

}  // namespace strata::engine::testing
