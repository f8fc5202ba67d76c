#include "engine/history.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <span>

#include "base/numbers.h"
#include "base/utc.h"
#include "source/checksum.h"
#include "sql/transaction_mode.h"

namespace strata::engine {
namespace {

using driver::LogicalType;

// Every history column, in table order. The position is the Field's value.
// clang-format off
enum class Field {
  kRank, kStream, kVersion, kDescription, kKind, kCategory, kScript, kChecksumContent,
  kChecksumSemantic, kSchemaVersion, kAppliedBy, kAppliedAt, kExecutionMs, kSuccess, kState,
  kStatementsDone, kTransactional, kError, kToolVersion, kPhase, kBackup, kWarnings, kSeal,
  kTransactionMode, kHeaderId, kHeaderDatabase, kHeaderCreated, kHeaderDepends,
};
constexpr std::string_view kColumnNames[] = {
    "installed_rank", "stream",          "version",          "description",       "kind",
    "category",       "script",          "checksum_content", "checksum_semantic",
    "schema_version", "applied_by",      "applied_at",       "execution_ms",      "success",
    "state",          "statements_done", "transactional",    "error",             "tool_version",
    "phase",          "backup",          "warnings",         "seal",              "transaction_mode",
    "header_id",      "header_database", "header_created",   "header_depends"};
// clang-format on
static_assert(std::size(kColumnNames) == static_cast<size_t>(Field::kHeaderDepends) + 1,
              "one column name per field");
// Every field, in table order.
constexpr auto kAllFields = [] {
  std::array<Field, std::size(kColumnNames)> fields{};
  for (size_t i = 0; i < fields.size(); ++i) fields[i] = static_cast<Field>(i);
  return fields;
}();
// What `status` shows and reconciling needs (History::Columns::kStatus): under
// half the columns, and under half the bytes, which the server sends in 8 kB
// pieces that the client waits for one by one. On 500 rows the server's part
// of `status` is 0.8 ms shorter.
constexpr Field kStatusFields[] = {Field::kRank,          Field::kVersion,
                                   Field::kDescription,   Field::kKind,
                                   Field::kScript,        Field::kChecksumContent,
                                   Field::kSchemaVersion, Field::kAppliedAt,
                                   Field::kState,         Field::kPhase};

// The template headers of a file, which format 6 added.
constexpr Field kHeaderFields[] = {Field::kHeaderId, Field::kHeaderDatabase, Field::kHeaderCreated,
                                   Field::kHeaderDepends};

std::string_view NameOf(Field f) { return kColumnNames[static_cast<size_t>(f)]; }

// The history format that added a column; an older table reads it as empty.
int FormatThatAdded(Field f) {
  switch (f) {
    case Field::kPhase:
      return 2;
    case Field::kBackup:
    case Field::kWarnings:
      return 3;
    case Field::kSeal:
      return 4;
    case Field::kTransactionMode:
      return 5;
    case Field::kHeaderId:
    case Field::kHeaderDatabase:
    case Field::kHeaderCreated:
    case Field::kHeaderDepends:
      return 6;
    default:
      return 1;
  }
}

// "stream, version, ...": every column but the rank, for INSERT (the dialect
// computes the rank in the statement).
const std::vector<std::string>& ColumnsAfterRank() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> out;
    for (Field f : kAllFields) {
      if (f != Field::kRank) out.emplace_back(NameOf(f));
    }
    return out;
  }();
  return kColumns;
}

// "a = $1, b = $2" (`separator` ", ") or "a = $1 AND b = $2" (" AND "): each
// column set to, or compared with, the next parameter from `first`, as the
// dialect writes parameters. Parameters are numbered in the order they appear.
std::string EachEquals(const driver::SqlDialect& d, std::initializer_list<std::string_view> columns,
                       int first, std::string_view separator) {
  std::string out;
  for (std::string_view c : columns) {
    if (!out.empty()) out += separator;
    out += std::string(c) + " = " + d.Placeholder(first++);
  }
  return out;
}
std::string Set(const driver::SqlDialect& d, std::initializer_list<std::string_view> columns,
                int first = 1) {
  return " SET " + EachEquals(d, columns, first, ", ");
}
std::string Where(const driver::SqlDialect& d, std::initializer_list<std::string_view> columns,
                  int first = 1) {
  return " WHERE " + EachEquals(d, columns, first, " AND ");
}

