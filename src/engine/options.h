// Settings of the engine, filled by the CLI from flags and strata.toml.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::engine {

struct EngineOptions {
  std::string history_schema;  // default: empty, the connection's default schema
  // A schema the first writing command creates when it is missing, before the
  // history table ([database] schema, Flyway's defaultSchema); empty: none.
  std::string create_schema;
  std::string history_table = "strata_schema_history";  // default: strata_schema_history
  std::string stream = "main";                     // default: main; one per migrations directory
  std::chrono::milliseconds lock_timeout{60'000};  // wait for another run's lock; default 60 s
  // lock_timeout for the migrations' own statements (PostgreSQL), so that DDL never
  // queues behind a long transaction while blocking everyone behind it: the
  // writers queued behind a waiting DDL wait as long as it does, and 400 ms keeps
  // their wait under half a second (bench/ddl_lock_bench.sh); 0: strata sets none.
  // A statement whose lock is not granted in time is retried (with its whole
  // transaction) after a backoff, up to lock_retries times: short waits, more tries.
  std::chrono::milliseconds ddl_lock_timeout{400};
  int lock_retries = 15;                         // default 15
  std::chrono::milliseconds retry_backoff{200};  // first backoff; doubles up to 10 s, with jitter
  // statement_timeout of each backfill batch (PostgreSQL); default 60 s.
  std::chrono::milliseconds batch_statement_timeout{60'000};
  std::string tool_version;  // recorded with each history row
  // Whether a validation check that does not hold stops (critical) or warns. Off
  // where the data is not the target's (verify's empty shadow): the queries still
  // run, so a broken one is found, but their answers are only reported.
  bool enforce_checks = true;
};

// Which phases of phased migrations `up` runs (migrations without phases run
// with kExpand and kAll).
enum class PhaseChoice { kAll, kExpand, kMigrate, kContract };

struct UpOptions {
  PhaseChoice phase = PhaseChoice::kAll;
  std::string target;               // apply up to and including this version; empty: all
  bool dry_run = false;             // plan only; change nothing
  bool allow_out_of_order = false;  // apply pending migrations older than the newest applied
  // Apply every migration to a database whose strata history is empty even though
  // it holds another tool's history (peer_history.h); default: refuse, pointing
  // at `strata adopt`, since those migrations were applied already.
  bool ignore_peer_history = false;
  // Called once before the run applies anything (not for a dry run, nor when
  // nothing is pending) with the ids about to be applied, in order: takes a
  // backup and returns what names it (a file, a snapshot id), which is stored
  // with every history row the run writes. An error stops the run before it
  // changes anything. Default: none.
  std::function<Result<std::string>(const std::vector<std::string>& pending)> before_apply;
};

struct DownOptions {
  int steps = 1;       // how many applied migrations to roll back; default 1
  std::string target;  // roll back every migration newer than this version (overrides steps)
  bool all = false;    // roll back everything (overrides steps and target)
  // Roll back exactly this applied migration, newer ones staying applied
  // (overrides steps, target and all); default: empty.
  std::string version;
  // Roll back only this phase of each chosen phased migration; it must be the
  // newest phase applied (contract before migrate before expand). nullopt: all
  // applied phases.
  std::optional<source::Phase> phase;
  bool dry_run = false;
  // Warn about rolling back a migration applied more than this many days ago
  // (its data has likely moved on: a restore may be the better way back);
  // default 30; 0: never warn.
  int max_age_days = 30;
};

}  // namespace strata::engine
