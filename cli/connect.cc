#include "cli/connect.h"

#include <array>
#include <string_view>

#include "cli/secrets.h"
#include "driver/postgres/driver.h"
#include "driver/postgres/plan.h"
#include "driver/postgres/sql_dialect.h"
#include "driver/redact.h"
#include "driver/sqlite/driver.h"
#include "driver/sqlite/plan.h"
#include "driver/sqlite/sql_dialect.h"

namespace strata::cli {
namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;

// One registered driver: what the CLI asks of a dialect's folder. The members
// that may stay nullptr say what that means.
struct DriverEntry {
  Dialect dialect;
  // The URL forms it accepts, for the message about a URL no driver accepts.
  std::string_view url_forms;
  bool (*accepts_url)(std::string_view url) = nullptr;
  Result<std::unique_ptr<driver::Connection>> (*connect)(const driver::ConnectOptions& options) =
      nullptr;
  // Its SQL dialect, the object its connections' sql() returns.
  const driver::SqlDialect& (*sql_dialect)() = nullptr;
  std::unique_ptr<driver::Planner> (*new_planner)() = nullptr;
  // Scratch databases on the server `options` name (diff, drift, generate, verify).
  Result<std::unique_ptr<driver::ScratchDatabases>> (*open_scratch)(
      const driver::ConnectOptions& server) = nullptr;
  // nullptr: connecting is quick, StartConnect connects at once.
  Result<std::unique_ptr<driver::PendingConnection>> (*start_connect)(
      const driver::ConnectOptions& options) = nullptr;
  // nullptr: its client programs need no environment.
  Result<Environment> (*client_environment)(const std::string& url) = nullptr;
  // nullptr: no password is known before connecting.
  std::vector<std::string> (*passwords_for)(const std::string& url) = nullptr;
  // nullptr: its URLs name no file, so they read the same from every directory.
  std::string (*url_relative_to)(std::string_view url, const std::string& dir) = nullptr;
};

// Every driver, and the only list of them in the CLI: adding a driver is its
// folder under src/driver/ and one entry here. The first entry that accepts a
// URL takes it: SQLite first, since its "file:" URIs and *.db paths are
// unambiguous, while PostgreSQL takes URLs and any keyword string ("a=b").
constexpr std::array kDrivers = {
    DriverEntry{.dialect = Dialect::kSqlite,
                .url_forms = "sqlite:PATH or a *.db file",
                .accepts_url = driver::sqlite::AcceptsUrl,
                .connect = driver::sqlite::Connect,
                .sql_dialect = driver::sqlite::GetSqlDialect,
                .new_planner = driver::sqlite::NewPlanner,
                .open_scratch = driver::sqlite::OpenScratchDatabases,
                .url_relative_to = driver::sqlite::UrlRelativeTo},
    DriverEntry{.dialect = Dialect::kPostgres,
                .url_forms = "postgres://... or a libpq keyword string",
                .accepts_url = driver::postgres::AcceptsUrl,
                .connect = driver::postgres::Connect,
                .sql_dialect = driver::postgres::GetSqlDialect,
                .new_planner = driver::postgres::NewPlanner,
                .open_scratch = driver::postgres::OpenScratchDatabases,
                .start_connect = driver::postgres::StartConnect,
                .client_environment = driver::postgres::ClientEnvironment,
                .passwords_for = driver::postgres::PasswordsFor},
};

// Every dialect has exactly one entry (base/dialect.h checks kAllDialects
// against the enum), with the members that must not be nullptr, so EntryFor
// always finds one.
constexpr bool OneEntryPerDialect() {
  for (Dialect d : kAllDialects) {
    int entries = 0;
    for (const DriverEntry& e : kDrivers) {
      if (e.dialect != d) continue;
      if (!e.accepts_url || !e.connect || !e.sql_dialect || !e.new_planner || !e.open_scratch) {
        return false;
      }
      ++entries;
    }
    if (entries != 1) return false;
  }
  return kDrivers.size() == kAllDialects.size();
}
static_assert(OneEntryPerDialect(),
              "kDrivers needs exactly one entry per Dialect, each with accepts_url, connect, "
              "sql_dialect, new_planner and open_scratch");

const DriverEntry& EntryFor(Dialect dialect) {
  for (const DriverEntry& e : kDrivers) {
    if (e.dialect == dialect) return e;
  }
  return kDrivers.front();  // not reached: OneEntryPerDialect
}

Result<const DriverEntry*> EntryForUrl(const std::string& url) {
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(url));
  return &EntryFor(dialect);
}

}  // namespace

