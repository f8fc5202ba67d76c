#include "engine/retry.h"

#include <algorithm>
#include <random>

namespace strata::engine {

bool IsTransientConflict(const Status& st) {
  return st.is_lock_not_granted() || st.is_deadlock() || st.is_serialization_failure();
}

std::chrono::milliseconds Backoff(std::chrono::milliseconds base, int attempt) {
  constexpr int64_t kCapMs = 10'000;
  int64_t ms = std::max<int64_t>(base.count(), 1);
  for (int i = 1; i < attempt && ms < kCapMs; ++i) ms *= 2;
  ms = std::min(ms, kCapMs);
  thread_local std::minstd_rand rng(std::random_device{}());
  std::uniform_int_distribution<int64_t> jitter(0, ms / 2);
  // The jitter spreads runners out but never takes a pause past the cap.
  return std::chrono::milliseconds(std::min(ms + jitter(rng), kCapMs));
}

}  // namespace strata::engine
