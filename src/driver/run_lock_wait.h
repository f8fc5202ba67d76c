// Waiting for the run lock by polling, shared by the drivers.
//
// A runner that waits must hold nothing while it waits: no transaction, no
// snapshot. On PostgreSQL a session blocked in pg_advisory_lock() holds a
// snapshot for as long as it waits, and CREATE INDEX CONCURRENTLY of the runner
// that holds the lock waits for every older snapshot to go: the holder would
// wait for the waiters and the waiters for the holder. So waiters try the lock
// without blocking, and sleep between tries.
#pragma once

#include <chrono>
#include <functional>

#include "base/status.h"

namespace strata::driver {

// Calls `try_once` until it returns true or `timeout` has passed, sleeping
// between tries: 10 ms at first, growing by half up to 250 ms, with jitter so
// that many waiters spread out. Calls `on_first_miss` (when set) once, after
// the first try that did not get the lock: where the driver tells the caller
// who holds it. Returns whether the lock was taken; an error of `try_once`
// ends the wait at once.
Result<bool> PollForLock(const std::function<Result<bool>()>& try_once,
                         std::chrono::milliseconds timeout,
                         const std::function<void()>& on_first_miss = {});

}  // namespace strata::driver
