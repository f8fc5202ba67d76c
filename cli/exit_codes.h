// The documented exit codes of every strata command.
#pragma once

#include "base/interrupt.h"
#include "base/status.h"

namespace strata::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // a database or migration error
// bad usage or bad input: flags, files, strata.toml, a history table edited by
// hand into values strata cannot read
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitCheckFailed = 3;  // a check (validate, verify, a migration's critical
                                            // validation check, ...) found problems
// Ctrl-C or SIGTERM stopped the command: 128 + the signal, as a shell reports a
// process the signal ended (130 for SIGINT, 143 for SIGTERM).
inline int ExitInterrupted() { return 128 + (InterruptSignal() != 0 ? InterruptSignal() : 2); }

inline int ExitCodeFor(const Status& st) {
  if (st.ok()) return kExitOk;
  if (st.is_interrupted() || Interrupted()) return ExitInterrupted();
  if (st.is_check_failed()) return kExitCheckFailed;
  return (st.is_invalid_input() || st.is_not_found()) ? kExitBadInput : kExitFailure;
}

}  // namespace strata::cli
