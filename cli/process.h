// Running other programs (initdb, pg_ctl, pg_config, useradd) for the CLI, with
// fork and execvp: arguments are passed as they are, never through a shell, so
// paths with spaces or quotes need no escaping. (The one shell strata starts is
// the user's own [backup] before_apply command line, and it is named in argv:
// cli/backup.cc.) Only the CLI runs programs; nothing under src/ may.
//
// Thread-safety: the functions fork; call them from a single-threaded process.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace strata::cli {

// An unprivileged account to run a program as (when strata runs as root).
struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
};

struct ProcessOptions {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH unless it holds a '/'
  // stdout and stderr are appended to this file; empty: both go to /dev/null.
  std::filesystem::path log;
  std::filesystem::path cwd;  // empty: the current directory
  std::optional<RunAs> user;  // default: strata's own user
};

// Runs a program, waits for it and returns its exit code (128 + signal when it
// was killed; 127 when it could not be started, with the reason in the log).
// A Status only when strata itself could not fork or open the log.
Result<int> RunProcess(const ProcessOptions& options);

// What a program run by RunCapturing printed, and how it ended.
struct CapturedRun {
  int exit_code = -1;  // 128 + signal when killed; 127 when it could not be started
  std::string out;
  std::string err;  // with the reason when it could not be started
};

// Runs `argv` in `cwd` (empty: the current directory) with `env` ("NAME",
// "value") added to strata's environment, waits for it and returns its stdout
// and stderr apart. A Status only when strata itself could not fork or pipe.
Result<CapturedRun> RunCapturing(const std::vector<std::string>& argv,
                                 const std::vector<std::pair<std::string, std::string>>& env,
                                 const std::filesystem::path& cwd);

// Runs a program and returns what it printed on stdout (stderr is discarded);
// NotFound when it cannot be started, Io when it exits non-zero.
Result<std::string> CaptureStdout(const std::vector<std::string>& argv);

// The last `lines` lines of a text file ("" when it cannot be read).
std::string TailOfFile(const std::filesystem::path& path, int lines);

}  // namespace strata::cli
