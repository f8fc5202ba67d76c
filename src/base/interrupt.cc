#include "base/interrupt.h"

#include <signal.h>

#include <atomic>

namespace strata {
namespace {

struct Slot {
  std::atomic<CancelFunction> cancel{nullptr};
  std::atomic<void*> context{nullptr};
};
// A command holds a handful of connections at once (target, lock, shadows).
constexpr int kSlots = 32;
Slot slots[kSlots];
volatile sig_atomic_t received = 0;

void OnSignal(int sig) {
  if (received != 0) {
    // Asked twice: stop now, as the default action would.
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  received = sig;
  for (Slot& s : slots) {
    const CancelFunction cancel = s.cancel.load();
    void* context = s.context.load();
    if (cancel != nullptr && context != nullptr) cancel(context);
  }
}

}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocking wait (poll on a socket) returns EINTR and the
  // caller looks at the flag.
  action.sa_flags = 0;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

bool Interrupted() { return received != 0; }

Status StoppedByInterrupt(Status failed) {
  if (!Interrupted() || failed.ok() || failed.is_interrupted()) return failed;
  const char* by = received == SIGTERM ? "SIGTERM" : received == SIGINT ? "Ctrl-C" : "a signal";
  Status stopped =
      Status::Interrupted(std::string("stopped by ") + by + " (" + failed.message() + ")");
  stopped.mutable_context() = failed.context();
  return stopped;
}
int InterruptSignal() { return received; }
void ResetInterruptForTesting() { received = 0; }

CancelOnInterrupt::CancelOnInterrupt(CancelFunction cancel, void* context) {
  if (context == nullptr) return;
  for (int i = 0; i < kSlots; ++i) {
    // Claimed by its context (threads of a test may register at once), then
    // made live by its function.
    void* expected = nullptr;
    if (slots[i].context.compare_exchange_strong(expected, context)) {
      slots[i].cancel.store(cancel);
      slot_ = i;
      return;
    }
  }
}

CancelOnInterrupt::~CancelOnInterrupt() {
  if (slot_ < 0) return;
  slots[slot_].cancel.store(nullptr);
  slots[slot_].context.store(nullptr);
}

}  // namespace strata
