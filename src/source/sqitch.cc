#include "source/sqitch.h"

namespace strata::source {

Result<MigrationSet> LoadSqitchProject(const LoadOptions& options) {
  return Status::InvalidInput("sqitch projects are not read yet").WithFile(options.dir);
}

}  // namespace strata::source
