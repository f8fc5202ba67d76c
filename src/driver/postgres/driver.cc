#include "driver/postgres/driver.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/interrupt.h"
#include "base/numbers.h"
#include "base/strings.h"
#include "driver/postgres/errors.h"
#include "driver/postgres/inspect.h"
#include "driver/postgres/prepared_statements.h"
#include "driver/postgres/sql_dialect.h"
#include "driver/redact.h"
#include "driver/run_lock_wait.h"
#include "driver/sql_text.h"

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
struct PgCancelFreer {
  void operator()(PGcancel* c) const { PQfreeCancel(c); }
};
using CancelPtr = std::unique_ptr<PGcancel, PgCancelFreer>;

// Asks the server to cancel what the connection runs (Ctrl-C, SIGTERM): PQcancel
// is safe in a signal handler.
void CancelQuery(void* cancel) {
  char error[256];
  (void)PQcancel(static_cast<PGcancel*>(cancel), error, sizeof error);
}

struct PgConninfoFreer {
  void operator()(PQconninfoOption* o) const { PQconninfoFree(o); }
};
using OptionsPtr = std::unique_ptr<PQconninfoOption, PgConninfoFreer>;

// The value libpq gives `keyword` in `opts` ("" when none or no `opts`).
std::string ValueOf(const OptionsPtr& opts, std::string_view keyword) {
  for (PQconninfoOption* o = opts.get(); o && o->keyword; ++o) {
    if (keyword == o->keyword && o->val) return o->val;
  }
  return "";
}

// The password libpq would use for `url`, so that it can be masked in messages.
std::string PasswordOf(const std::string& url) {
  char* err = nullptr;
  OptionsPtr opts(PQconninfoParse(url.c_str(), &err));
  if (err) PQfreemem(err);
  return ValueOf(opts, "password");
}

// The passwords to mask for a connection made with `url`, known before it is
// made: the URL's as libpq reads it, as written (for a URL libpq cannot read),
// and libpq's default (PGPASSWORD, or a service file that PGSERVICE names).
// ~/.pgpass and `service=` are read while connecting: PQpass tells them after.
std::vector<std::string> PasswordsBefore(const std::string& url) {
  std::vector<std::string> secrets = PasswordsIn(url);
  secrets.push_back(PasswordOf(url));
  secrets.push_back(ValueOf(OptionsPtr(PQconndefaults()), "password"));
  std::erase(secrets, std::string());
  return secrets;
}

// Masks every password in `text` (see PasswordsBefore), and the one libpq used
// on `conn` (null: none yet).
std::string MaskPasswords(std::string_view text, const std::string& url, PGconn* conn) {
  Redactor redactor;
  for (const std::string& s : PasswordsBefore(url)) redactor.Add(s);
  if (conn != nullptr && PQpass(conn) != nullptr) redactor.Add(PQpass(conn));
  return redactor.Apply(text);
}

// libpq's URI parser ends the user info at the first '@' or '/': a password
// holding an unencoded '/' ("u:pa/ss@h": host u, port pa) or '@' ("u:p@ss@h":
// host ss@h) is cut short, and libpq repeats the rest in its errors as a host or
// port. Refused before libpq sees it, without showing the URL. A database name
// holding '@' after a port ("h:5432/d@b") is valid and passes.
Status CheckUserInfo(const std::string& url) {
  if (!StartsWithIgnoreCase(url, "postgres://") && !StartsWithIgnoreCase(url, "postgresql://")) {
    return Status::Ok();
  }
  const std::string_view rest = std::string_view(url).substr(url.find("://") + 3);
  const size_t end = rest.find_first_of("@/");
  if (end == std::string_view::npos) return Status::Ok();
  const char* bad = nullptr;
  if (rest[end] == '/') {
    const std::string_view before = rest.substr(0, end);
    const size_t colon = before.rfind(':');
    const bool port = colon != std::string_view::npos && colon + 1 < before.size() &&
                      before.find_first_not_of("0123456789,", colon + 1) == std::string_view::npos;
    const std::string_view after = rest.substr(end + 1);
    if (colon != std::string_view::npos && !port &&
        after.substr(0, after.find('/')).find('@') != std::string_view::npos) {
      bad = "'/' (write it %2F)";
    }
  } else {
    const std::string_view host = rest.substr(end + 1, rest.find_first_of("/?", end + 1) - end - 1);
    if (host.find('@') != std::string_view::npos) bad = "'@' (write it %40)";
  }
  if (bad == nullptr) return Status::Ok();
  return Status::InvalidInput(
      std::string("the database URL's user name or password holds an unencoded ") + bad +
      "; percent-encode it");
}

