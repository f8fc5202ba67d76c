#include "cli/shadow.h"

#include <unistd.h>

#include <random>

#include "cli/connect.h"

namespace strata::cli {

Result<std::unique_ptr<Shadow>> Shadow::Open(const driver::ConnectOptions& base) {
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(base.url));
  std::unique_ptr<Shadow> shadow(new Shadow(base, dialect));
  if (dialect == Dialect::kPostgres) {
    Result<std::unique_ptr<driver::Connection>> admin = Connect(base);
    if (!admin.ok()) return admin.take_status().Prefixed("shadow database: ");
    shadow->admin_ = std::move(admin).value();
  }
  return shadow;
}

Shadow::~Shadow() {
  if (!admin_) return;
  for (const std::string& name : created_) {
    // FORCE: a connection left open by an error path must not keep it alive.
    (void)admin_->Execute("DROP DATABASE IF EXISTS " + admin_->QuoteIdentifier(name) +
                          " WITH (FORCE)");
  }
}

Result<std::unique_ptr<driver::Connection>> Shadow::Fresh() {
  driver::ConnectOptions options = base_;
  if (dialect_ == Dialect::kSqlite) {
    options.url = ":memory:";
    return Connect(options);
  }
  // Unique per process and call; the random part keeps two hosts' runs apart.
  static std::mt19937_64 random{std::random_device{}()};
  const std::string name = "strata_shadow_" + std::to_string(getpid()) + "_" +
                           std::to_string(created_.size()) + "_" +
                           std::to_string(random() % 1000000);
  // template0: the shadow must hold nothing but what is replayed into it.
  Status created = admin_->Execute("CREATE DATABASE " + admin_->QuoteIdentifier(name) +
                                   " TEMPLATE template0");
  if (!created.ok()) {
    return std::move(created).Prefixed(
        "cannot create a shadow database (the role needs CREATEDB, or pass --shadow-url to a "
        "server where it can): ");
  }
  created_.push_back(name);
  options.database = name;
  return Connect(options);
}

}  // namespace strata::cli
