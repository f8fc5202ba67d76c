#include "engine/history.h"

#include <ctime>

namespace strata::engine {
namespace {

using driver::LogicalType;

constexpr const char* kColumns =
    "installed_rank, stream, version, description, kind, category, script, checksum_content, "
    "checksum_semantic, schema_version, applied_by, applied_at, execution_ms, success, state, "
    "statements_done, transactional, error, tool_version, phase, backup, warnings";

// The columns a history table of an older format lacks, read as empty.
std::string ColumnsOfFormat(int format) {
  std::string columns = kColumns;
  auto read_empty = [&](std::string_view column) {
    columns.replace(columns.find(column), column.size(), "'' AS " + std::string(column));
  };
  if (format < 2) read_empty("phase");
  if (format < 3) {
    read_empty("backup");
    read_empty("warnings");
  }
  return columns;
}

bool Truthy(const driver::Value& v) { return v && (*v == "t" || *v == "1" || *v == "true"); }
std::string Text(const driver::Value& v) { return v.value_or(""); }
int64_t Int(const driver::Value& v) { return v ? std::stoll(*v) : 0; }

HistoryRow FromRow(const driver::Row& r) {
  HistoryRow h;
  h.rank = Int(r[0]);
  h.stream = Text(r[1]);
  h.version = r[2];
  h.description = Text(r[3]);
  h.kind = Text(r[4]);
  h.category = Text(r[5]);
  h.script = Text(r[6]);
  h.checksum_content = Text(r[7]);
  h.checksum_semantic = Text(r[8]);
  h.schema_version = Text(r[9]);
  h.applied_by = Text(r[10]);
  h.applied_at = Text(r[11]);
  h.execution_ms = Int(r[12]);
  h.success = Truthy(r[13]);
  h.state = Text(r[14]);
  h.statements_done = Int(r[15]);
  h.transactional = Truthy(r[16]);
  h.error = Text(r[17]);
  h.tool_version = Text(r[18]);
  h.phase = Text(r[19]);
  h.backup = Text(r[20]);
  h.warnings = Text(r[21]);
  return h;
}

}  // namespace

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

History::History(driver::Connection& conn, const EngineOptions& options)
    : conn_(conn), options_(options) {
  const std::string prefix =
      options.history_schema.empty() ? "" : conn.QuoteIdentifier(options.history_schema) + ".";
  table_ = prefix + conn.QuoteIdentifier(options.history_table);
  meta_ = prefix + conn.QuoteIdentifier(options.history_table + "_meta");
  backfill_ = prefix + conn.QuoteIdentifier(options.history_table + "_backfill");
}

Result<bool> History::Exists() {
  return conn_.TableExists(options_.history_schema, options_.history_table);
}

Status History::Ensure() {
  auto t = [&](LogicalType type) { return conn_.TypeName(type); };
  STRATA_ASSIGN_OR_RETURN(bool exists, Exists());
  if (!exists) {
    STRATA_RETURN_IF_ERROR(conn_.Execute(
        "CREATE TABLE " + table_ + " (installed_rank " + t(LogicalType::kBigInt) +
        " PRIMARY KEY, stream " + t(LogicalType::kText) + " NOT NULL, version " +
        t(LogicalType::kText) + ", description " + t(LogicalType::kText) + " NOT NULL, kind " +
        t(LogicalType::kText) + " NOT NULL, category " + t(LogicalType::kText) + ", script " +
        t(LogicalType::kText) + " NOT NULL, checksum_content " + t(LogicalType::kText) +
        ", checksum_semantic " + t(LogicalType::kText) + ", schema_version " +
        t(LogicalType::kText) + ", applied_by " + t(LogicalType::kText) +
        " NOT NULL, applied_at " + t(LogicalType::kTimestamp) + " NOT NULL, execution_ms " +
        t(LogicalType::kBigInt) + " NOT NULL, success " + t(LogicalType::kBool) +
        " NOT NULL, state " + t(LogicalType::kText) + " NOT NULL, statements_done " +
        t(LogicalType::kBigInt) + " NOT NULL DEFAULT 0, transactional " + t(LogicalType::kBool) +
        " NOT NULL, error " + t(LogicalType::kText) + ", tool_version " + t(LogicalType::kText) +
        " NOT NULL, phase " + t(LogicalType::kText) + " NOT NULL DEFAULT '', backup " +
        t(LogicalType::kText) + " NOT NULL DEFAULT '', warnings " + t(LogicalType::kText) +
        " NOT NULL DEFAULT '')"));
    STRATA_RETURN_IF_ERROR(CreateVersionIndex());
    STRATA_RETURN_IF_ERROR(CreateBackfillTable());
    STRATA_RETURN_IF_ERROR(conn_.Execute("CREATE TABLE " + meta_ + " (key " +
                                         t(LogicalType::kText) + " PRIMARY KEY, value " +
                                         t(LogicalType::kText) + " NOT NULL)"));
    STRATA_RETURN_IF_ERROR(
        conn_.Query("INSERT INTO " + meta_ + " (key, value) VALUES ('format_version', $1)",
                    {std::to_string(kFormatVersion)})
            .status());
    return Status::Ok();
  }
  STRATA_ASSIGN_OR_RETURN(const int format, StoredFormat());
  if (format > kFormatVersion) {
    return Status::Conflict("the history table " + table_ + " has format " +
                            std::to_string(format) + ", newer than this strata (" +
                            std::to_string(kFormatVersion) + "); upgrade strata");
  }
  // Upgrade steps from older formats, one `if (format < N)` block each.
  if (format < 2) {
    // 2: a row per phase of a phased migration, and backfill progress.
    STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN phase " +
                                         t(LogicalType::kText) + " NOT NULL DEFAULT ''"));
    const std::string old_index = options_.history_table + "_version_uq";
    STRATA_RETURN_IF_ERROR(conn_.Execute(
        "DROP INDEX " +
        (options_.history_schema.empty() ? "" : conn_.QuoteIdentifier(options_.history_schema) + ".") +
        conn_.QuoteIdentifier(old_index)));
    STRATA_RETURN_IF_ERROR(CreateVersionIndex());
    STRATA_RETURN_IF_ERROR(CreateBackfillTable());
  }
  if (format < 3) {
    // 3: the backup taken before the run that applied a row, and the warnings of
    // its non-critical validation checks.
    for (const char* column : {"backup", "warnings"}) {
      STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN " + column +
                                           " " + t(LogicalType::kText) + " NOT NULL DEFAULT ''"));
    }
  }
  if (format < kFormatVersion) {
    STRATA_RETURN_IF_ERROR(
        conn_.Query("UPDATE " + meta_ + " SET value = $1 WHERE key = 'format_version'",
                    {std::to_string(kFormatVersion)})
            .status());
  }
  return Status::Ok();
}

