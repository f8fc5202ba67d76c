#include "engine/peer_history.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "base/numbers.h"
#include "base/strings.h"

namespace strata::engine {
namespace {

using driver::Row;
using driver::Rows;
using driver::Value;

std::string Text(const Value& v) { return v.value_or(""); }

// A boolean as either dialect returns it.
bool True(const Value& v) { return v && (*v == "t" || *v == "true" || *v == "1"); }

// A number the peer stored; nullopt for NULL or what is not a whole number.
std::optional<int64_t> Integer(const Value& v) {
  if (!v) return std::nullopt;
  Result<int64_t> n = ParseInt64(*v);
  return n.ok() ? std::optional<int64_t>(*n) : std::nullopt;
}

// Liquibase's tables are upper case on SQLite and lower case on PostgreSQL (an
// unquoted name folds there); SELECTs name them unquoted and find either.
Result<bool> LiquibaseTableExists(driver::Connection& conn, const std::string& lower) {
  STRATA_ASSIGN_OR_RETURN(bool found, conn.TableExists("", lower));
  if (found) return true;
  std::string upper = lower;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return conn.TableExists("", upper);
}

// Flyway: flyway_schema_history, one row per migration run (installed_rank), with
// rows for baselines, schemas it created, and migrations later undone or deleted.
Result<PeerHistory> ReadFlyway(driver::Connection& conn, const std::string& table) {
  PeerHistory h;
  h.peer = Peer::kFlyway;
  h.table = table;
  STRATA_ASSIGN_OR_RETURN(
      Rows rows,
      conn.Query("SELECT installed_rank, version, description, type, script, checksum, "
                 "installed_by, " +
                     conn.sql().EpochSeconds("installed_on") + ", execution_time, success FROM " +
                     conn.sql().QuoteIdentifier(table) + " ORDER BY installed_rank",
                 {}));
  // Versioned rows by version, in rank order; a later undo or delete removes one.
  std::vector<PeerEntry> versioned;
  std::map<std::string, PeerEntry> repeatables;  // the newest run of each, by description
  std::vector<std::string> repeatable_order;
  for (const Row& r : rows.rows) {
    PeerEntry e;
    const std::string type = Text(r[3]);
    e.key = Text(r[1]);
    e.file = Text(r[4]);
    e.checksum = Text(r[5]);
    e.applied_by = Text(r[6]);
    e.applied_epoch = Integer(r[7]);
    e.execution_ms = Integer(r[8]).value_or(0);
    e.where = table + " rank " + Text(r[0]);
    if (!True(r[9])) e.failure = "Flyway recorded it as failed";
    if (type == "SCHEMA") continue;  // the schema Flyway created, not a migration
    if (type == "DELETE" || type.rfind("UNDO", 0) == 0) {
      // `flyway repair` marked the version deleted, or an undo script ran.
      std::erase_if(versioned, [&](const PeerEntry& v) { return v.key == e.key; });
      continue;
    }
    if (!r[1]) {
      e.key = Text(r[2]);
      e.repeatable = true;
      if (!repeatables.contains(e.key)) repeatable_order.push_back(e.key);
      repeatables[e.key] = std::move(e);
      continue;
    }
    e.baseline = type == "BASELINE";
    versioned.push_back(std::move(e));
  }
  h.entries = std::move(versioned);
  for (const std::string& d : repeatable_order) h.entries.push_back(std::move(repeatables[d]));
  return h;
}

// golang-migrate and dbmate share the name schema_migrations: golang-migrate keeps
// one row (version, dirty), dbmate one row per applied version.
Result<PeerHistory> ReadSchemaMigrations(driver::Connection& conn) {
  STRATA_ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT * FROM schema_migrations", {}));
  PeerHistory h;
  h.table = "schema_migrations";
  std::vector<std::string> columns = rows.columns;
  for (std::string& c : columns) c = ToLower(c);
  const auto column = [&](std::string_view name) -> std::optional<size_t> {
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) return std::nullopt;
    return static_cast<size_t>(it - columns.begin());
  };
  const std::optional<size_t> version = column("version");
  const std::optional<size_t> dirty = column("dirty");
  if (!version || columns.size() != (dirty ? 2u : 1u)) {
    return Status::InvalidInput(
        "schema_migrations has the columns " + Join(rows.columns, ", ") +
        ": neither golang-migrate's (version, dirty) nor dbmate's (version)");
  }
  if (dirty) {
    h.peer = Peer::kGolangMigrate;
    if (rows.rows.size() > 1) {
      return Status::InvalidInput("golang-migrate's schema_migrations holds " +
                                  std::to_string(rows.rows.size()) +
                                  " rows; it keeps one (the current version)");
    }
    if (rows.rows.empty()) return h;  // everything was migrated down
    const Row& r = rows.rows[0];
    h.up_to_version = Text(r[*version]);
    if (True(r[*dirty])) {
      h.refusal = "golang-migrate left version " + *h.up_to_version +
                  " dirty: a run of it failed midway, so what it changed is unknown. Check the "
                  "database, finish or undo that migration by hand, then mark it with `migrate "
                  "force " +
                  *h.up_to_version + "` (applied) or the version before it (not applied)";
    }
    return h;
  }
  h.peer = Peer::kDbmate;
  for (const Row& r : rows.rows) {
    PeerEntry e;
    e.key = Text(r[*version]);
    e.where = "schema_migrations version " + e.key;
    h.entries.push_back(std::move(e));
  }
  // dbmate applies in version order and keeps no time: that order it is.
  std::sort(h.entries.begin(), h.entries.end(), [](const PeerEntry& a, const PeerEntry& b) {
    return a.key.size() != b.key.size() ? a.key.size() < b.key.size() : a.key < b.key;
  });
  return h;
}

// sqitch's registry (PostgreSQL: the sqitch schema): sqitch.changes holds the
// changes deployed now, reverted ones deleted.
Result<PeerHistory> ReadSqitch(driver::Connection& conn) {
  PeerHistory h;
  h.peer = Peer::kSqitch;
  h.table = "sqitch.changes";
  STRATA_ASSIGN_OR_RETURN(
      Rows rows,
      conn.Query("SELECT change, project, script_hash, committer_name, committer_email, " +
                     conn.sql().EpochSeconds("committed_at") +
                     " FROM sqitch.changes ORDER BY committed_at, change_id",
                 {}));
  for (const Row& r : rows.rows) {
    PeerEntry e;
    e.key = Text(r[0]);
    e.checksum = Text(r[2]);
    e.applied_by = Text(r[3]) + (r[4] ? " <" + Text(r[4]) + ">" : "");
    e.applied_epoch = Integer(r[5]);
    e.where = "sqitch.changes " + Text(r[1]) + ":" + e.key;
    h.entries.push_back(std::move(e));
  }
  return h;
}

// Liquibase: DATABASECHANGELOG, one row per changeset run, and
// DATABASECHANGELOGLOCK, taken while an update runs.
Result<PeerHistory> ReadLiquibase(driver::Connection& conn) {
  PeerHistory h;
  h.peer = Peer::kLiquibase;
  h.table = "databasechangelog";
  STRATA_ASSIGN_OR_RETURN(bool has_lock, LiquibaseTableExists(conn, "databasechangeloglock"));
  if (has_lock) {
    STRATA_ASSIGN_OR_RETURN(Rows lock,
                            conn.Query("SELECT locked, lockedby FROM databasechangeloglock", {}));
    for (const Row& r : lock.rows) {
      if (True(r[0])) {
        h.refusal = "Liquibase's lock is taken (by " + Text(r[1]) +
                    "): an update is running, or one was killed; when none runs, release it "
                    "with `liquibase release-locks`";
      }
    }
  }
  STRATA_ASSIGN_OR_RETURN(
      Rows rows,
      conn.Query("SELECT id, author, filename, " + conn.sql().EpochSeconds("dateexecuted") +
                     ", orderexecuted, exectype, md5sum FROM databasechangelog "
                     "ORDER BY orderexecuted",
                 {}));
  for (const Row& r : rows.rows) {
    PeerEntry e;
    e.key = Text(r[1]) + ":" + Text(r[0]);
    e.file = Text(r[2]);
    e.applied_epoch = Integer(r[3]);
    e.checksum = Text(r[6]);
    e.checksum_cleared = !r[6].has_value();
    e.where = "databasechangelog " + e.file + "::" + Text(r[0]) + "::" + Text(r[1]);
    const std::string type = Text(r[5]);
    // EXECUTED and RERAN ran it; MARK_RAN recorded it as applied without running it.
    if (type == "FAILED") e.failure = "Liquibase recorded it as FAILED";
    if (type == "SKIPPED") continue;  // never applied
    h.entries.push_back(std::move(e));
  }
  return h;
}

}  // namespace

