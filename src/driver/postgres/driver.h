// The PostgreSQL driver, on libpq. This folder is the only code that includes
// libpq-fe.h, and only in its .cc files.
//
// Accepts postgres:// and postgresql:// URLs and libpq keyword strings
// ("host=... dbname=..."), and honours the PG* environment variables, sslmode and
// ~/.pgpass, all through libpq itself.
#pragma once

#include <memory>

#include "base/status.h"
#include "driver/driver.h"

namespace strata::driver::postgres {

// True for the URL forms this driver accepts.
bool AcceptsUrl(std::string_view url);

Result<std::unique_ptr<Connection>> Connect(const ConnectOptions& options);

}  // namespace strata::driver::postgres
