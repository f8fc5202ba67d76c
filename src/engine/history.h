// The history table (`strata_schema_history`) and its companions `<table>_meta`,
// which holds the format version of strata's own tables so that a later release
// can upgrade them in place, and `<table>_backfill`, the progress of batched
// backfills. All SQL about these tables lives here, rendered with the
// connection's driver::SqlDialect.
//
// Not thread-safe; borrows the Connection, which must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/utc.h"  // UtcNow, for the applied_at of new rows
#include "driver/driver.h"
#include "engine/options.h"

namespace strata::engine {

// The state column: where a migration stands.
inline constexpr const char* kStateApplied = "applied";
inline constexpr const char* kStateRunning =
    "running";  // a non-transactional run in progress or killed
inline constexpr const char* kStateFailed = "failed";  // a non-transactional run failed
inline constexpr const char* kStateResume = "resume";  // repaired: the next run resumes it
// A rollback without a transaction in progress or killed: statements_done counts
// the rollback's statements done; `down` resumes it, and removes the row at its end.
inline constexpr const char* kStateReverting = "reverting";

inline constexpr const char* kKindVersioned = "versioned";
inline constexpr const char* kKindRepeatable = "repeatable";
inline constexpr const char* kKindBaseline = "baseline";

struct HistoryRow {
  int64_t rank = 0;  // installed_rank: order of application
  std::string stream;
  std::optional<std::string> version;  // nullopt for repeatables
  std::string description;
  std::string kind;      // versioned | repeatable | baseline
  std::string category;  // schema | data | security | perf, or empty
  std::string script;    // file path as it was when applied
  std::string checksum_content;
  std::string checksum_semantic;
  std::string schema_version;  // the "-- Version:" header
  std::string applied_by;
  std::string applied_at;  // ISO-8601 UTC
  int64_t execution_ms = 0;
  bool success = false;
  std::string state;            // see kState*
  int64_t statements_done = 0;  // progress of a non-transactional migration
  bool transactional = true;
  // How it ran (sql::TransactionModeName): single, wrapped, blocks or none;
  // empty in rows written before history format 5.
  std::string transaction_mode;
  std::string error;  // the failure, for failed rows
  std::string tool_version;
  std::string phase;     // expand | migrate | contract; empty for a plain migration
  std::string backup;    // the backup taken before the run that applied it, or empty
  std::string warnings;  // failed non-critical validation checks, one per line
  // Seed 003's template headers, as the file wrote them ("-- ID:", "-- Database:",
  // "-- Created:"; "-- Dependencies:" joined with ", "); empty when absent and in
  // rows written before history format 6. Not sealed: the sealed checksums cover
  // the file they come from.
  std::string header_id;
  std::string header_database;
  std::string header_created;
  std::string header_depends;
  // SealOf(row) as strata wrote it; nullopt when not read (Columns::kStatus).
  std::optional<std::string> seal;
};

// A SHA-256 over the fields of a row that never change once it is written
// (stream, version, phase, kind, description, script, both checksums, schema
// version, applied_by, applied_at), stored with the row: a hand edit of any of
// them, a checksum made to agree with an edited file above all, no longer
// matches. It shows edits made without knowing this function; signed rows
// against a determined forger are the audit trail's job.
std::string SealOf(const HistoryRow& row);
// Whether the row was read with its seal and the seal does not match it.
bool Tampered(const HistoryRow& row);

// How far a batched backfill got (`<history table>_backfill`, one row per statement).
struct BackfillProgress {
  bool started = false;                 // a row exists
  std::optional<std::string> last_key;  // the upper bound of the last committed batch
  int64_t rows_done = 0;
  int64_t batches = 0;
  bool finished = false;
};

class History {
 public:
  // The current format of strata's own tables; raise it with an upgrade step in Ensure().
  // 2 added the phase column (one row per phase) and the backfill table; 3 the
  // backup and warnings columns; 4 the seal (SealOf); 5 the transaction mode; 6
  // the template headers, and the meta table's `key` column renamed `name`.
  static constexpr int kFormatVersion = 6;

  History(driver::Connection& conn, const EngineOptions& options);

