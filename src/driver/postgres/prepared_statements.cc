#include "driver/postgres/prepared_statements.h"

#include "base/strings.h"

namespace strata::driver::postgres {

void PreparedStatements::SeeScript(std::string_view script) {
  if (names_.empty()) return;
  if (ContainsIgnoreCase(script, "deallocate") || ContainsIgnoreCase(script, "discard")) {
    names_.clear();
  }
}

}  // namespace strata::driver::postgres