void IgnoreNotice(void*, const char*) {
  // NOTICE and WARNING messages (e.g. "table does not exist, skipping") are not
  // errors; libpq would print them to stderr, which belongs to the CLI.
}

// Let the server notice a client that died mid-statement (PostgreSQL 14+), so that
// a killed run's transaction is rolled back at once rather than when its statement
// ends. Sent in the startup packet: no round trip of its own.
constexpr const char* kCheckClient = "-c client_connection_check_interval=1000";

// What strata passes to libpq's connect functions. Our settings come first so
// that ones given in the URL win. A second dbname is a plain name that overrides
// the URL's (libpq keeps the last non-empty value of a repeated keyword).
// `with_timeout`: pass the connect timeout to libpq, which enforces it only in
// its blocking connect (the non-blocking one keeps its own deadline).
// Our `options` replace the PGOPTIONS variable (libpq reads the variable only
// for a keyword not given), so its settings, a search_path above all, are
// added after ours; an `options` in the URL still replaces both.
std::string ServerOptions(bool check_client) {
  const char* env = std::getenv("PGOPTIONS");
  std::string out = check_client ? kCheckClient : "";
  if (env != nullptr && *env != '\0') out += (out.empty() ? "" : " ") + std::string(env);
  return out;
}

struct ConnectParams {
  ConnectParams(const ConnectOptions& options, bool check_client, bool with_timeout = true)
      : timeout(with_timeout ? std::to_string(options.connect_timeout.count()) : ""),
        server_options(ServerOptions(check_client)),
        values{timeout.c_str(),     options.application_name.c_str(), server_options.c_str(),
               options.url.c_str(), options.database.c_str(),         nullptr} {}
  ConnectParams(const ConnectParams&) = delete;  // values point into the strings
  ConnectParams& operator=(const ConnectParams&) = delete;
  static constexpr const char* kKeywords[] = {"connect_timeout", "application_name", "options",
                                              "dbname",          "dbname",           nullptr};
  const std::string timeout;
  const std::string server_options;
  const char* values[6];
};

Result<ConnPtr> Established(ConnPtr conn, const ConnectOptions& options,
                            const std::string& password, bool check_client);

Result<ConnPtr> Open(const ConnectOptions& options, const std::string& password,
                     bool check_client = true) {
  const ConnectParams params(options, check_client);
  ConnPtr conn(PQconnectdbParams(ConnectParams::kKeywords, params.values, /*expand_dbname=*/1));
  return Established(std::move(conn), options, password, check_client);
}

// The end of a connect, blocking or not: the connection ready for use, or why
// there is none (with the password masked).
Result<ConnPtr> Established(ConnPtr conn, const ConnectOptions& options,
                            const std::string& password, bool check_client) {
  if (!conn) return Status::Database("out of memory while connecting");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    std::string message = std::string(Trim(PQerrorMessage(conn.get())));
    if (check_client && message.find("client_connection_check_interval") != std::string::npos) {
      return Open(options, password, false);  // a server older than 14
    }
    message = MaskPasswords(MaskSecret(MaskSecret(message, options.url), password), options.url,
                            conn.get());
    if (message.find("timeout expired") != std::string::npos) {
      message += " (no answer within the connect timeout, " +
                 std::to_string(options.connect_timeout.count()) +
                 " s unless the URL sets connect_timeout; [database] connect_timeout in "
                 "strata.toml)";
    }
    return Status::Database("cannot connect to " + RedactUrl(options.url) + ": " + message)
        .WithSqlState("08001");
  }
  PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
  if (!options.default_schema.empty()) {
    // Before anything else runs on the session; quote_ident keeps the name whole.
    const char* values[] = {options.default_schema.c_str()};
    ResultPtr r(PQexecParams(conn.get(),
                             "SELECT set_config('search_path', quote_ident($1) || ', ' || "
                             "current_setting('search_path'), false)",
                             1, nullptr, values, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
      return Status::Database(
          "cannot put schema '" + options.default_schema +
          "' first on the search_path: " + std::string(Trim(PQerrorMessage(conn.get()))));
    }
  }
  return conn;
}

