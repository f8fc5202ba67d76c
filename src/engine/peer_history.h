// Other tools' history tables, read as they left them: what `strata adopt`
// records in strata's own history so that a database those tools migrated goes
// on with strata without applying anything twice. Reads only; a peer's tables
// are never changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "driver/driver.h"

namespace strata::engine {

enum class Peer { kFlyway, kGolangMigrate, kDbmate, kSqitch, kLiquibase };
inline constexpr Peer kAllPeers[] = {Peer::kFlyway, Peer::kGolangMigrate, Peer::kDbmate,
                                     Peer::kSqitch, Peer::kLiquibase};
const char* PeerName(Peer peer);                       // "flyway", "golang-migrate", ...
std::optional<Peer> ParsePeer(std::string_view name);  // the inverse of PeerName

// One migration as the peer recorded it.
struct PeerEntry {
  // What names the migration: the version (Flyway, golang-migrate, dbmate), the
  // change name (sqitch), "author:id" (Liquibase); for a Flyway repeatable, its
  // description.
  std::string key;
  std::string file;         // the script or changelog file the peer names; may be empty
  bool repeatable = false;  // Flyway's R__ files
  bool baseline = false;    // Flyway's baseline row: nothing ran, the version is where it began
  // The peer's checksum of the file as it ran it, in the peer's own form
  // (Flyway: CRC-32 as a signed integer; sqitch: SHA-1 hex); empty: none kept.
  std::string checksum;
  // Liquibase's MD5SUM is NULL: `liquibase clear-checksums` cleared it, and
  // Liquibase's next update stores the file's checksum without comparing.
  bool checksum_cleared = false;
  std::string applied_by;                // empty when the peer keeps no user
  std::optional<int64_t> applied_epoch;  // seconds since 1970 UTC; nullopt: not kept
  int64_t execution_ms = 0;
  // Why the peer's record cannot be taken as applied (a failed Flyway row, a
  // FAILED Liquibase changeset); empty when it can.
  std::string failure;
  std::string where;  // "flyway_schema_history rank 3", for messages
};

struct PeerHistory {
  Peer peer = Peer::kFlyway;
  std::string table;  // as shown to users
  // In the order the peer applied them, with what it later undid left out.
  std::vector<PeerEntry> entries;
  // golang-migrate keeps only the newest version: every file up to it is applied.
  std::optional<std::string> up_to_version;
  // Why the whole history cannot be adopted as it stands: golang-migrate's dirty
  // flag, a Liquibase lock left taken; empty when it can.
  std::string refusal;
};

// sqitch keeps its SQLite registry in a database file of its own, sqitch.db
// beside the target's. While an AttachedSqitchRegistry lives, that file (when
// there is one) is attached to the connection as `sqitch`, so that the registry
// reads as on PostgreSQL. Make and end it outside a transaction: SQLite attaches
// and detaches only there. Nothing happens on PostgreSQL.
class AttachedSqitchRegistry {
 public:
  explicit AttachedSqitchRegistry(driver::Connection& conn);
  ~AttachedSqitchRegistry();
  AttachedSqitchRegistry(const AttachedSqitchRegistry&) = delete;
  AttachedSqitchRegistry& operator=(const AttachedSqitchRegistry&) = delete;
  const Status& status() const { return status_; }

 private:
  driver::Connection& conn_;
  bool attached_ = false;
  Status status_;
};

// Which peers' tables this database holds (in kAllPeers order). `flyway_table`
// names Flyway's table (its `table` setting; default flyway_schema_history).
Result<std::vector<Peer>> FindPeerHistories(driver::Connection& conn,
                                            const std::string& flyway_table);
// Reads `peer`'s history, which FindPeerHistories found.
Result<PeerHistory> ReadPeerHistory(driver::Connection& conn, Peer peer,
                                    const std::string& flyway_table);

}  // namespace strata::engine
