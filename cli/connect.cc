#include "cli/connect.h"

#include "driver/postgres/driver.h"
#include "driver/redact.h"
#include "driver/sqlite/driver.h"

namespace strata::cli {

Result<std::unique_ptr<driver::Connection>> Connect(const driver::ConnectOptions& options) {
  if (options.url.empty()) {
    return Status::InvalidInput(
        "no database: pass --url, set STRATA_URL or DATABASE_URL, or set [database] url in "
        "strata.toml");
  }
  // SQLite first: "file:" URIs and *.db paths are unambiguous; PostgreSQL takes
  // URLs and keyword strings.
  if (driver::sqlite::AcceptsUrl(options.url)) return driver::sqlite::Connect(options);
  if (driver::postgres::AcceptsUrl(options.url)) return driver::postgres::Connect(options);
  return Status::InvalidInput("unsupported database URL '" + driver::RedactUrl(options.url) +
                              "': use postgres://..., a libpq keyword string, sqlite:PATH or "
                              "a *.db file");
}

}  // namespace strata::cli