// libpq enforces connect_timeout only in its own blocking connect, where it also
// moves on to the next host of a multi-host URL when one times out.
bool HasConnectTimeout(PGconn* conn) {
  PQconninfoOption* opts = PQconninfo(conn);
  bool has = false;
  for (PQconninfoOption* o = opts; o && o->keyword; ++o) {
    if (std::string_view(o->keyword) == "connect_timeout" && o->val) {
      // libpq reads it with strtol and allows spaces around it.
      const Result<int> seconds = ParseInt(Trim(o->val));
      has = seconds.ok() && *seconds > 0;
    }
  }
  if (opts) PQconninfoFree(opts);
  return has;
}

// invalid_sql_statement_name: a prepared statement the server does not know.
constexpr std::string_view kUndefinedPreparedStatement = "26000";
constexpr const char* kLostPreparedStatement =
    "the server lost a statement strata prepared in this session (a connection pooler that "
    "does not keep sessions, such as PgBouncer in transaction pooling without "
    "max_prepared_statements, or a DISCARD or DEALLOCATE strata could not see): ";

// Driven by Advance() between other work and by Finish() (see PendingConnection).
class PgPendingConnection final : public PendingConnection {
 public:
  // `conn` was started by PQconnectStartParams; null: connect in Finish(), blocking.
  PgPendingConnection(ConnectOptions options, std::string password, ConnPtr conn)
      : options_(std::move(options)),
        password_(std::move(password)),
        conn_(std::move(conn)),
        deadline_(std::chrono::steady_clock::now() + options_.connect_timeout) {}

  bool Advance() override {
    // Called once per file read; a poll(2) every 100 µs is often enough, as the
    // server needs milliseconds.
    const auto now = std::chrono::steady_clock::now();
    if (now - last_advance_ >= std::chrono::microseconds(100)) {
      last_advance_ = now;
      while (conn_ && !Done() && SocketReady(0)) polling_ = PQconnectPoll(conn_.get());
    }
    return conn_ && Done();
  }

  Result<std::unique_ptr<Connection>> Finish() override;

 private:
  bool Done() const { return polling_ == PGRES_POLLING_OK || polling_ == PGRES_POLLING_FAILED; }

