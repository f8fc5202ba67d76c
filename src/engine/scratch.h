// Scratch databases for one command: empty databases where migrations or SQL
// are replayed to read the schema they give (replay.h, drift.h, verify.h).
//
// A ScratchPool makes each database through the dialect's
// driver::ScratchDatabases, connects to it with the connector it was given (the
// CLI's, which knows every driver), and drops every database it made when it
// goes, also after an error or an interrupt.
//
// Thread-safety: one thread at a time. The connections Fresh() hands out are
// the caller's; close them before the pool goes.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"

namespace strata::engine {

// A new, empty scratch database at each call, connected.
using FreshDatabase = std::function<Result<std::unique_ptr<driver::Connection>>()>;

// Connects to the database `options` reach (the CLI: its driver registry).
using Connector =
    std::function<Result<std::unique_ptr<driver::Connection>>(const driver::ConnectOptions&)>;

class ScratchPool {
 public:
  // `create_failure`: put before the error of a database that cannot be made,
  // saying what the user can do about it; default none.
  ScratchPool(std::unique_ptr<driver::ScratchDatabases> databases, Connector connect,
              std::string create_failure = "");
  ~ScratchPool();
  ScratchPool(const ScratchPool&) = delete;
  ScratchPool& operator=(const ScratchPool&) = delete;

  // A new empty database, connected.
  Result<std::unique_ptr<driver::Connection>> Fresh();
  // Fresh() as a FreshDatabase; the pool must outlive it.
  FreshDatabase AsFresh() {
    return [this] { return Fresh(); };
  }

 private:
  std::unique_ptr<driver::ScratchDatabases> databases_;
  Connector connect_;
  std::string create_failure_;
  std::vector<std::string> created_;  // dropped by the destructor
};

}  // namespace strata::engine