Result<Dialect> DialectOf(const std::string& url) {
  if (url.empty()) {
    return Status::InvalidInput(
        "no database: pass --url, set STRATA_URL or DATABASE_URL, or set [database] url in "
        "strata.toml");
  }
  for (const DriverEntry& d : kDrivers) {
    if (d.accepts_url(url)) return d.dialect;
  }
  return Status::InvalidInput("unsupported database URL '" + driver::RedactUrl(url) + "': use " +
                              UrlForms());
}

std::string UrlForms() {
  std::string forms;
  for (size_t i = 0; i < kDrivers.size(); ++i) {
    forms += i == 0 ? "" : i + 1 == kDrivers.size() ? ", or " : ", ";
    forms += kDrivers[i].url_forms;
  }
  return forms;
}

Result<std::unique_ptr<driver::Connection>> Connect(const driver::ConnectOptions& options) {
  AddSecretsOf(options.url);
  STRATA_ASSIGN_OR_RETURN(const DriverEntry* entry, EntryForUrl(options.url));
  Result<std::unique_ptr<driver::Connection>> conn = entry->connect(options);
  if (conn.ok()) AddSecrets((*conn)->Secrets());
  return conn;
}

Result<std::unique_ptr<driver::PendingConnection>> StartConnect(
    const driver::ConnectOptions& options) {
  AddSecretsOf(options.url);  // Finish()'s caller adds the connection's Secrets()
  STRATA_ASSIGN_OR_RETURN(const DriverEntry* entry, EntryForUrl(options.url));
  if (entry->start_connect) return entry->start_connect(options);
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn, entry->connect(options));
  return std::unique_ptr<driver::PendingConnection>(new driver::ReadyConnection(std::move(conn)));
}

Result<Environment> ClientEnvironment(const std::string& url) {
  STRATA_ASSIGN_OR_RETURN(const DriverEntry* entry, EntryForUrl(url));
  if (!entry->client_environment) return Environment();
  return entry->client_environment(url);
}

std::vector<std::string> PasswordsFor(const std::string& url) {
  const Result<const DriverEntry*> entry = EntryForUrl(url);
  if (!entry.ok()) return driver::PasswordsIn(url);
  if (!(*entry)->passwords_for) return {};
  return (*entry)->passwords_for(url);
}

std::string UrlRelativeTo(const std::string& url, const std::string& dir) {
  const Result<const DriverEntry*> entry = EntryForUrl(url);
  if (!entry.ok()) return url;  // reported when it is used
  if (!(*entry)->url_relative_to) return url;
  return (*entry)->url_relative_to(url, dir);
}

Result<std::unique_ptr<driver::ScratchDatabases>> OpenScratchDatabases(
    const driver::ConnectOptions& server) {
  AddSecretsOf(server.url);
  STRATA_ASSIGN_OR_RETURN(const DriverEntry* entry, EntryForUrl(server.url));
  Result<std::unique_ptr<driver::ScratchDatabases>> scratch = entry->open_scratch(server);
  if (scratch.ok()) AddSecrets((*scratch)->Secrets());
  return scratch;
}

const driver::SqlDialect& SqlDialectFor(Dialect dialect) { return EntryFor(dialect).sql_dialect(); }

std::unique_ptr<driver::Planner> PlannerFor(Dialect dialect) {
  return EntryFor(dialect).new_planner();
}

}  // namespace strata::cli
