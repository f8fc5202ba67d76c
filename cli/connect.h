// Driver registration: the one place that names every concrete driver.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"
#include "driver/plan.h"

namespace strata::cli {

// The SQL dialect of the database `url` names, known before connecting; an
// InvalidInput for a URL no driver accepts.
Result<Dialect> DialectOf(const std::string& url);
// The URL forms the drivers accept, for messages and --help: "sqlite:PATH or ..., or
// postgres://...".
std::string UrlForms();

// Picks the driver that accepts `options.url` and connects.
Result<std::unique_ptr<driver::Connection>> Connect(const driver::ConnectOptions& options);
// The same, started: the caller works on while the server gets ready (see
// driver::PendingConnection).
Result<std::unique_ptr<driver::PendingConnection>> StartConnect(
    const driver::ConnectOptions& options);

// The environment variables a database's own client programs (pg_dump) read to
// reach the database `url` names (PostgreSQL: PGHOST, PGPASSWORD, ...); none for SQLite.
Result<std::vector<std::pair<std::string, std::string>>> ClientEnvironment(const std::string& url);

// `url` as read from the config file in `dir`: a relative SQLite path is taken
// relative to that directory; other URLs are returned as they are.
std::string UrlRelativeTo(const std::string& url, const std::string& dir);

// The passwords a connection to `url` may use, known before connecting (see
// driver::postgres::PasswordsFor); none for SQLite.
std::vector<std::string> PasswordsFor(const std::string& url);

// The scratch databases (driver::ScratchDatabases) of the server `server`
// reaches (PostgreSQL: through a connection to its database; SQLite: in memory).
Result<std::unique_ptr<driver::ScratchDatabases>> OpenScratchDatabases(
    const driver::ConnectOptions& server);

// The SQL dialect of `dialect` (types, quoting, placeholders, the history
// table's statements); needs no connection. A Connection's sql() is the same object.
const driver::SqlDialect& SqlDialectFor(Dialect dialect);
// The SQL renderer of `dialect`; needs no connection (a snapshot file renders too).
std::unique_ptr<driver::Planner> PlannerFor(Dialect dialect);

}  // namespace strata::cli
