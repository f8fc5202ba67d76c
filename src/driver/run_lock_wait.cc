#include "driver/run_lock_wait.h"

#include <algorithm>
#include <random>
#include <thread>

#include "base/interrupt.h"

namespace strata::driver {

Result<bool> PollForLock(const std::function<Result<bool>()>& try_once,
                         std::chrono::milliseconds timeout,
                         const std::function<void()>& on_first_miss) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + timeout;
  std::minstd_rand rng(std::random_device{}());
  double pause_ms = 10;
  for (bool first = true;; first = false) {
    STRATA_ASSIGN_OR_RETURN(bool taken, try_once());
    if (taken) return true;
    if (Interrupted()) {
      return StoppedByInterrupt(Status::LockTimeout("while waiting for the migration lock"));
    }
    if (first && on_first_miss) on_first_miss();
    const Clock::time_point now = Clock::now();
    if (now >= deadline) return false;
    std::uniform_real_distribution<double> jitter(0.5, 1.0);
    const auto pause = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(pause_ms * jitter(rng)));
    std::this_thread::sleep_for(std::min(pause, deadline - now));
    pause_ms = std::min(pause_ms * 1.5, 250.0);
  }
}

}  // namespace strata::driver
