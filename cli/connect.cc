#include "cli/connect.h"

#include "cli/secrets.h"
#include "driver/postgres/driver.h"
#include "driver/postgres/plan.h"
#include "driver/redact.h"
#include "driver/sqlite/driver.h"
#include "driver/sqlite/plan.h"

namespace strata::cli {

Result<Dialect> DialectOf(const std::string& url) {
  if (url.empty()) {
    return Status::InvalidInput(
        "no database: pass --url, set STRATA_URL or DATABASE_URL, or set [database] url in "
        "strata.toml");
  }
  // SQLite first: "file:" URIs and *.db paths are unambiguous; PostgreSQL takes
  // URLs and keyword strings.
  if (driver::sqlite::AcceptsUrl(url)) return Dialect::kSqlite;
  if (driver::postgres::AcceptsUrl(url)) return Dialect::kPostgres;
  return Status::InvalidInput("unsupported database URL '" + driver::RedactUrl(url) +
                              "': use postgres://..., a libpq keyword string, sqlite:PATH or "
                              "a *.db file");
}

Result<std::unique_ptr<driver::Connection>> Connect(const driver::ConnectOptions& options) {
  AddSecretsOf(options.url);
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(options.url));
  Result<std::unique_ptr<driver::Connection>> conn = Status::Internal("no driver for this dialect");
  switch (dialect) {
    case Dialect::kSqlite:
      conn = driver::sqlite::Connect(options);
      break;
    case Dialect::kPostgres:
      conn = driver::postgres::Connect(options);
      break;
  }
  if (conn.ok()) AddSecrets((*conn)->Secrets());
  return conn;
}

Result<std::unique_ptr<driver::PendingConnection>> StartConnect(
    const driver::ConnectOptions& options) {
  AddSecretsOf(options.url);  // Finish()'s caller adds the connection's Secrets()
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(options.url));
  switch (dialect) {
    case Dialect::kSqlite: {
      STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn,
                              driver::sqlite::Connect(options));
      return std::unique_ptr<driver::PendingConnection>(
          new driver::ReadyConnection(std::move(conn)));
    }
    case Dialect::kPostgres:
      return driver::postgres::StartConnect(options);
  }
  return Status::Internal("no driver for this dialect");
}

Result<std::vector<std::pair<std::string, std::string>>> ClientEnvironment(const std::string& url) {
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(url));
  switch (dialect) {
    case Dialect::kSqlite:
      return std::vector<std::pair<std::string, std::string>>();
    case Dialect::kPostgres:
      return driver::postgres::ClientEnvironment(url);
  }
  return Status::Internal("no driver for this dialect");
}

std::vector<std::string> PasswordsFor(const std::string& url) {
  const Result<Dialect> dialect = DialectOf(url);
  if (!dialect.ok()) return driver::PasswordsIn(url);
  switch (*dialect) {
    case Dialect::kSqlite:
      return {};
    case Dialect::kPostgres:
      return driver::postgres::PasswordsFor(url);
  }
  return {};
}

std::string UrlRelativeTo(const std::string& url, const std::string& dir) {
  const Result<Dialect> dialect = DialectOf(url);
  if (!dialect.ok()) return url;  // reported when it is used
  switch (*dialect) {
    case Dialect::kSqlite:
      return driver::sqlite::UrlRelativeTo(url, dir);
    case Dialect::kPostgres:
      return url;
  }
  return url;
}

Result<std::unique_ptr<driver::ScratchDatabases>> OpenScratchDatabases(
    const driver::ConnectOptions& server) {
  AddSecretsOf(server.url);
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(server.url));
  switch (dialect) {
    case Dialect::kSqlite:
      return driver::sqlite::OpenScratchDatabases(server);
    case Dialect::kPostgres:
      return driver::postgres::OpenScratchDatabases(server);
  }
  return Status::Internal("no driver for this dialect");
}

std::unique_ptr<driver::Planner> PlannerFor(Dialect dialect) {
  switch (dialect) {
    case Dialect::kSqlite:
      return driver::sqlite::NewPlanner();
    case Dialect::kPostgres:
      return driver::postgres::NewPlanner();
  }
  return nullptr;  // not reached: -Wswitch names a dialect missing above
}

}  // namespace strata::cli
