#include "engine/replay.h"

#include "engine/engine.h"
#include "engine/history.h"

namespace strata::engine {

Result<catalog::Catalog> Replay(const source::MigrationSet& set, const EngineOptions& options,
                                const FreshDatabase& fresh) {
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn, fresh());
  NullLogger quiet;
  Engine engine(*conn, set, options, quiet);
  UpOptions up;
  up.allow_out_of_order = true;
  Result<RunReport> run = engine.Up(up);
  if (!run.ok()) {
    return run.take_status().Prefixed("replaying " + set.dir + " in a shadow database: ");
  }
  return conn->Inspect(WithoutHistoryTables(options));
}

Result<catalog::Catalog> RunDesiredState(const std::vector<SqlFile>& files,
                                         const EngineOptions& options, const FreshDatabase& fresh) {
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::Connection> conn, fresh());
  for (const SqlFile& file : files) {
    Status ran = conn->Execute(file.text);
    if (!ran.ok()) return std::move(ran).WithFile(file.path);
  }
  return conn->Inspect(WithoutHistoryTables(options));
}

}  // namespace strata::engine
