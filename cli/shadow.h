// Shadow databases: scratch databases where strata replays a migrations
// directory or a desired-state file to read the schema they produce.
//
// PostgreSQL: each one is a database created on the server of the base URL
// (--shadow-url, else the target) and dropped when the Shadow goes, even
// after an error. SQLite: each one is a private in-memory database.
//
// Not thread-safe. Connections it hands out must be closed before it goes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"

namespace strata::cli {

class Shadow {
 public:
  // `base`: how to reach the server (PostgreSQL) or which dialect (SQLite).
  static Result<std::unique_ptr<Shadow>> Open(const driver::ConnectOptions& base);
  ~Shadow();
  Shadow(const Shadow&) = delete;
  Shadow& operator=(const Shadow&) = delete;

  Dialect dialect() const { return dialect_; }
  // A new empty database, connected.
  Result<std::unique_ptr<driver::Connection>> Fresh();

 private:
  Shadow(driver::ConnectOptions base, Dialect dialect) : base_(std::move(base)), dialect_(dialect) {}

  driver::ConnectOptions base_;
  Dialect dialect_;
  std::unique_ptr<driver::Connection> admin_;  // PostgreSQL: creates and drops them
  std::vector<std::string> created_;
};

}  // namespace strata::cli
