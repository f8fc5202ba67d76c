// The SQL dialects strata can split and analyse. This names a language, not a
// driver: a driver says which language it speaks and the sql layer does the rest.
// It lives in base because drivers, sql and the engine all name it.
//
// Code that behaves differently per dialect says so in a `switch (dialect)`
// without a `default`, so that the build (-Werror=switch) names every place a
// new dialect must be taught; never `if (d == kPostgres) ... else ...`, which
// would silently hand a new dialect the other one's rules.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "base/status.h"

namespace strata {

// The enumerators take the values 0, 1, ... in order (kAllDialects relies on it).
enum class Dialect {
  kPostgres,  // PostgreSQL: dollar quoting, E'' strings, nested block comments
  kSqlite,    // SQLite: `backtick` and [bracket] identifiers, CREATE TRIGGER ... BEGIN ... END
};

// Every dialect once, in declaration order: the one list that loops over
// dialects read (ParseDialect, the snapshot reader, the lint rule docs).
inline constexpr std::array kAllDialects = {Dialect::kPostgres, Dialect::kSqlite};

namespace internal {
// True for the declared dialects. No `default`: a dialect added to the enum
// is a compile error here first, and then in the static_assert below until
// kAllDialects lists it too.
constexpr bool IsDeclared(Dialect d) {
  switch (d) {
    case Dialect::kPostgres:
    case Dialect::kSqlite:
      return true;
  }
  return false;
}
constexpr bool ListsEveryDialectInOrder() {
  for (std::size_t i = 0; i < kAllDialects.size(); ++i) {
    if (kAllDialects[i] != static_cast<Dialect>(i)) return false;
  }
  return !IsDeclared(static_cast<Dialect>(kAllDialects.size()));
}
}  // namespace internal
static_assert(internal::ListsEveryDialectInOrder(),
              "kAllDialects must list every Dialect, in declaration order");

std::string_view DialectName(Dialect d);
// The dialect DialectName gives `name`; an InvalidInput error naming the known
// ones and the nearest spelling otherwise ("postgress" -> did you mean postgres?).
Result<Dialect> ParseDialect(std::string_view name);

// A set of dialects, such as those a lint rule applies to. A plain value,
// cheap to copy and compare. Example:
//   constexpr DialectSet kBoth{Dialect::kPostgres, Dialect::kSqlite};
//   kBoth.contains(Dialect::kSqlite) -> true
class DialectSet {
 public:
  constexpr DialectSet() = default;  // empty
  constexpr DialectSet(std::initializer_list<Dialect> dialects) {
    for (Dialect d : dialects) bits_ |= Bit(d);
  }

  constexpr bool contains(Dialect d) const { return (bits_ & Bit(d)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  friend constexpr bool operator==(DialectSet, DialectSet) = default;

 private:
  static_assert(kAllDialects.size() <= 32, "DialectSet keeps one bit per dialect");
  static constexpr std::uint32_t Bit(Dialect d) {
    return std::uint32_t{1} << static_cast<unsigned>(d);
  }

  std::uint32_t bits_ = 0;
};

}  // namespace strata
