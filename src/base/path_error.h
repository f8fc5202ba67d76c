// Turning a failed file-system call on a user's path into a Status.
#pragma once

#include <string>
#include <string_view>
#include <system_error>

#include "base/status.h"

namespace strata {

// "cannot <doing>: <reason>" naming `path` (Status::WithFile). InvalidInput (bad
// input, exit 2) when the path itself is at fault: too long, a component too
// long, permission denied, not a directory, absent, a loop, read-only; Io
// otherwise (a full disk, an I/O error).
//
//   PathError("create the directory", "/root/x", ec)
//   // "/root/x: cannot create the directory: Permission denied"
Status PathError(std::string_view doing, const std::string& path, std::error_code ec);

// The same from errno, after a call that sets it (open, std::ofstream).
Status PathErrorFromErrno(std::string_view doing, const std::string& path, int err);

}  // namespace strata
