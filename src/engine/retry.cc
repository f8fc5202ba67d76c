#include "engine/retry.h"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>

#include "base/numbers.h"

namespace strata::engine {
namespace {

// SQLite's primary result code from the driver's "SQLITE <extended code>".
int SqlitePrimaryCode(const std::string& sqlstate) {
  if (sqlstate.rfind("SQLITE ", 0) != 0) return -1;
  const Result<int> code = ParseInt(std::string_view(sqlstate).substr(7));
  return code.ok() ? *code & 0xff : -1;
}

}  // namespace

bool IsLockNotGranted(const Status& st) {
  const std::string& code = st.context().sqlstate;
  if (code == "55P03") return true;
  const int sqlite = SqlitePrimaryCode(code);
  return sqlite == 5 || sqlite == 6;  // SQLITE_BUSY, SQLITE_LOCKED
}

bool IsTransientConflict(const Status& st) {
  const std::string& code = st.context().sqlstate;
  return IsLockNotGranted(st) || code == "40P01" || code == "40001";
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