AttachedSqitchRegistry::AttachedSqitchRegistry(driver::Connection& conn) : conn_(conn) {
  // Only a database that lives in a file (SQLite's) has sqitch's registry in a
  // file beside it; a server keeps it in a schema named sqitch, and a database
  // in memory has no directory to look in.
  const std::string file = conn.DatabaseFile();
  if (file.empty()) return;
  const std::filesystem::path registry = std::filesystem::path(file).parent_path() / "sqitch.db";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(registry, ec)) return;
  std::string literal = registry.string();
  for (size_t at = 0; (at = literal.find('\'', at)) != std::string::npos; at += 2) {
    literal.insert(at, 1, '\'');
  }
  status_ = conn.Execute("ATTACH DATABASE '" + literal + "' AS sqitch");
  attached_ = status_.ok();
}

AttachedSqitchRegistry::~AttachedSqitchRegistry() {
  if (attached_) (void)conn_.Execute("DETACH DATABASE sqitch");
}

const char* PeerName(Peer peer) {
  switch (peer) {
    case Peer::kFlyway:
      return "flyway";
    case Peer::kGolangMigrate:
      return "golang-migrate";
    case Peer::kDbmate:
      return "dbmate";
    case Peer::kSqitch:
      return "sqitch";
    case Peer::kLiquibase:
      return "liquibase";
  }
  return "unknown";
}

