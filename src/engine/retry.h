// Which failures are worth another try, and how long to wait before it: a lock
// not granted within lock_timeout, a deadlock, a serialization failure. Each is a
// sign of a concurrent transaction, not of a wrong migration. The driver that
// built the error classified it (base/status.h's ErrorClass); this asks.
#pragma once

#include <chrono>

#include "base/status.h"

namespace strata::engine {

// Status::is_lock_not_granted(), is_deadlock() or is_serialization_failure().
bool IsTransientConflict(const Status& st);

// The wait before retry number `attempt` (1-based): `base` doubled per attempt up
// to 10 s, with up to 50% random jitter so that retrying runners spread out; never
// more than 10 s in all.
std::chrono::milliseconds Backoff(std::chrono::milliseconds base, int attempt);

}  // namespace strata::engine
