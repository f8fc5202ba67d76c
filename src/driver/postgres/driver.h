// The PostgreSQL driver, on libpq. This folder is the only code that includes
// libpq-fe.h, and only in its .cc files.
//
// Accepts postgres:// and postgresql:// URLs and libpq keyword strings
// ("host=... dbname=..."), and honours the PG* environment variables, sslmode and
// ~/.pgpass, all through libpq itself.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"

namespace strata::driver::postgres {

// True for the URL forms this driver accepts.
bool AcceptsUrl(std::string_view url);

// Connects. A postgres:// URL whose user name or password holds an unencoded
// '/' or '@' is InvalidInput (libpq would read part of it as the host or port).
Result<std::unique_ptr<Connection>> Connect(const ConnectOptions& options);

// Scratch databases on the server `server` reaches (driver.h): each one made
// with CREATE DATABASE ... TEMPLATE template0 through a connection to the
// server's database that lives as long as the result (scratch.cc).
Result<std::unique_ptr<ScratchDatabases>> OpenScratchDatabases(const ConnectOptions& server);
// The passwords a connection to `url` may use that are known before connecting:
// the URL's (also when libpq cannot read it, e.g. "PASSWORD=x") and libpq's
// default (PGPASSWORD, a PGSERVICE service file). Connection::Secrets() adds the
// one libpq took from ~/.pgpass or a `service=` entry.
std::vector<std::string> PasswordsFor(const std::string& url);

// Starts connecting without waiting for the server. An error that needs no
// server (a URL libpq cannot read, an unknown host) comes at once; the others
// from Finish(). A connect_timeout (in the URL, PGCONNECT_TIMEOUT or
// a service file) is honoured as libpq's own blocking connect does it, host by
// host: such a connection is made in Finish().
Result<std::unique_ptr<PendingConnection>> StartConnect(const ConnectOptions& options);

// The libpq environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE,
// PGPASSWORD, PGSSLMODE, ...) that reach the same database as `url`, for the
// programs strata runs on the user's behalf (a pg_dump before `up`): each
// setting the URL gives, under the variable libpq reads it from. Settings the
// URL leaves out are not listed, so the caller's own PG* variables still apply.
// InvalidInput (with the password masked) when libpq cannot parse `url`.
Result<std::vector<std::pair<std::string, std::string>>> ClientEnvironment(const std::string& url);

}  // namespace strata::driver::postgres