Status History::CreateVersionIndex() {
  // One row per version, phase and stream: the database itself refuses a second
  // application, whatever happens to the locks.
  return conn_.Execute("CREATE UNIQUE INDEX " +
                       conn_.QuoteIdentifier(options_.history_table + "_phase_uq") + " ON " +
                       table_ + " (stream, version, phase)");
}

Status History::CreateBackfillTable() {
  auto t = [&](LogicalType type) { return conn_.TypeName(type); };
  // The last key a backfill finished, written in the transaction of each batch.
  return conn_.Execute("CREATE TABLE " + backfill_ + " (stream " + t(LogicalType::kText) +
                       " NOT NULL, version " + t(LogicalType::kText) + " NOT NULL, phase " +
                       t(LogicalType::kText) + " NOT NULL, statement " + t(LogicalType::kBigInt) +
                       " NOT NULL, last_key " + t(LogicalType::kText) + ", rows_done " +
                       t(LogicalType::kBigInt) + " NOT NULL, batches " + t(LogicalType::kBigInt) +
                       " NOT NULL, finished " + t(LogicalType::kBool) +
                       " NOT NULL, PRIMARY KEY (stream, version, phase, statement))");
}

Result<int> History::StoredFormat() {
  STRATA_ASSIGN_OR_RETURN(
      driver::Rows rows, conn_.Query("SELECT value FROM " + meta_ + " WHERE key = 'format_version'", {}));
  return rows.rows.empty() ? 0 : std::stoi(rows.rows[0][0].value_or("0"));
}

Result<driver::Rows> History::Select(const std::string& where, const std::vector<driver::Value>& params) {
  auto select = [&](int format) {
    std::string columns = ColumnsOfFormat(format);
    columns.replace(columns.find("applied_at"), 10, conn_.UtcTimestampText("applied_at"));
    return conn_.Query("SELECT " + columns + " FROM " + table_ + " WHERE " + where, params);
  };
  Result<driver::Rows> rows = select(kFormatVersion);
  if (rows.ok()) return rows;
  // A table of an older format, which read-only commands do not upgrade: read
  // what it has. Writing commands upgrade it first (Ensure), so inside their
  // transactions the first attempt succeeds.
  Result<int> format = StoredFormat();
  if (!format.ok() || *format >= kFormatVersion) return rows;
  return select(*format);
}