// The columns format 6 added, for CREATE TABLE: ", header_id <text> NOT NULL DEFAULT ''", ...
std::string HeaderColumnsSql(const std::string& text_type) {
  std::string out;
  for (Field f : kHeaderFields) {
    out += ", " + std::string(NameOf(f)) + " " + text_type + " NOT NULL DEFAULT ''";
  }
  return out;
}

bool Truthy(const driver::Value& v) { return v && (*v == "t" || *v == "1" || *v == "true"); }
std::string Text(driver::Value& v) { return v ? std::move(*v) : std::string(); }

// A cell of a history table that should hold a whole number and does not (a
// hand edit: SQLite keeps text in an INTEGER column): an error naming the cell
// (`where`: table, column, row) and its value, which the user must correct.
Status Unreadable(const std::string& where, const std::string& why) {
  return Status::InvalidInput(where + ": " + why +
                              "; the table was edited by hand: correct the value");
}

// A whole number from a cell of a history table; NULL reads as 0.
Result<int64_t> Int(const driver::Value& v, const std::string& where) {
  if (!v) return int64_t{0};
  Result<int64_t> n = ParseInt64(*v);
  if (!n.ok()) return Unreadable(where, n.status().message());
  return n;
}

// Seconds since 1970 of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what IsoUtc shows.
constexpr int64_t kFirstSecond = -62'167'219'200;
constexpr int64_t kLastSecond = 253'402'300'799;

