// `strata adopt`: another tool's history (peer_history.h) matched to the
// migration files, and recorded in strata's history as applied, so that `up`
// applies only what the peer never did. The match is a pure function, tested
// without a database; Engine::Adopt reads, matches and writes under the run lock.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/peer_history.h"
#include "source/migration.h"

namespace strata::engine {

struct AdoptOptions {
  std::optional<Peer> peer;  // nullopt: the one peer whose history the database holds
  std::string flyway_table = "flyway_schema_history";  // Flyway's `table` setting
  bool dry_run = false;                                // show the mapping, record nothing
  // Record migrations whose file changed since the peer applied it, with the
  // file's checksums now (the user has looked and decided); default: refuse them.
  bool accept_changed = false;
};

// One migration the peer applied, and the file it is.
struct AdoptStep {
  const source::Migration* migration = nullptr;  // null for a baseline without a file
  std::string version;                           // a baseline's version
  PeerEntry entry;
  bool baseline = false;  // Flyway's baseline: recorded as strata's baseline row
  bool changed = false;   // the peer's checksum differs (accepted with accept_changed)
  // Why the file was not compared with the peer's checksum although the peer
  // keeps one: Liquibase's cleared MD5SUM, or (accepted with accept_changed) one
  // strata cannot compute. Empty when it was compared, or the peer keeps none.
  std::string unverified;
};

// A record that cannot be adopted until the user decides.
struct AdoptProblem {
  std::string where;  // the peer's row, or the table
  std::string file;   // the migration file concerned, when there is one
  std::string message;
};

struct AdoptReport {
  Peer peer = Peer::kFlyway;
  std::string table;
  std::vector<AdoptStep> steps;        // what is (or would be) recorded, in the peer's order
  std::vector<AdoptProblem> problems;  // when any: nothing was recorded
  // Migrations the peer did not apply (ids): `strata up` applies them.
  std::vector<std::string> pending;
  bool dry_run = false;
  bool recorded = false;  // the steps are in strata's history now
};

// The peer's checksum of a migration's file as it is now, in the form of `kept`,
// the one the peer kept (Flyway's CRC-32 as a signed integer, sqitch's SHA-1
// hex, Liquibase's "9:<md5>").
struct PeerChecksum {
  std::string value;  // empty when the peer keeps none
  // Why `kept` cannot be computed again (a Liquibase checksum version strata does
  // not compute): the record then needs a decision, as a changed one does.
  std::string unverifiable;
};
using PeerChecksumOf =
    std::function<Result<PeerChecksum>(Peer, const source::Migration&, const std::string& kept)>;

// Matches `history` to `set`: each peer record to its file, failed or changed
// ones and records without a file as problems, and the files it never applied
// as pending.
Result<AdoptReport> MatchPeerHistory(const PeerHistory& history, const source::MigrationSet& set,
                                     bool accept_changed, const PeerChecksumOf& checksum_of);

}  // namespace strata::engine