  // Whether the socket is ready for what libpq waits for, within `timeout_ms`
  // (-1: however long it takes). A socket error counts as ready: PQconnectPoll
  // then reports it.
  bool SocketReady(int timeout_ms) {
    const int fd = PQsocket(conn_.get());
    if (fd < 0) return true;
    pollfd p{fd, static_cast<short>(polling_ == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    int n;
    do {
      n = ::poll(&p, 1, timeout_ms);
    } while (n < 0 && errno == EINTR);
    return n != 0;
  }

  ConnectOptions options_;
  std::string password_;
  ConnPtr conn_;
  // libpq's documented first state after PQconnectStartParams.
  PostgresPollingStatusType polling_ = PGRES_POLLING_WRITING;
  std::chrono::steady_clock::time_point last_advance_;
  // The connect timeout, which libpq does not enforce in a non-blocking connect.
  std::chrono::steady_clock::time_point deadline_;
};

// The granted run lock of $1 (high) and $2 (low) in this database, as a
// condition on pg_locks `l`: pg_locks shows a bigint advisory key as its high
// and low 32 bits, objsubid 1.
constexpr const char* kGrantedRunLock =
    "l.locktype = 'advisory' AND l.objsubid = 1 AND l.classid = $1::bigint::oid AND l.objid = "
    "$2::bigint::oid AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = "
    "current_database())";
std::vector<Value> RunLockParams(int64_t key) {
  const auto k = static_cast<uint64_t>(key);
  return {std::to_string(k >> 32), std::to_string(k & 0xffffffffULL)};
}

class PgRunLock final : public RunLock {
 public:
  explicit PgRunLock(ConnPtr conn) : conn_(std::move(conn)) {}
  // Closing the session releases the advisory lock; no unlock round trip needed.
  ~PgRunLock() override = default;

  // The lock's session sends nothing while it holds the lock, so a socket with
  // nothing to read costs one poll(2) and no round trip. Something to read is
  // most often the server's goodbye (the backend was terminated, the server is
  // shutting down); a round trip then tells it from a harmless parameter report.
  Status Check() override {
    PGconn* c = conn_.get();
    const int fd = PQsocket(c);
    if (fd >= 0 && PQstatus(c) == CONNECTION_OK) {
      pollfd p{fd, POLLIN, 0};
      int n;
      do {
        n = ::poll(&p, 1, 0);
      } while (n < 0 && errno == EINTR);
      if (n == 0) return Status::Ok();
      ResultPtr r(PQexec(c, "SELECT 1"));
      if (r && PQresultStatus(r.get()) == PGRES_TUPLES_OK) return Status::Ok();
    }
    return Status::Conflict(
        "the migration lock was lost: its session on the server ended (" +
        std::string(Trim(PQerrorMessage(c))) +
        "); stopped before the next statement, as another run may hold the lock now");
  }

 private:
  ConnPtr conn_;
};

class PgConnection final : public Connection {
 public:
  PgConnection(ConnectOptions options, std::string password, ConnPtr conn)
      : options_(std::move(options)),
        password_(std::move(password)),
        conn_(std::move(conn)),
        cancel_(PQgetCancel(conn_.get())),
        on_interrupt_(CancelQuery, cancel_.get()) {}

  const SqlDialect& sql() const override { return GetSqlDialect(); }
  Capabilities capabilities() const override {
    Capabilities c;
    c.max_identifier_bytes = 63;  // NAMEDATALEN - 1 in a default build
    return c;
  }
  std::string DisplayTarget() const override { return RedactUrl(options_.url); }
  std::vector<std::string> Secrets() const override {
    std::vector<std::string> secrets = PasswordsBefore(options_.url);
    if (!password_.empty()) secrets.push_back(password_);
    return secrets;
  }

  Status Execute(std::string_view sql) override {
    DiscardPrefetched();
    // Migration statements use the simple query protocol, as psql does. A deferred
    // BEGIN travels in the same message; error positions are then shifted back.
    const std::string prefix = pending_begin_ ? "BEGIN;" : "";
    pending_begin_ = false;
    prepared_.SeeScript(sql);
    const std::string text = prefix + std::string(sql);
    ResultPtr r(PQexec(conn_.get(), text.c_str()));
    const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
      return Status::Ok();
    }
    if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
      return Status::InvalidInput("COPY ... FROM STDIN / TO STDOUT cannot run in a migration");
    }
    return ErrorFromResult(conn_.get(), r.get(), sql, password_, prefix.size());
  }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    return Pipeline(sql, params, /*commit=*/false);
  }

  void Prefetch(std::string sql, std::vector<Value> params) override {
    DiscardPrefetched();
    if (pending_begin_) return;  // the deferred BEGIN must go out first
    if (Send(sql, params)) prefetched_ = PrefetchedQuery{std::move(sql), std::move(params)};
  }

  Status ExecuteAndCommit(std::string_view sql, const std::vector<Value>& params) override {
    return Pipeline(sql, params, /*commit=*/true).status();
  }

  // BEGIN is deferred to the first statement of the transaction: one round trip less.
  Status Begin() override {
    pending_begin_ = true;
    return Status::Ok();
  }
  Status Commit() override {
    if (pending_begin_) {  // nothing was sent: nothing to commit
      pending_begin_ = false;
      return Status::Ok();
    }
    return Execute("COMMIT");
  }
  Status Rollback() override {
    if (pending_begin_) {
      pending_begin_ = false;
      return Status::Ok();
    }
    // After a lost connection there is nothing to roll back: the server did it.
    if (PQstatus(conn_.get()) != CONNECTION_OK) return Status::Ok();
    return Execute("ROLLBACK");
  }

  Result<std::unique_ptr<RunLock>> AcquireRunLock(int64_t key, std::chrono::milliseconds timeout,
                                                  const LockWaitNotice& on_wait = {}) override {
    ConnectOptions lock_options = options_;
    lock_options.application_name = options_.application_name + " lock";
    // The lock session runs no migration SQL: no search_path round trip for it.
    lock_options.default_schema.clear();
    STRATA_ASSIGN_OR_RETURN(ConnPtr conn, Open(lock_options, password_));
    PgConnection lock_session(options_, password_, std::move(conn));
    // Each try is a statement of its own that holds its snapshot for microseconds
    // (run_lock_wait.h says why a blocking pg_advisory_lock would not do).
    const std::vector<Value> params = {std::to_string(key)};
    auto try_lock = [&]() -> Result<bool> {
      STRATA_ASSIGN_OR_RETURN(Rows rows,
                              lock_session.Query("SELECT pg_try_advisory_lock($1)", params));
      return !rows.rows.empty() && rows.rows[0][0] == "t";
    };
    auto who = [&] {
      if (!on_wait) return;
      // Only what to show: a failure to tell leaves the line without a name.
      Result<std::string> found = lock_session.LockHolder(key);
      on_wait(found.ok() ? *found : "");
    };
    STRATA_ASSIGN_OR_RETURN(bool taken, PollForLock(try_lock, timeout, who));
    if (!taken) {
      return Status::LockTimeout("another strata run holds the migration lock on " +
                                 DisplayTarget() + "; gave up after " +
                                 std::to_string(timeout.count()) + " ms");
    }
    return std::unique_ptr<RunLock>(new PgRunLock(std::move(lock_session.conn_)));
  }

  Result<bool> RunLockHeld(int64_t key) override {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows,
        Query(std::string("SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE ") + kGrantedRunLock + ")",
              RunLockParams(key)));
    return !rows.rows.empty() && rows.rows[0][0] == "t";
  }

  // Who holds the run lock `key`: its session's process, application, user and
  // client, and since when (the lock session connects just before it takes the
  // lock, so its start is when the run began). "" when no session holds it.
  Result<std::string> LockHolder(int64_t key) {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows,
        Query(std::string(
                  "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename, "
                  "''), coalesce(host(a.client_addr), 'a local socket'), "
                  "to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                  "extract(epoch FROM now() - a.backend_start)::bigint FROM pg_locks l "
                  "JOIN pg_stat_activity a ON a.pid = l.pid WHERE ") +
                  kGrantedRunLock,
              RunLockParams(key)));
    if (rows.rows.empty()) return std::string();
    const Row& r = rows.rows[0];
    auto at = [&r](size_t i) { return r[i].value_or(""); };
    return "server process " + at(0) + " ('" + at(1) + "', user " + at(2) + ", from " + at(3) +
           ") since " + at(4) + " (" + at(5) + " s ago)";
  }

  // Sends [BEGIN if deferred], `sql` with its parameters, [COMMIT if `commit`] in
  // one pipeline (one round trip) and returns the rows of `sql`; or, when `sql`
  // was prefetched with these parameters and nothing else is to be sent, takes
  // the answer already on its way. `sql` runs as a prepared statement, prepared
  // in the same pipeline the first time (prepared_statements.h says why).
  Result<Rows> Pipeline(std::string_view sql, const std::vector<Value>& params, bool commit) {
    if (prefetched_ && !pending_begin_ && !commit && prefetched_->sql == sql &&
        prefetched_->params == params) {
      prefetched_.reset();
      return TakeResults(sql);
    }
    DiscardPrefetched();
    const bool begin = pending_begin_;
    pending_begin_ = false;
    if (!begin && !commit) return RunParams(sql, params);
    PGconn* c = conn_.get();
    if (PQenterPipelineMode(c) != 1) return ErrorFromResult(c, nullptr, sql, password_, 0);
    bool sent = true;
    if (begin) sent = sent && Send("BEGIN", {});
    const std::string text(sql);
    const std::string* prepared = prepared_.Find(text);
    const std::string name = prepared ? *prepared : prepared_.NewName();
    if (!prepared) {
      sent = sent && PQsendPrepare(c, name.c_str(), text.c_str(), static_cast<int>(params.size()),
                                   nullptr) == 1;
    }
    sent = sent && SendPrepared(name, params);
    if (commit) sent = sent && Send("COMMIT", {});
    sent = sent && PQpipelineSync(c);
    // Read every result up to the sync point; keep the rows of `sql` and the first error.
    std::optional<Status> error;
    Rows rows;
    int query_index = 0;
    const int prepare_index = prepared ? -1 : (begin ? 1 : 0);
    const int sql_index = (begin ? 1 : 0) + (prepared ? 0 : 1);
    bool sql_failed = false;
    while (sent) {
      ResultPtr r(PQgetResult(c));
      if (!r) {
        ++query_index;  // a NULL ends the results of one query
        if (PQstatus(c) != CONNECTION_OK) break;
        continue;
      }
      const ExecStatusType st = PQresultStatus(r.get());
      if (st == PGRES_PIPELINE_SYNC) break;
      const bool of_sql = query_index == sql_index || query_index == prepare_index;
      if (st == PGRES_FATAL_ERROR) {
        sql_failed = sql_failed || of_sql;
        if (!error) {
          error = ErrorFromResult(c, r.get(), of_sql ? sql : "", password_, 0);
          if (of_sql && error->context().sqlstate == kUndefinedPreparedStatement) {
            error = std::move(*error).Prefixed(kLostPreparedStatement);
          }
        }
      } else if (st == PGRES_COMMAND_OK && query_index == prepare_index) {
        prepared_.Remember(text, name);
      } else if ((st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) && query_index == sql_index) {
        rows = ToRows(r.get());
      }
    }
    PQexitPipelineMode(c);
    if (sql_failed || !sent) prepared_.Forget(text);
    if (!sent && !error) error = ErrorFromResult(c, nullptr, sql, password_, 0);
    if (error) return *error;
    return rows;
  }

  static std::vector<const char*> CValues(const std::vector<Value>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Value& v : params) values.push_back(v ? v->c_str() : nullptr);
    return values;
  }

  // Sends one statement with its parameters, not waiting for the answer.
  bool Send(const std::string& sql, const std::vector<Value>& params) {
    std::vector<const char*> values = CValues(params);
    return PQsendQueryParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0) == 1;
  }

  bool SendPrepared(const std::string& name, const std::vector<Value>& params) {
    std::vector<const char*> values = CValues(params);
    return PQsendQueryPrepared(conn_.get(), name.c_str(), static_cast<int>(values.size()),
                               values.data(), nullptr, nullptr, 0) == 1;
  }

  Result<Rows> RunParams(std::string_view sql, const std::vector<Value>& params) {
    if (!Send(std::string(sql), params))
      return ErrorFromResult(conn_.get(), nullptr, sql, password_, 0);
    return TakeResults(sql);
  }

  // Reads the results of the query in flight to their end: its rows, or its
  // first error.
  Result<Rows> TakeResults(std::string_view sql) {
    std::optional<Result<Rows>> out;
    for (ResultPtr r(PQgetResult(conn_.get())); r; r.reset(PQgetResult(conn_.get()))) {
      const ExecStatusType st = PQresultStatus(r.get());
      if (!out) {
        out = (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
                  ? Result<Rows>(ToRows(r.get()))
                  : Result<Rows>(ErrorFromResult(conn_.get(), r.get(), sql, password_, 0));
      }
      // libpq hands out a COPY state until the copy is ended: none is run here.
      if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) break;
    }
    if (!out) return ErrorFromResult(conn_.get(), nullptr, sql, password_, 0);
    return *std::move(out);
  }

  // Reads and drops the answer of a prefetched query nobody asked for.
  void DiscardPrefetched() {
    if (!prefetched_) return;
    prefetched_.reset();
    (void)TakeResults("");
  }

  static Rows ToRows(const PGresult* r) {
    Rows rows;
    const int nfields = PQnfields(r);
    const int ntuples = PQntuples(r);
    rows.columns.reserve(nfields);
    for (int c = 0; c < nfields; ++c) rows.columns.emplace_back(PQfname(r, c));
    rows.rows.reserve(ntuples);
    for (int t = 0; t < ntuples; ++t) {
      Row row;
      row.reserve(nfields);
      for (int c = 0; c < nfields; ++c) {
        if (PQgetisnull(r, t, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(
              std::string(PQgetvalue(r, t, c), static_cast<size_t>(PQgetlength(r, t, c))));
        }
      }
      rows.rows.push_back(std::move(row));
    }
    // "" for statements that report no count (SELECT reports its rows here too).
    const char* affected = PQcmdTuples(const_cast<PGresult*>(r));
    if (affected != nullptr && *affected != '\0') {
      const Result<int64_t> count = ParseInt64(affected);
      if (count.ok()) rows.affected = *count;  // else "not told", as Rows says
    }
    return rows;
  }

  Status SetLockTimeout(std::chrono::milliseconds timeout) override {
    return Execute("SET lock_timeout = " + std::to_string(timeout.count()));
  }
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    if (timeout.count() <= 0) return Execute("RESET statement_timeout");
    return Execute("SET statement_timeout = " + std::to_string(timeout.count()));
  }

  Result<std::string> SessionUser() override {
    STRATA_ASSIGN_OR_RETURN(Rows rows, Query("SELECT current_user", {}));
    return rows.rows.at(0).at(0).value_or("");
  }

  Result<bool> TableExists(std::string_view schema, std::string_view table) override {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows, Query("SELECT to_regclass($1) IS NOT NULL", {Qualified(schema, table)}));
    return rows.rows.at(0).at(0) == "t";
  }

  Result<std::vector<TableSize>> TableSizes() override {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows,
        Query("SELECT n.nspname, c.relname, pg_total_relation_size(c.oid), "
              "GREATEST(c.reltuples, 0)::bigint FROM pg_class c JOIN pg_namespace n ON "
              "n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN "
              "('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'",
              {}));
    std::vector<TableSize> out;
    out.reserve(rows.rows.size());
    for (const Row& r : rows.rows) {
      TableSize& size = out.emplace_back();
      size.schema = r[0].value_or("");
      size.table = r[1].value_or("");
      // NULL: the server does not say (-1).
      for (auto [cell, field] : {std::pair{&r[2], &size.bytes}, std::pair{&r[3], &size.rows}}) {
        if (!*cell) continue;
        Result<int64_t> n = ParseInt64(**cell);
        if (!n.ok()) {
          return Status::Database("pg_class gave a size of " + size.schema + "." + size.table +
                                  " that is not a number: " + n.status().message());
        }
        *field = *n;
      }
    }
    return out;
  }

  Result<std::vector<ColumnType>> ColumnTypes() override {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows,
        Query("SELECT table_schema, table_name, column_name, udt_name FROM "
              "information_schema.columns WHERE table_schema NOT IN ('pg_catalog', "
              "'information_schema') ORDER BY table_schema, table_name, ordinal_position",
              {}));
    std::vector<ColumnType> out;
    out.reserve(rows.rows.size());
    for (const Row& r : rows.rows) {
      out.push_back(
          ColumnType{r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or("")});
    }
    return out;
  }

  Result<bool> DropIndexIfInvalid(std::string_view schema, std::string_view name) override {
    const std::string qualified = Qualified(schema, name);
    STRATA_ASSIGN_OR_RETURN(
        Rows rows,
        Query("SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid",
              {qualified}));
    if (rows.rows.empty()) return false;
    STRATA_RETURN_IF_ERROR(Execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualified));
    return true;
  }

  Result<IndexState> FindIndex(std::string_view schema, std::string_view name) override {
    STRATA_ASSIGN_OR_RETURN(
        Rows rows, Query("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)",
                         {Qualified(schema, name)}));
    if (rows.rows.empty()) return IndexState::kAbsent;
    return rows.rows[0][0] == "t" ? IndexState::kValid : IndexState::kInvalid;
  }

  std::string DatabaseFile() const override { return ""; }
  Result<std::string> BackupTo(const std::string&) override {
    return Status::InvalidInput(
        "PostgreSQL has no built-in file backup in strata; use a before_apply command such as "
        "pg_dump");
  }

  Result<catalog::Catalog> Inspect(const InspectOptions& options) override {
    return postgres::Inspect(*this, options);
  }

 private:
  std::string Qualified(std::string_view schema, std::string_view name) const {
    return schema.empty() ? QuoteWithDoubleQuotes(name)
                          : QuoteWithDoubleQuotes(schema) + "." + QuoteWithDoubleQuotes(name);
  }

  ConnectOptions options_;
  std::string password_;  // kept only to mask it out of messages
  ConnPtr conn_;
  CancelPtr cancel_;                // what an interrupt sends (base/interrupt.h)
  CancelOnInterrupt on_interrupt_;  // unregistered before cancel_ is freed
  bool pending_begin_ = false;      // Begin() was called; BEGIN goes out with the next statement
  struct PrefetchedQuery {
    std::string sql;
    std::vector<Value> params;
  };
  std::optional<PrefetchedQuery> prefetched_;  // sent, its answer not read yet
  PreparedStatements prepared_;
};