// Takes the row's strings rather than copying them, into a row built in place:
// `status` reads every row. `fields` are the row's columns, in order; `table`
// names the history table in errors.
Status FillRow(std::span<const Field> fields, driver::Row& r, const std::string& table,
               HistoryRow& h) {
  for (size_t i = 0; i < fields.size(); ++i) {
    driver::Value& v = r[i];
    const Field f = fields[i];
    // The message is built only for a bad cell; it names the row by its rank,
    // which comes first.
    auto where = [&] {
      std::string out = table + "." + std::string(NameOf(f));
      if (f != Field::kRank) out += " (installed_rank " + std::to_string(h.rank) + ")";
      return out;
    };
    // A word strata never writes would read as "applied": refused instead.
    auto one_of = [&](std::string& out, std::initializer_list<const char*> known) -> Status {
      out = Text(v);
      std::string list;
      for (const char* word : known) {
        if (out == word) return Status::Ok();
        list += (list.empty() ? "" : ", ") + std::string(word);
      }
      return Unreadable(where(), "'" + out + "' is none of " + list);
    };
    auto number = [&](int64_t& out) -> Status {
      Result<int64_t> n = v ? ParseInt64(*v) : Result<int64_t>(int64_t{0});
      if (!n.ok()) return Unreadable(where(), n.status().message());
      out = *n;
      return Status::Ok();
    };
    switch (f) {
      case Field::kRank:
        STRATA_RETURN_IF_ERROR(number(h.rank));
        break;
      case Field::kStream:
        h.stream = Text(v);
        break;
      case Field::kVersion:
        h.version = std::move(v);
        break;
      case Field::kDescription:
        h.description = Text(v);
        break;
      case Field::kKind:
        STRATA_RETURN_IF_ERROR(one_of(h.kind, {kKindVersioned, kKindRepeatable, kKindBaseline}));
        break;
      case Field::kCategory:
        h.category = Text(v);
        break;
      case Field::kScript:
        h.script = Text(v);
        break;
      case Field::kChecksumContent:
        h.checksum_content = Text(v);
        break;
      case Field::kChecksumSemantic:
        h.checksum_semantic = Text(v);
        break;
      case Field::kSchemaVersion:
        h.schema_version = Text(v);
        break;
      case Field::kAppliedBy:
        h.applied_by = Text(v);
        break;
      case Field::kAppliedAt: {
        int64_t seconds = 0;
        STRATA_RETURN_IF_ERROR(number(seconds));
        if (seconds < kFirstSecond || seconds > kLastSecond) {
          return Unreadable(where(), std::to_string(seconds) +
                                         " seconds since 1970 is outside the years 0 to 9999");
        }
        h.applied_at = v ? IsoUtc(seconds) : "";
        break;
      }
      case Field::kExecutionMs:
        STRATA_RETURN_IF_ERROR(number(h.execution_ms));
        break;
      case Field::kSuccess:
        h.success = Truthy(v);
        break;
      case Field::kState:
        STRATA_RETURN_IF_ERROR(one_of(
            h.state, {kStateApplied, kStateRunning, kStateFailed, kStateResume, kStateReverting}));
        break;
      case Field::kStatementsDone:
        STRATA_RETURN_IF_ERROR(number(h.statements_done));
        break;
      case Field::kTransactional:
        h.transactional = Truthy(v);
        break;
      case Field::kTransactionMode:
        // Empty in rows written before format 5, and in baseline rows.
        h.transaction_mode = Text(v);
        if (!h.transaction_mode.empty() && !sql::ParseTransactionMode(h.transaction_mode)) {
          const std::string bad = h.transaction_mode;
          return Unreadable(where(), "'" + bad + "' is none of single, wrapped, blocks, none");
        }
        break;
      case Field::kError:
        h.error = Text(v);
        break;
      case Field::kToolVersion:
        h.tool_version = Text(v);
        break;
      case Field::kPhase:
        h.phase = Text(v);
        break;
      case Field::kBackup:
        h.backup = Text(v);
        break;
      case Field::kWarnings:
        h.warnings = Text(v);
        break;
      case Field::kSeal:
        if (v) h.seal = std::move(*v);  // NULL: a table older than seals
        break;
      case Field::kHeaderId:
        h.header_id = Text(v);
        break;
      case Field::kHeaderDatabase:
        h.header_database = Text(v);
        break;
      case Field::kHeaderCreated:
        h.header_created = Text(v);
        break;
      case Field::kHeaderDepends:
        h.header_depends = Text(v);
        break;
    }
  }
  return Status::Ok();
}

std::span<const Field> FieldsOf(History::Columns columns) {
  if (columns == History::Columns::kStatus) return kStatusFields;
  return kAllFields;
}

// The rows Load() reads (after " WHERE ").
std::string LoadWhere(const driver::SqlDialect& d) {
  return "stream = " + d.Placeholder(1) + " ORDER BY installed_rank";
}

}  // namespace

std::string SealOf(const HistoryRow& row) {
  // Each field with its length, so that no two rows run together the same way.
  std::string text = "strata history seal 1\n";
  auto add = [&text](std::string_view field) {
    text += std::to_string(field.size());
    text += ':';
    text += field;
    text += '\n';
  };
  add(row.stream);
  add(row.version ? "v" + *row.version : "-");
  for (const std::string* field :
       {&row.phase, &row.kind, &row.description, &row.script, &row.checksum_content,
        &row.checksum_semantic, &row.schema_version, &row.applied_by, &row.applied_at}) {
    add(*field);
  }
  return source::Sha256Hex(text);
}

bool Tampered(const HistoryRow& row) { return row.seal && *row.seal != SealOf(row); }

