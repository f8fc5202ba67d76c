#include "driver/postgres/driver.h"

#include <libpq-fe.h>

#include <algorithm>

#include <string>
#include <vector>

#include "base/strings.h"
#include "driver/postgres/errors.h"
#include "driver/redact.h"

namespace strata::driver::postgres {
namespace {

struct PgConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, PgConnCloser>;
struct PgResultClearer {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, PgResultClearer>;

// The password libpq would use for `url`, so that it can be masked in messages.
std::string PasswordOf(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (err) PQfreemem(err);
  std::string password;
  for (PQconninfoOption* o = opts; o && o->keyword; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val) password = o->val;
  }
  if (opts) PQconninfoFree(opts);
  return password;
}

void IgnoreNotice(void*, const char*) {
  // NOTICE and WARNING messages (e.g. "table does not exist, skipping") are not
  // errors; libpq would print them to stderr, which belongs to the CLI.
}

Result<ConnPtr> Open(const ConnectOptions& options, const std::string& password) {
  // application_name comes first so that one given in the URL wins over ours.
  const char* keywords[] = {"application_name", "dbname", nullptr};
  const char* values[] = {options.application_name.c_str(), options.url.c_str(), nullptr};
  ConnPtr conn(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!conn) return Status::Database("out of memory while connecting");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    std::string message = std::string(Trim(PQerrorMessage(conn.get())));
    message = MaskSecret(MaskSecret(message, options.url), password);
    return Status::Database("cannot connect to " + RedactUrl(options.url) + ": " + message)
        .WithSqlState("08001");
  }
  PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
  return conn;
}

class PgRunLock final : public RunLock {
 public:
  explicit PgRunLock(ConnPtr conn) : conn_(std::move(conn)) {}
  // Closing the session releases the advisory lock; no unlock round trip needed.
  ~PgRunLock() override = default;

 private:
  ConnPtr conn_;
};

class PgConnection final : public Connection {
 public:
  PgConnection(ConnectOptions options, std::string password, ConnPtr conn)
      : options_(std::move(options)), password_(std::move(password)), conn_(std::move(conn)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  Capabilities capabilities() const override { return Capabilities{true, true}; }
  std::string DisplayTarget() const override { return RedactUrl(options_.url); }

  Status Execute(std::string_view sql) override {
    const std::string text(sql);
    ResultPtr r(PQexec(conn_.get(), text.c_str()));
    const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
      return Status::Ok();
    }
    if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
      return Status::InvalidInput("COPY ... FROM STDIN / TO STDOUT cannot run in a migration");
    }
    return ErrorFromResult(conn_.get(), r.get(), sql, password_);
  }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    const std::string text(sql);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Value& v : params) values.push_back(v ? v->c_str() : nullptr);
    ResultPtr r(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0));
    const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      return ErrorFromResult(conn_.get(), r.get(), sql, password_);
    }
    Rows rows;
    const int nfields = PQnfields(r.get());
    const int ntuples = PQntuples(r.get());
    rows.columns.reserve(nfields);
    for (int c = 0; c < nfields; ++c) rows.columns.emplace_back(PQfname(r.get(), c));
    rows.rows.reserve(ntuples);
    for (int t = 0; t < ntuples; ++t) {
      Row row;
      row.reserve(nfields);
      for (int c = 0; c < nfields; ++c) {
        if (PQgetisnull(r.get(), t, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(r.get(), t, c),
                                       static_cast<size_t>(PQgetlength(r.get(), t, c))));
        }
      }
      rows.rows.push_back(std::move(row));
    }
    return rows;
  }

  Status Begin() override { return Execute("BEGIN"); }
  Status Commit() override { return Execute("COMMIT"); }
  Status Rollback() override {
    // After a lost connection there is nothing to roll back: the server did it.
    if (PQstatus(conn_.get()) != CONNECTION_OK) return Status::Ok();
    return Execute("ROLLBACK");
  }

  Result<std::unique_ptr<RunLock>> AcquireRunLock(int64_t key,
                                                  std::chrono::milliseconds timeout) override {
    ConnectOptions lock_options = options_;
    lock_options.application_name = options_.application_name + " lock";
    STRATA_ASSIGN_OR_RETURN(ConnPtr conn, Open(lock_options, password_));
    PgConnection lock_session(options_, password_, std::move(conn));
    // lock_timeout bounds the wait; 0 would mean "wait forever".
    STRATA_RETURN_IF_ERROR(lock_session.Execute(
        "SET lock_timeout = " + std::to_string(std::max<int64_t>(1, timeout.count()))));
    Result<Rows> locked = lock_session.Query("SELECT pg_advisory_lock($1)", {std::to_string(key)});
    if (!locked.ok()) {
      if (locked.status().context().sqlstate == "55P03") {
        return Status::LockTimeout("another strata run holds the migration lock on " +
                                   DisplayTarget() + "; gave up after " +
                                   std::to_string(timeout.count()) + " ms");
      }
      return locked.take_status();
    }
    return std::unique_ptr<RunLock>(new PgRunLock(std::move(lock_session.conn_)));
  }

  std::string TypeName(LogicalType type) const override {
    switch (type) {
      case LogicalType::kText:
        return "text";
      case LogicalType::kBigInt:
        return "bigint";
      case LogicalType::kBool:
        return "boolean";
      case LogicalType::kTimestamp:
        return "timestamptz";
    }
    return "text";
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    std::string out = "\"";
    for (char c : name) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  }

  std::string UtcTimestampText(std::string_view column) const override {
    return "to_char(" + std::string(column) +
           " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
  }

  Result<std::string> SessionUser() override {
    STRATA_ASSIGN_OR_RETURN(Rows rows, Query("SELECT current_user", {}));
    return rows.rows.at(0).at(0).value_or("");
  }

  Result<bool> TableExists(std::string_view schema, std::string_view table) override {
    STRATA_ASSIGN_OR_RETURN(Rows rows, Query("SELECT to_regclass($1) IS NOT NULL",
                                             {Qualified(schema, table)}));
    return rows.rows.at(0).at(0) == "t";
  }

  Result<bool> DropIndexIfInvalid(std::string_view schema, std::string_view name) override {
    const std::string qualified = Qualified(schema, name);
    STRATA_ASSIGN_OR_RETURN(
        Rows rows, Query("SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid",
                         {qualified}));
    if (rows.rows.empty()) return false;
    STRATA_RETURN_IF_ERROR(Execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualified));
    return true;
  }

 private:
  std::string Qualified(std::string_view schema, std::string_view name) const {
    return schema.empty() ? QuoteIdentifier(name)
                          : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);
  }

  ConnectOptions options_;
  std::string password_;  // kept only to mask it out of messages
  ConnPtr conn_;
};

}  // namespace

bool AcceptsUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "postgres://") || StartsWithIgnoreCase(url, "postgresql://") ||
         url.find('=') != std::string_view::npos;  // a libpq keyword string
}

Result<std::unique_ptr<Connection>> Connect(const ConnectOptions& options) {
  const std::string password = PasswordOf(options.url);
  STRATA_ASSIGN_OR_RETURN(ConnPtr conn, Open(options, password));
  // Let the server notice a client that died mid-statement (PostgreSQL 14+), so
  // that a killed run's transaction is rolled back at once rather than when the
  // statement ends. Older servers reject the setting; that is fine.
  ResultPtr ignored(PQexec(conn.get(), "SET client_connection_check_interval = 1000"));
  return std::unique_ptr<Connection>(new PgConnection(options, password, std::move(conn)));
}

}  // namespace strata::driver::postgres