// A connection made: it keeps the password libpq used (from the URL, PGPASSWORD,
// ~/.pgpass or a service file) to mask it in its errors and for Secrets().
std::unique_ptr<Connection> Made(const ConnectOptions& options, ConnPtr conn) {
  std::string password = PQpass(conn.get()) != nullptr ? PQpass(conn.get()) : "";
  if (password.empty()) password = PasswordOf(options.url);
  return std::unique_ptr<Connection>(
      new PgConnection(options, std::move(password), std::move(conn)));
}

Result<std::unique_ptr<Connection>> PgPendingConnection::Finish() {
  Result<ConnPtr> conn = [&]() -> Result<ConnPtr> {
    if (!conn_) return Open(options_, password_);
    while (!Done()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline_ - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !SocketReady(static_cast<int>(left.count()))) {
        return Status::Database("cannot connect to " + RedactUrl(options_.url) +
                                ": no answer within the connect timeout, " +
                                std::to_string(options_.connect_timeout.count()) +
                                " s ([database] connect_timeout in strata.toml)")
            .WithSqlState("08001");
      }
      polling_ = PQconnectPoll(conn_.get());
    }
    return Established(std::move(conn_), options_, password_, /*check_client=*/true);
  }();
  if (!conn.ok()) return conn.take_status();
  return Made(options_, std::move(conn).value());
}