History::History(driver::Connection& conn, const EngineOptions& options)
    : conn_(conn), sql_(conn.sql()), options_(options) {
  const std::string prefix =
      options.history_schema.empty() ? "" : sql_.QuoteIdentifier(options.history_schema) + ".";
  table_ = prefix + sql_.QuoteIdentifier(options.history_table);
  meta_ = prefix + sql_.QuoteIdentifier(options.history_table + "_meta");
  backfill_ = prefix + sql_.QuoteIdentifier(options.history_table + "_backfill");
  // The longest name strata makes from the table's is "<table>_backfill".
  const size_t limit = conn.capabilities().max_identifier_bytes;
  constexpr size_t kLongestSuffix = std::string_view("_backfill").size();
  if (limit > 0 && options.history_table.size() + kLongestSuffix > limit) {
    names_ = Status::InvalidInput(
        "history table '" + options.history_table + "' is " +
        std::to_string(options.history_table.size()) + " bytes long; the database keeps " +
        std::to_string(limit) + " bytes of a name and strata adds up to " +
        std::to_string(kLongestSuffix) + " (" + options.history_table +
        "_backfill), so use at most " + std::to_string(limit - kLongestSuffix));
  } else if (limit > 0 && options.history_schema.size() > limit) {
    names_ =
        Status::InvalidInput("history schema '" + options.history_schema + "' is longer than the " +
                             std::to_string(limit) + " bytes the database keeps of a name");
  }
}

Result<bool> History::Exists() {
  STRATA_RETURN_IF_ERROR(names_);
  return conn_.TableExists(options_.history_schema, options_.history_table);
}

Status History::NotAnotherToolsTable() {
  STRATA_ASSIGN_OR_RETURN(
      bool ours, conn_.TableExists(options_.history_schema, options_.history_table + "_meta"));
  if (ours) return Status::Ok();
  return Status::InvalidInput(
      "the history table " + table_ + " exists but strata did not make it (it has no " + meta_ +
      " beside it): another tool's table, such as a hand-kept schema_metadata; strata leaves it "
      "alone: name a table of strata's own with --history-table or [database] history_table");
}

