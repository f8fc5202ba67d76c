// The generator's source of randomness: std::mt19937_64, whose output the
// standard fixes, reduced by plain modulo. The standard distributions are left
// out on purpose: their output differs between standard libraries, and a seed
// must name the same schema everywhere.
//
// Thread-safety: one Random per thread.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace strata::schema_gen {

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // A number in [lo, hi].
  int Between(int lo, int hi) {
    return lo + static_cast<int>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  // True with probability `percent` / 100.
  bool Percent(int percent) { return Between(0, 99) < percent; }
  // An index into a container of `size` elements; size must be > 0.
  size_t Index(size_t size) { return static_cast<size_t>(engine_() % size); }
  template <typename T>
  T& Pick(std::vector<T>& items) {
    return items[Index(items.size())];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Index(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace strata::schema_gen
