// SQLite scratch databases: each a private in-memory database. Nothing is
// created before the connection opens it and nothing outlives that connection,
// so there is nothing to drop and nothing left over.
#include "driver/sqlite/driver.h"

namespace strata::driver::sqlite {
namespace {

constexpr std::string_view kInMemory = ":memory:";

class SqliteScratchDatabases final : public ScratchDatabases {
 public:
  explicit SqliteScratchDatabases(ConnectOptions server) : server_(std::move(server)) {}

  Result<ScratchDatabase> Create() override {
    ScratchDatabase made;
    made.name = std::string(kInMemory);
    made.options = server_;
    made.options.url = std::string(kInMemory);
    return made;
  }

  Status Drop(std::string_view /*name*/) override { return Status::Ok(); }

  Result<std::vector<std::string>> Leftovers() override { return std::vector<std::string>(); }

 private:
  ConnectOptions server_;
};

}  // namespace

Result<std::unique_ptr<ScratchDatabases>> OpenScratchDatabases(const ConnectOptions& server) {
  return std::unique_ptr<ScratchDatabases>(new SqliteScratchDatabases(server));
}

}  // namespace strata::driver::sqlite