Status History::Ensure() {
  auto t = [&](LogicalType type) { return sql_.TypeName(type); };
  STRATA_ASSIGN_OR_RETURN(bool exists, Exists());
  if (exists) STRATA_RETURN_IF_ERROR(NotAnotherToolsTable());
  if (!exists) {
    // Only here: CREATE SCHEMA needs the CREATE privilege on the database even
    // when the schema exists, which a later run's role may not have.
    if (!options_.create_schema.empty()) {
      STRATA_RETURN_IF_ERROR(conn_.Execute("CREATE SCHEMA IF NOT EXISTS " +
                                           sql_.QuoteIdentifier(options_.create_schema)));
    }
    STRATA_RETURN_IF_ERROR(conn_.Execute(
        "CREATE TABLE " + table_ + " (installed_rank " + t(LogicalType::kBigInt) +
        " PRIMARY KEY, stream " + t(LogicalType::kText) + " NOT NULL, version " +
        t(LogicalType::kText) + ", description " + t(LogicalType::kText) + " NOT NULL, kind " +
        t(LogicalType::kText) + " NOT NULL, category " + t(LogicalType::kText) + ", script " +
        t(LogicalType::kText) + " NOT NULL, checksum_content " + t(LogicalType::kText) +
        ", checksum_semantic " + t(LogicalType::kText) + ", schema_version " +
        t(LogicalType::kText) + ", applied_by " + t(LogicalType::kText) + " NOT NULL, applied_at " +
        t(LogicalType::kTimestamp) + " NOT NULL, execution_ms " + t(LogicalType::kBigInt) +
        " NOT NULL, success " + t(LogicalType::kBool) + " NOT NULL, state " +
        t(LogicalType::kText) + " NOT NULL, statements_done " + t(LogicalType::kBigInt) +
        " NOT NULL DEFAULT 0, transactional " + t(LogicalType::kBool) + " NOT NULL, error " +
        t(LogicalType::kText) + ", tool_version " + t(LogicalType::kText) + " NOT NULL, phase " +
        t(LogicalType::kText) + " NOT NULL DEFAULT '', backup " + t(LogicalType::kText) +
        " NOT NULL DEFAULT '', warnings " + t(LogicalType::kText) + " NOT NULL DEFAULT '', seal " +
        t(LogicalType::kText) + " NOT NULL DEFAULT '', transaction_mode " + t(LogicalType::kText) +
        " NOT NULL DEFAULT ''" + HeaderColumnsSql(t(LogicalType::kText)) + ")"));
    STRATA_RETURN_IF_ERROR(CreateVersionIndex());
    STRATA_RETURN_IF_ERROR(CreateBackfillTable());
    STRATA_RETURN_IF_ERROR(conn_.Execute("CREATE TABLE " + meta_ + " (name " +
                                         t(LogicalType::kText) + " PRIMARY KEY, value " +
                                         t(LogicalType::kText) + " NOT NULL)"));
    return Write("INSERT INTO " + meta_ + " (name, value) VALUES ('format_version', " +
                     sql_.Placeholder(1) + ")",
                 {std::to_string(kFormatVersion)})
        .status();
  }
  STRATA_ASSIGN_OR_RETURN(const int format, StoredFormat());
  STRATA_RETURN_IF_ERROR(NotNewer(format));
  // Upgrade steps from older formats, one `if (format < N)` block each.
  if (format < 2) {
    // 2: a row per phase of a phased migration, and backfill progress.
    STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN phase " +
                                         t(LogicalType::kText) + " NOT NULL DEFAULT ''"));
    const std::string old_index = options_.history_table + "_version_uq";
    STRATA_RETURN_IF_ERROR(conn_.Execute(
        "DROP INDEX " +
        (options_.history_schema.empty() ? ""
                                         : sql_.QuoteIdentifier(options_.history_schema) + ".") +
        sql_.QuoteIdentifier(old_index)));
    STRATA_RETURN_IF_ERROR(CreateVersionIndex());
    STRATA_RETURN_IF_ERROR(CreateBackfillTable());
  }
  if (format < 3) {
    // 3: the backup taken before the run that applied a row, and the warnings of
    // its non-critical validation checks.
    for (const char* column : {"backup", "warnings"}) {
      STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN " + column + " " +
                                           t(LogicalType::kText) + " NOT NULL DEFAULT ''"));
    }
  }
  if (format < 4) {
    // 4: each row's seal, so that a hand edit of its checksums shows.
    STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN seal " +
                                         t(LogicalType::kText) + " NOT NULL DEFAULT ''"));
  }
  if (format < 5) {
    // 5: how each migration ran with respect to transactions (sql/transaction_mode.h).
    STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN transaction_mode " +
                                         t(LogicalType::kText) + " NOT NULL DEFAULT ''"));
  }
  if (format < 6) {
    // 6: the template headers of each file (ID, Database, Created, Dependencies),
    // and the meta table's `key` column named `name`, a word no database reserves.
    for (Field f : kHeaderFields) {
      STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + table_ + " ADD COLUMN " +
                                           std::string(NameOf(f)) + " " + t(LogicalType::kText) +
                                           " NOT NULL DEFAULT ''"));
    }
    STRATA_RETURN_IF_ERROR(conn_.Execute("ALTER TABLE " + meta_ + " RENAME COLUMN key TO name"));
  }
  // Sealing reads every row with every column: after all of them exist.
  if (format < 4) STRATA_RETURN_IF_ERROR(SealAll());
  if (format < kFormatVersion) {
    return Write("UPDATE " + meta_ + Set(sql_, {"value"}) + " WHERE name = 'format_version'",
                 {std::to_string(kFormatVersion)})
        .status();
  }
  return Status::Ok();
}

Status History::CreateVersionIndex() {
  // One row per version, phase and stream: the database itself refuses a second
  // application, whatever happens to the locks.
  return conn_.Execute("CREATE UNIQUE INDEX " +
                       sql_.QuoteIdentifier(options_.history_table + "_phase_uq") + " ON " +
                       table_ + " (stream, version, phase)");
}