  // Creates the tables when missing and upgrades older formats. Call inside a
  // transaction, under the run lock.
  Status Ensure();
  // The meta table's format row is readable and not newer than this strata, as
  // Ensure checks, without changing anything (for validate: reads of the rows
  // alone never look at it).
  Status CheckFormat();
  Result<bool> Exists();
  // Which columns Load() reads: all, or only what `status` shows (rank, version,
  // description, kind, script, checksum_content, schema_version, applied_at,
  // state, phase; the other fields stay empty).
  enum class Columns { kAll, kStatus };
  // Rows of this stream in installed order; empty when the table does not exist.
  Result<std::vector<HistoryRow>> Load(Columns columns = Columns::kAll);
  // Sends Load(columns)'s query now (Connection::Prefetch): the server reads the
  // history while the caller reads the migrations directory.
  void PrefetchLoad(Columns columns);
  // The row of `version` (and `phase`, empty for a plain migration) in this stream,
  // if any (used to re-check inside a transaction).
  Result<std::optional<HistoryRow>> Find(const std::string& version, const std::string& phase = "");

  // Whether a write also commits the open transaction (in the same round trip).
  enum class Then { kStayOpen, kCommit };
  Status Insert(const HistoryRow& row, Then then = Then::kStayOpen);
  // Moves the progress of the row `rank` from `from` to `to` statements done,
  // only while the row still says `state` and `from`: false when another run
  // moved it meanwhile (one that lost its lock, or a killed run's server backend
  // still finishing a statement). Called inside a statement's transaction before
  // the statement, its row lock makes any such run wait for this one.
  Result<bool> AdvanceProgress(int64_t rank, const std::string& state, int64_t from, int64_t to);
  // Starts rolling back the row `rank` statement by statement: state reverting,
  // no statement done, no error.
  Status StartRevert(int64_t rank);
  Status Finish(int64_t rank, const std::string& state, bool success, int64_t execution_ms,
                const std::string& error);
  Status SetWarnings(int64_t rank, const std::string& warnings);
  // Records `row`'s checksums and script (an approved edit of its file) and seals it again.
  Status UpdateChecksums(const HistoryRow& row);
  Status Delete(int64_t rank, Then then = Then::kStayOpen);
  // The highest rank: the row this run inserted last, since writers hold the lock.
  Result<int64_t> LastRank();

  // Backfill progress of statement `statement` (0-based) of a migration's script.
  Result<BackfillProgress> LoadBackfill(const std::string& version, const std::string& phase,
                                        int64_t statement);
  // Saves `progress` only while the stored progress is still at `from_batches`
  // batches (none stored counts as 0): false when another run moved it on
  // meanwhile (one that lost its lock). Called in a batch's transaction, it
  // makes the batch commit at most once: the caller rolls back on false.
  Result<bool> AdvanceBackfill(const std::string& version, const std::string& phase,
                               int64_t statement, int64_t from_batches,
                               const BackfillProgress& progress);
  // Forgets the progress of a phase (or plain migration) that is rolled back.
  Status ClearBackfill(const std::string& version, const std::string& phase);

  const std::string& table() const { return table_; }

 private:
  // The format_version of the tables as stored (0 when the meta table says none).
  Result<int> StoredFormat();
  // A Conflict when `format` is newer than this strata's.
  Status NotNewer(int format) const;
  // InvalidInput when the existing history table has no meta table beside it:
  // another tool made it (seed 002's schema_metadata), and strata must not
  // read its rows as its own or add columns to it.
  Status NotAnotherToolsTable();
  // The rows matching `where`, whatever the stored format.
  Result<std::vector<HistoryRow>> Select(const std::string& where,
                                         const std::vector<driver::Value>& params, Columns which);
  // The SELECT of `which` columns from a table of format `format`.
  std::string SelectSql(const std::string& where, Columns which, int format) const;
  Status CreateVersionIndex();
  // Seals every row of every stream: the upgrade to format 4.
  Status SealAll();
  Status CreateBackfillTable();
  // Every write to strata's tables goes through here: `sql` with `params`, and the
  // rows it changed. With Then::kCommit, which sends the COMMIT in the same round
  // trip, the count is not reported (0).
  Result<int64_t> Write(const std::string& sql, const std::vector<driver::Value>& params,
                        Then then = Then::kStayOpen);

  driver::Connection& conn_;
  // conn_'s dialect: every statement here is rendered with it (placeholders,
  // the ranked insert, the upsert), none written for one database.
  const driver::SqlDialect& sql_;
  EngineOptions options_;
  std::string table_;     // quoted, schema-qualified when configured
  std::string meta_;      // quoted companion table
  std::string backfill_;  // quoted backfill progress table
  // Why the table's names cannot be used as given (too long for the database),
  // reported by every read and write.
  Status names_;
};

// What to leave out when reading a database's schema: the history table of
// `options` and its companions (`<table>_meta`, `<table>_backfill`), in any
// schema, so that a schema read is the same before and after strata ran there.
driver::InspectOptions WithoutHistoryTables(const EngineOptions& options);

}  // namespace strata::engine