// libpq's reading of `url`, or InvalidInput for a URL it cannot read (or would
// misread: CheckUserInfo), with every password masked.
Result<OptionsPtr> Parsed(const std::string& url) {
  STRATA_RETURN_IF_ERROR(CheckUserInfo(url));
  char* err = nullptr;
  OptionsPtr opts(PQconninfoParse(url.c_str(), &err));
  if (opts == nullptr) {
    std::string why = err ? std::string(Trim(err)) : "out of memory";
    if (err) PQfreemem(err);
    return Status::InvalidInput("cannot read the database URL " + RedactUrl(url) + ": " +
                                MaskPasswords(why, url, nullptr));
  }
  return opts;
}

}  // namespace

bool AcceptsUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "postgres://") || StartsWithIgnoreCase(url, "postgresql://") ||
         url.find('=') != std::string_view::npos;  // a libpq keyword string
}

Result<std::vector<std::pair<std::string, std::string>>> ClientEnvironment(const std::string& url) {
  STRATA_ASSIGN_OR_RETURN(const OptionsPtr opts, Parsed(url));
  // libpq's own table says which variable each keyword is read from.
  std::vector<std::pair<std::string, std::string>> env;
  for (PQconninfoOption* o = opts.get(); o->keyword; ++o) {
    if (o->envvar && o->val && *o->val) env.emplace_back(o->envvar, o->val);
  }
  return env;
}