Status History::SealAll() {
  STRATA_ASSIGN_OR_RETURN(std::vector<HistoryRow> rows,
                          Select("1 = 1 ORDER BY installed_rank", {}, Columns::kAll));
  for (const HistoryRow& row : rows) {
    STRATA_RETURN_IF_ERROR(
        Write("UPDATE " + table_ + Set(sql_, {"seal"}) + Where(sql_, {"installed_rank"}, 2),
              {SealOf(row), std::to_string(row.rank)})
            .status());
  }
  return Status::Ok();
}

Status History::CreateBackfillTable() {
  auto t = [&](LogicalType type) { return sql_.TypeName(type); };
  // The last key a backfill finished, written in the transaction of each batch.
  return conn_.Execute("CREATE TABLE " + backfill_ + " (stream " + t(LogicalType::kText) +
                       " NOT NULL, version " + t(LogicalType::kText) + " NOT NULL, phase " +
                       t(LogicalType::kText) + " NOT NULL, statement " + t(LogicalType::kBigInt) +
                       " NOT NULL, last_key " + t(LogicalType::kText) + ", rows_done " +
                       t(LogicalType::kBigInt) + " NOT NULL, batches " + t(LogicalType::kBigInt) +
                       " NOT NULL, finished " + t(LogicalType::kBool) +
                       " NOT NULL, PRIMARY KEY (stream, version, phase, statement))");
}

Status History::NotNewer(int format) const {
  if (format <= kFormatVersion) return Status::Ok();
  return Status::Conflict("the history table " + table_ + " has format " + std::to_string(format) +
                          ", newer than this strata (" + std::to_string(kFormatVersion) +
                          "); upgrade strata");
}

Status History::CheckFormat() {
  STRATA_ASSIGN_OR_RETURN(const bool exists, Exists());
  if (!exists) return Status::Ok();
  STRATA_RETURN_IF_ERROR(NotAnotherToolsTable());
  STRATA_ASSIGN_OR_RETURN(const int format, StoredFormat());
  return NotNewer(format);
}

Result<int> History::StoredFormat() {
  // Every row, by position: the first column is `key` before format 6 and `name`
  // from it, and a failed query would end the caller's transaction.
  STRATA_ASSIGN_OR_RETURN(driver::Rows rows, conn_.Query("SELECT * FROM " + meta_, {}));
  auto format_row = std::find_if(rows.rows.begin(), rows.rows.end(), [](const driver::Row& r) {
    return r.size() == 2 && r[0] == "format_version";
  });
  if (format_row == rows.rows.end()) return 0;
  const std::string text = (*format_row)[1].value_or("");
  Result<int> format = ParseInt(text);
  if (!format.ok() || *format < 1) {
    return Unreadable(meta_ + ".value (key format_version)",
                      "'" + text + "' is not a history format (a whole number from 1)");
  }
  return format;
}

std::string History::SelectSql(const std::string& where, Columns which, int format) const {
  std::string list;
  for (Field f : FieldsOf(which)) {
    if (!list.empty()) list += ", ";
    if (format < FormatThatAdded(f)) {
      list += f == Field::kSeal ? "NULL" : "''";
    } else if (f == Field::kAppliedAt) {
      list += sql_.EpochSeconds(NameOf(f));
    } else {
      list += NameOf(f);
    }
  }
  return "SELECT " + list + " FROM " + table_ + " WHERE " + where;
}