Result<std::vector<HistoryRow>> History::Load() {
  STRATA_ASSIGN_OR_RETURN(bool exists, Exists());
  std::vector<HistoryRow> out;
  if (!exists) return out;
  STRATA_ASSIGN_OR_RETURN(driver::Rows rows,
                          Select("stream = $1 ORDER BY installed_rank", {options_.stream}));
  out.reserve(rows.rows.size());
  for (const driver::Row& r : rows.rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<HistoryRow>> History::Find(const std::string& version,
                                                const std::string& phase) {
  STRATA_ASSIGN_OR_RETURN(driver::Rows rows,
                          Select("stream = $1 AND version = $2 AND phase = $3",
                                 {options_.stream, version, phase}));
  if (rows.rows.empty()) return std::optional<HistoryRow>();
  return std::optional<HistoryRow>(FromRow(rows.rows[0]));
}

Status History::Write(const std::string& sql, const std::vector<driver::Value>& params, Then then) {
  if (then == Then::kCommit) return conn_.ExecuteAndCommit(sql, params);
  return conn_.Query(sql, params).status();
}

Status History::Insert(const HistoryRow& h, Then then) {
  // The rank is computed in the statement: callers hold the run lock or the
  // database write lock, so no other writer can take the same number.
  // In VALUES the server types each parameter from its column.
  const std::string sql = "INSERT INTO " + table_ + " (" + kColumns +
                          ") VALUES ((SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + table_ +
                          "), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                          "$16, $17, $18, $19, $20, $21)";
  return Write(sql,
               {h.stream, h.version, h.description, h.kind, h.category, h.script,
                h.checksum_content, h.checksum_semantic, h.schema_version, h.applied_by,
                h.applied_at, std::to_string(h.execution_ms), h.success ? "1" : "0", h.state,
                std::to_string(h.statements_done), h.transactional ? "1" : "0",
                h.error.empty() ? driver::Value() : driver::Value(h.error), h.tool_version, h.phase,
                h.backup, h.warnings},
               then);
}

Result<int64_t> History::LastRank() {
  STRATA_ASSIGN_OR_RETURN(driver::Rows rows,
                          conn_.Query("SELECT MAX(installed_rank) FROM " + table_, {}));
  if (rows.rows.empty() || !rows.rows[0][0]) return Status::Internal("the history table is empty");
  return Int(rows.rows[0][0]);
}

Status History::UpdateProgress(int64_t rank, int64_t statements_done) {
  return conn_
      .Query("UPDATE " + table_ + " SET statements_done = $1 WHERE installed_rank = $2",
             {std::to_string(statements_done), std::to_string(rank)})
      .status();
}

Status History::Finish(int64_t rank, const std::string& state, bool success, int64_t execution_ms,
                       const std::string& error) {
  return conn_
      .Query("UPDATE " + table_ +
                 " SET state = $1, success = $2, execution_ms = $3, error = $4 WHERE installed_rank = $5",
             {state, success ? "1" : "0", std::to_string(execution_ms),
              error.empty() ? driver::Value() : driver::Value(error), std::to_string(rank)})
      .status();
}

Status History::SetWarnings(int64_t rank, const std::string& warnings) {
  return conn_
      .Query("UPDATE " + table_ + " SET warnings = $1 WHERE installed_rank = $2",
             {warnings, std::to_string(rank)})
      .status();
}

Status History::UpdateChecksums(int64_t rank, const std::string& content,
                                const std::string& semantic, const std::string& script) {
  return conn_
      .Query("UPDATE " + table_ +
                 " SET checksum_content = $1, checksum_semantic = $2, script = $3 WHERE installed_rank = $4",
             {content, semantic, script, std::to_string(rank)})
      .status();
}

Status History::Delete(int64_t rank, Then then) {
  return Write("DELETE FROM " + table_ + " WHERE installed_rank = $1", {std::to_string(rank)}, then);
}

Result<BackfillProgress> History::LoadBackfill(const std::string& version, const std::string& phase,
                                              int64_t statement) {
  STRATA_ASSIGN_OR_RETURN(
      driver::Rows rows,
      conn_.Query("SELECT last_key, rows_done, batches, finished FROM " + backfill_ +
                      " WHERE stream = $1 AND version = $2 AND phase = $3 AND statement = $4",
                  {options_.stream, version, phase, std::to_string(statement)}));
  BackfillProgress p;
  if (rows.rows.empty()) return p;
  const driver::Row& r = rows.rows[0];
  p.started = true;
  p.last_key = r[0];
  p.rows_done = Int(r[1]);
  p.batches = Int(r[2]);
  p.finished = Truthy(r[3]);
  return p;
}

Status History::SaveBackfill(const std::string& version, const std::string& phase,
                             int64_t statement, const BackfillProgress& p, Then then) {
  return Write("INSERT INTO " + backfill_ +
                   " (stream, version, phase, statement, last_key, rows_done, batches, finished) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (stream, version, phase, "
                   "statement) DO UPDATE SET last_key = excluded.last_key, rows_done = "
                   "excluded.rows_done, batches = excluded.batches, finished = excluded.finished",
               {options_.stream, version, phase, std::to_string(statement), p.last_key,
                std::to_string(p.rows_done), std::to_string(p.batches), p.finished ? "1" : "0"},
               then);
}

Status History::ClearBackfill(const std::string& version, const std::string& phase) {
  return conn_
      .Query("DELETE FROM " + backfill_ + " WHERE stream = $1 AND version = $2 AND phase = $3",
             {options_.stream, version, phase})
      .status();
}

driver::InspectOptions WithoutHistoryTables(const EngineOptions& options) {
  driver::InspectOptions inspect;
  inspect.excluded_tables = {options.history_table};
  inspect.excluded_prefixes = {options.history_table + "_"};
  return inspect;
}

}  // namespace strata::engine
