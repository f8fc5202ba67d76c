// PostgreSQL scratch databases: CREATE DATABASE on the server, through a
// connection to the database the server options name.
#include <unistd.h>

#include <random>
#include <string>

#include "driver/postgres/driver.h"

namespace strata::driver::postgres {
namespace {

class PgScratchDatabases final : public ScratchDatabases {
 public:
  PgScratchDatabases(ConnectOptions server, std::unique_ptr<Connection> admin)
      : server_(std::move(server)), admin_(std::move(admin)) {}

  Result<ScratchDatabase> Create() override {
    // Unique per process and call; the random part keeps two hosts' runs apart.
    static std::mt19937_64 random{std::random_device{}()};
    ScratchDatabase made;
    made.name = std::string(kScratchPrefix) + std::to_string(getpid()) + "_" +
                std::to_string(created_++) + "_" + std::to_string(random() % 1000000);
    // template0: a scratch database must hold nothing but what is replayed into it.
    STRATA_RETURN_IF_ERROR(admin_->Execute(
        "CREATE DATABASE " + admin_->sql().QuoteIdentifier(made.name) + " TEMPLATE template0"));
    made.options = server_;
    made.options.database = made.name;
    return made;
  }

  Status Drop(std::string_view name) override {
    // FORCE: a connection left open by an error path must not keep it alive.
    return admin_->Execute("DROP DATABASE IF EXISTS " + admin_->sql().QuoteIdentifier(name) +
                           " WITH (FORCE)");
  }

  Result<std::vector<std::string>> Leftovers() override {
    // LIKE's '_' matches any character: the prefix is compared as it is.
    STRATA_ASSIGN_OR_RETURN(Rows rows,
                            admin_->Query("SELECT datname FROM pg_catalog.pg_database WHERE "
                                          "left(datname, length($1)) = $1 ORDER BY datname",
                                          {std::string(kScratchPrefix)}));
    std::vector<std::string> names;
    for (const Row& row : rows.rows) {
      if (row.size() == 1 && row[0]) names.push_back(*row[0]);
    }
    return names;
  }

  // A password from ~/.pgpass or a service file, which the URL did not show.
  std::vector<std::string> Secrets() const override { return admin_->Secrets(); }

 private:
  ConnectOptions server_;
  std::unique_ptr<Connection> admin_;  // creates and drops them
  int created_ = 0;
};

}  // namespace

Result<std::unique_ptr<ScratchDatabases>> OpenScratchDatabases(const ConnectOptions& server) {
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<Connection> admin, Connect(server));
  return std::unique_ptr<ScratchDatabases>(new PgScratchDatabases(server, std::move(admin)));
}

}  // namespace strata::driver::postgres
