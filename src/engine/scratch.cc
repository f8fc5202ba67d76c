#include "engine/scratch.h"

namespace strata::engine {

ScratchPool::ScratchPool(std::unique_ptr<driver::ScratchDatabases> databases, Connector connect,
                         std::string create_failure)
    : databases_(std::move(databases)),
      connect_(std::move(connect)),
      create_failure_(std::move(create_failure)) {}

ScratchPool::~ScratchPool() {
  // Best effort: a database that cannot be dropped now is a leftover
  // (driver::ScratchDatabases::Leftovers) the next cleanup finds by its name.
  for (const std::string& name : created_) (void)databases_->Drop(name);
}

Result<std::unique_ptr<driver::Connection>> ScratchPool::Fresh() {
  Result<driver::ScratchDatabase> made = databases_->Create();
  if (!made.ok()) return made.take_status().Prefixed(create_failure_);
  created_.push_back(made->name);
  return connect_(made->options);
}

}  // namespace strata::engine
