// Settings of the engine, filled by the CLI from flags and strata.toml.
#pragma once

#include <chrono>
#include <string>

namespace strata::engine {

struct EngineOptions {
  std::string history_schema;                     // default: empty, the connection's default schema
  std::string history_table = "strata_schema_history";  // default: strata_schema_history
  std::string stream = "main";                    // default: main; one per migrations directory
  std::chrono::milliseconds lock_timeout{60'000}; // wait for another run's lock; default 60 s
  // lock_timeout for the migrations' own statements (PostgreSQL), so that DDL never
  // queues behind a long transaction while blocking everyone behind it. 0: not set
  // by strata (default; strata init writes 2000 ms).
  std::chrono::milliseconds ddl_lock_timeout{0};
  std::string tool_version;                       // recorded with each history row
};

struct UpOptions {
  std::string target;             // apply up to and including this version; empty: all
  bool dry_run = false;           // plan only; change nothing
  bool allow_out_of_order = false;  // apply pending migrations older than the newest applied
};

struct DownOptions {
  int steps = 1;       // how many applied migrations to roll back; default 1
  std::string target;  // roll back every migration newer than this version (overrides steps)
  bool all = false;    // roll back everything (overrides steps and target)
  bool dry_run = false;
};

}  // namespace strata::engine