Result<std::vector<HistoryRow>> History::Select(const std::string& where,
                                                const std::vector<driver::Value>& params,
                                                Columns which) {
  STRATA_RETURN_IF_ERROR(names_);
  const std::span<const Field> fields = FieldsOf(which);
  auto select = [&](int format) { return conn_.Query(SelectSql(where, which, format), params); };
  auto rows_of = [&](driver::Rows&& rows) -> Result<std::vector<HistoryRow>> {
    std::vector<HistoryRow> out;
    out.reserve(rows.rows.size());
    for (driver::Row& r : rows.rows) {
      STRATA_RETURN_IF_ERROR(FillRow(fields, r, table_, out.emplace_back()));
    }
    return out;
  };
  Result<driver::Rows> rows = select(kFormatVersion);
  if (rows.ok()) return rows_of(std::move(rows).value());
  // Not strata's table at all (asked only now: reads that work never pay for it).
  if (Result<bool> exists = Exists(); exists.ok() && *exists) {
    STRATA_RETURN_IF_ERROR(NotAnotherToolsTable());
  }
  // A table of an older format, which read-only commands do not upgrade: read
  // what it has. Writing commands upgrade it first (Ensure), so inside their
  // transactions the first attempt succeeds.
  Result<int> format = StoredFormat();
  if (!format.ok() && format.status().is_invalid_input()) return format.take_status();
  if (!format.ok() || *format >= kFormatVersion) return rows.take_status();
  STRATA_ASSIGN_OR_RETURN(driver::Rows old, select(*format));
  return rows_of(std::move(old));
}

Result<std::vector<HistoryRow>> History::Load(Columns columns) {
  // Read first and ask whether the table exists only when that fails: where it
  // does (every run but the first), `status` takes one round trip instead of two.
  Result<std::vector<HistoryRow>> rows = Select(LoadWhere(sql_), {options_.stream}, columns);
  if (!rows.ok()) {
    STRATA_ASSIGN_OR_RETURN(bool exists, Exists());
    if (!exists) return std::vector<HistoryRow>();
  }
  return rows;
}

void History::PrefetchLoad(Columns columns) {
  conn_.Prefetch(SelectSql(LoadWhere(sql_), columns, kFormatVersion), {options_.stream});
}

Result<std::optional<HistoryRow>> History::Find(const std::string& version,
                                                const std::string& phase) {
  STRATA_ASSIGN_OR_RETURN(std::vector<HistoryRow> rows,
                          Select(EachEquals(sql_, {"stream", "version", "phase"}, 1, " AND "),
                                 {options_.stream, version, phase}, Columns::kAll));
  if (rows.empty()) return std::optional<HistoryRow>();
  return std::optional<HistoryRow>(std::move(rows[0]));
}

Result<int64_t> History::Write(const std::string& sql, const std::vector<driver::Value>& params,
                               Then then) {
  if (then == Then::kCommit) {
    STRATA_RETURN_IF_ERROR(conn_.ExecuteAndCommit(sql, params));
    return int64_t{0};
  }
  STRATA_ASSIGN_OR_RETURN(driver::Rows rows, conn_.Query(sql, params));
  return rows.affected;
}

Status History::Insert(const HistoryRow& row, Then then) {
  // The rank is computed in the statement: callers hold the run lock or the
  // database write lock, so no other writer can take the same number.
  return Write(sql_.InsertWithNextRank(table_, NameOf(Field::kRank), ColumnsAfterRank()),
               // clang-format off
               {row.stream, row.version, row.description, row.kind, row.category, row.script,
                row.checksum_content, row.checksum_semantic, row.schema_version, row.applied_by,
                row.applied_at, std::to_string(row.execution_ms), row.success ? "1" : "0",
                row.state, std::to_string(row.statements_done), row.transactional ? "1" : "0",
                row.error.empty() ? driver::Value() : driver::Value(row.error), row.tool_version,
                row.phase, row.backup, row.warnings, SealOf(row), row.transaction_mode,
                row.header_id, row.header_database, row.header_created, row.header_depends},
               // clang-format on
               then)
      .status();
}

Result<int64_t> History::LastRank() {
  STRATA_ASSIGN_OR_RETURN(driver::Rows rows,
                          conn_.Query("SELECT MAX(installed_rank) FROM " + table_, {}));
  if (rows.rows.empty() || !rows.rows[0][0]) return Status::Internal("the history table is empty");
  return Int(rows.rows[0][0], table_ + ".installed_rank");
}

