// Ctrl-C and SIGTERM. The first of them sets a flag and cancels what every
// registered connection is running on its database (PostgreSQL: PQcancel;
// SQLite: sqlite3_interrupt, both safe in a signal handler), so that a command
// stops at its next step and unwinds: a run leaves its history as a crash
// would (the next `up` resumes), scratch databases are dropped by their
// owners' destructors. A second signal ends the process at once.
//
// The registry is a fixed table of slots written by the main thread and read by
// the handler, which runs on that thread between its instructions: a slot is
// emptied before what it points at is freed.
#pragma once

#include "base/status.h"

namespace strata {

// Installs the handlers for SIGINT and SIGTERM (once per process).
void InstallInterruptHandlers();
// Whether a signal asked the process to stop, and which (0: none).
bool Interrupted();
int InterruptSignal();

// Cancels what a connection is doing; called from the signal handler, so it
// may only do what is async-signal-safe.
using CancelFunction = void (*)(void* context);

// Registers `cancel(context)` for the next interrupt while it lives. When the
// table is full (more live connections than a command opens), the connection
// is simply not cancelled: it still stops at the command's next check.
class CancelOnInterrupt {
 public:
  CancelOnInterrupt(CancelFunction cancel, void* context);
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;

 private:
  int slot_ = -1;
};

// After an interrupt, `failed` (what the cancelled work returned) as an
// Interrupted status that keeps its message and context; else `failed` itself.
Status StoppedByInterrupt(Status failed);

// For tests: forgets a past interrupt.
void ResetInterruptForTesting();

}  // namespace strata