std::optional<Peer> ParsePeer(std::string_view name) {
  for (Peer p : kAllPeers) {
    if (name == PeerName(p)) return p;
  }
  return std::nullopt;
}

Result<std::vector<Peer>> FindPeerHistories(driver::Connection& conn,
                                            const std::string& flyway_table) {
  std::vector<Peer> found;
  STRATA_ASSIGN_OR_RETURN(bool flyway, conn.TableExists("", flyway_table));
  if (flyway) found.push_back(Peer::kFlyway);
  STRATA_ASSIGN_OR_RETURN(bool schema_migrations, conn.TableExists("", "schema_migrations"));
  if (schema_migrations) {
    STRATA_ASSIGN_OR_RETURN(PeerHistory h, ReadSchemaMigrations(conn));
    found.push_back(h.peer);
  }
  // On SQLite, the schema is there when AttachedSqitchRegistry attached it.
  STRATA_ASSIGN_OR_RETURN(const bool sqitch, conn.TableExists("sqitch", "changes"));
  if (sqitch) found.push_back(Peer::kSqitch);
  STRATA_ASSIGN_OR_RETURN(bool liquibase, LiquibaseTableExists(conn, "databasechangelog"));
  if (liquibase) found.push_back(Peer::kLiquibase);
  return found;
}

Result<PeerHistory> ReadPeerHistory(driver::Connection& conn, Peer peer,
                                    const std::string& flyway_table) {
  switch (peer) {
    case Peer::kFlyway:
      return ReadFlyway(conn, flyway_table);
    case Peer::kGolangMigrate:
    case Peer::kDbmate: {
      STRATA_ASSIGN_OR_RETURN(PeerHistory h, ReadSchemaMigrations(conn));
      if (h.peer != peer) {
        return Status::InvalidInput(std::string("schema_migrations is ") + PeerName(h.peer) +
                                    "'s, not " + PeerName(peer) + "'s");
      }
      return h;
    }
    case Peer::kSqitch: {
      STRATA_ASSIGN_OR_RETURN(const bool registry, conn.TableExists("sqitch", "changes"));
      if (!registry) {
        return Status::NotFound(
            "no sqitch registry: sqitch keeps it in the schema sqitch (PostgreSQL), or in "
            "sqitch.db beside a SQLite database file, and there is none");
      }
      return ReadSqitch(conn);
    }
    case Peer::kLiquibase:
      return ReadLiquibase(conn);
  }
  return Status::Internal("unknown peer");
}

}  // namespace strata::engine