Result<bool> History::AdvanceProgress(int64_t rank, const std::string& state, int64_t from,
                                      int64_t to) {
  STRATA_ASSIGN_OR_RETURN(
      const int64_t changed,
      Write("UPDATE " + table_ + Set(sql_, {"statements_done"}) +
                Where(sql_, {"installed_rank", "state", "statements_done"}, 2),
            {std::to_string(to), std::to_string(rank), state, std::to_string(from)}));
  return changed == 1;
}

Status History::StartRevert(int64_t rank) {
  return Write("UPDATE " + table_ + Set(sql_, {"state"}) + ", statements_done = 0, error = NULL" +
                   Where(sql_, {"installed_rank"}, 2),
               {kStateReverting, std::to_string(rank)})
      .status();
}

Status History::Finish(int64_t rank, const std::string& state, bool success, int64_t execution_ms,
                       const std::string& error) {
  return Write("UPDATE " + table_ + Set(sql_, {"state", "success", "execution_ms", "error"}) +
                   Where(sql_, {"installed_rank"}, 5),
               {state, success ? "1" : "0", std::to_string(execution_ms),
                error.empty() ? driver::Value() : driver::Value(error), std::to_string(rank)})
      .status();
}

Status History::SetWarnings(int64_t rank, const std::string& warnings) {
  return Write("UPDATE " + table_ + Set(sql_, {"warnings"}) + Where(sql_, {"installed_rank"}, 2),
               {warnings, std::to_string(rank)})
      .status();
}

Status History::UpdateChecksums(const HistoryRow& row) {
  return Write("UPDATE " + table_ +
                   Set(sql_, {"checksum_content", "checksum_semantic", "script", "seal"}) +
                   Where(sql_, {"installed_rank"}, 5),
               {row.checksum_content, row.checksum_semantic, row.script, SealOf(row),
                std::to_string(row.rank)})
      .status();
}

Status History::Delete(int64_t rank, Then then) {
  return Write("DELETE FROM " + table_ + Where(sql_, {"installed_rank"}), {std::to_string(rank)},
               then)
      .status();
}

Result<BackfillProgress> History::LoadBackfill(const std::string& version, const std::string& phase,
                                               int64_t statement) {
  STRATA_ASSIGN_OR_RETURN(
      driver::Rows rows,
      conn_.Query("SELECT last_key, rows_done, batches, finished FROM " + backfill_ +
                      Where(sql_, {"stream", "version", "phase", "statement"}),
                  {options_.stream, version, phase, std::to_string(statement)}));
  BackfillProgress p;
  if (rows.rows.empty()) return p;
  const driver::Row& r = rows.rows[0];
  p.started = true;
  p.last_key = r[0];
  const std::string where =
      backfill_ + " (version " + version + ", statement " + std::to_string(statement) + ").";
  STRATA_ASSIGN_OR_RETURN(p.rows_done, Int(r[1], where + "rows_done"));
  STRATA_ASSIGN_OR_RETURN(p.batches, Int(r[2], where + "batches"));
  p.finished = Truthy(r[3]);
  return p;
}

Result<bool> History::AdvanceBackfill(const std::string& version, const std::string& phase,
                                      int64_t statement, int64_t from_batches,
                                      const BackfillProgress& p) {
  STRATA_ASSIGN_OR_RETURN(
      const int64_t changed,
      Write(sql_.Upsert({.table = backfill_,
                         .columns = {"stream", "version", "phase", "statement", "last_key",
                                     "rows_done", "batches", "finished"},
                         .key_columns = 4,
                         .guard_column = "batches"}),
            {options_.stream, version, phase, std::to_string(statement), p.last_key,
             std::to_string(p.rows_done), std::to_string(p.batches), p.finished ? "1" : "0",
             std::to_string(from_batches)}));
  return changed == 1;
}

Status History::ClearBackfill(const std::string& version, const std::string& phase) {
  return Write("DELETE FROM " + backfill_ + Where(sql_, {"stream", "version", "phase"}),
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
