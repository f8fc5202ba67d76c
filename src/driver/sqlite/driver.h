// The SQLite driver. This folder is the only code that includes sqlite3.h, and
// only in its .cc files.
//
// Accepts "sqlite:PATH", "sqlite://PATH" ("sqlite:///abs/path" for an absolute
// path), "sqlite3:PATH", "file:..." URIs, ":memory:", and bare paths ending in
// .db, .sqlite or .sqlite3.
#pragma once

#include <memory>

#include "base/status.h"
#include "driver/driver.h"

namespace strata::driver::sqlite {

bool AcceptsUrl(std::string_view url);

Result<std::unique_ptr<Connection>> Connect(const ConnectOptions& options);

// Scratch databases (driver.h): each a private in-memory database, which
// vanishes with its connection; nothing is left over (scratch.cc).
Result<std::unique_ptr<ScratchDatabases>> OpenScratchDatabases(const ConnectOptions& server);
// `url` with a relative database path taken relative to `dir` (the directory of
// the strata.toml that names it): ("sqlite:app.db", "conf") -> "sqlite:conf/app.db".
// Absolute paths, :memory: and an empty `dir` leave it as it is.
std::string UrlRelativeTo(std::string_view url, const std::string& dir);

}  // namespace strata::driver::sqlite
