// A throwaway local PostgreSQL for `strata dev-db`: the installed server
// binaries run initdb and pg_ctl in a temporary directory, the server listens
// on 127.0.0.1 only with trust authentication, and a small state file
// (.strata/dev-db.json) lets later commands find it. As root, initdb refuses to
// run, so the server runs as the system user `strata-pg` (created if missing).
//
// Example:
//   Result<DevDb> db = StartDevDb({.state_file = ".strata/dev-db.json"});
//   if (db.ok()) std::cout << db->Url();
//
// Thread-safety: these functions fork (cli/process.h); single-threaded use only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/status.h"

namespace strata::cli {

// A dev database as its state file records it.
struct DevDb {
  std::filesystem::path dir;      // the temporary directory: data/, the log, the socket
  std::filesystem::path bin_dir;  // where initdb and pg_ctl were found
  int port = 0;
  int pid = 0;  // the postmaster's

  std::filesystem::path DataDir() const { return dir / "data"; }
  std::filesystem::path LogFile() const { return dir / "postgres.log"; }
  // postgres://postgres@127.0.0.1:PORT/postgres
  std::string Url() const;
};

struct DevDbOptions {
  std::filesystem::path state_file = ".strata/dev-db.json";
  // Where initdb and pg_ctl are; empty: `pg_config --bindir` if it has initdb,
  // else the newest /usr/lib/postgresql/<N>/bin.
  std::filesystem::path bin_dir;
  // The TCP port; 0 (the default): a free one.
  int port = 0;
};

// The directory holding initdb and pg_ctl; NotFound (naming the package to
// install) when there is none, or when `requested` does not hold them.
Result<std::filesystem::path> FindServerBinaries(const std::filesystem::path& requested);

// The dev database the state file names; nullopt when there is no state file.
// Corrupt: InvalidInput naming the file.
Result<std::optional<DevDb>> ReadDevDbState(const std::filesystem::path& state_file);

// Whether the server the state names is still running: its postmaster pid is
// alive, still the one in its data directory's postmaster.pid, and its port
// accepts connections.
bool DevDbRunning(const DevDb& db);

// Creates the temporary directory, runs initdb and starts the server, then
// writes the state file. On failure the directory is removed and the error
// carries the tail of the initdb/pg_ctl log. Does not check for a running one.
Result<DevDb> StartDevDb(const DevDbOptions& options);

// Stops the server if it runs (pg_ctl stop -m fast), then removes its directory
// and the state file.
Status StopDevDb(const DevDb& db, const std::filesystem::path& state_file);

}  // namespace strata::cli
