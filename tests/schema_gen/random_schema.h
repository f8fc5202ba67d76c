// A seeded random schema generator and mutator, for property tests of schema
// dump and diff: Generate(seed) builds a schema description covering every
// object kind the dialect has (render.h writes it as SQL), and Mutate(a, seed)
// returns a copy with random changes of every kind a diff must handle. The
// same seed gives the same schema on every platform (random.h says why).
//
//   Schema a = Generate(7, Dialect::kPostgres);
//   Mutation b = Mutate(a, 7);
//   std::string sql = RenderPostgres(b.schema);
//
// Both keep their output valid: foreign keys reference existing keys with the
// same column types, views read existing columns, a change that removes an
// object also removes what depended on it. New columns are only ever appended,
// because a diff adds a column last. Tables are meant to stay empty.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/schema_gen/model.h"

namespace strata::schema_gen {

Schema Generate(uint64_t seed, Dialect dialect);

// The kinds of change Mutate makes, for its log and for coverage tests.
enum class ChangeKind {
  kAddTable,
  kDropTable,
  kAddColumn,
  kDropColumn,
  kChangeColumnType,
  kToggleNotNull,
  kChangeDefault,
  kAddConstraint,
  kDropConstraint,
  kChangeConstraint,
  kAddIndex,
  kDropIndex,
  kChangeIndex,
  kAddView,
  kDropView,
  kChangeView,
  kAddEnumLabel,
  kAddEnumWithColumn,
  kAddDomainWithColumn,
  kChangeComment,
};
inline constexpr int kChangeKindCount = static_cast<int>(ChangeKind::kChangeComment) + 1;

struct Change {
  ChangeKind kind;
  std::string description;  // "drop column public.t3.c7"
};

struct Mutation {
  Schema schema;
  std::vector<Change> changes;  // in the order they were made
};

Mutation Mutate(const Schema& a, uint64_t seed);

}  // namespace strata::schema_gen