std::vector<std::string> PasswordsFor(const std::string& url) { return PasswordsBefore(url); }

Result<std::unique_ptr<Connection>> Connect(const ConnectOptions& options) {
  STRATA_RETURN_IF_ERROR(Parsed(options.url).status());
  STRATA_ASSIGN_OR_RETURN(ConnPtr conn, Open(options, PasswordOf(options.url)));
  return Made(options, std::move(conn));
}

Result<std::unique_ptr<PendingConnection>> StartConnect(const ConnectOptions& options) {
  STRATA_RETURN_IF_ERROR(Parsed(options.url).status());
  std::string password = PasswordOf(options.url);
  const ConnectParams params(options, /*check_client=*/true, /*with_timeout=*/false);
  ConnPtr conn(PQconnectStartParams(ConnectParams::kKeywords, params.values, /*expand_dbname=*/1));
  if (!conn || PQstatus(conn.get()) == CONNECTION_BAD) {
    // Failed before reaching any server (a URL libpq cannot read, an unknown host).
    STRATA_ASSIGN_OR_RETURN(conn, Established(std::move(conn), options, password, true));
  } else if (HasConnectTimeout(conn.get())) {
    // Nothing has been sent to the server yet, so dropping this start leaves no
    // trace there; Finish() connects the blocking way, which honours the timeout.
    conn.reset();
  }
  return std::unique_ptr<PendingConnection>(
      new PgPendingConnection(options, std::move(password), std::move(conn)));
}

}  // namespace strata::driver::postgres
