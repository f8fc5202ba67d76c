#include "base/dialect.h"

#include <string>

#include "base/strings.h"

namespace strata {

std::string_view DialectName(Dialect d) {
  switch (d) {
    case Dialect::kPostgres:
      return "postgres";
    case Dialect::kSqlite:
      return "sqlite";
  }
  return "unknown";
}

Result<Dialect> ParseDialect(std::string_view name) {
  std::array<std::string_view, kAllDialects.size()> names{};
  std::string known;  // "a, b or c"
  for (size_t i = 0; i < kAllDialects.size(); ++i) {
    names[i] = DialectName(kAllDialects[i]);
    if (name == names[i]) return kAllDialects[i];
    if (i > 0) known += i + 1 == kAllDialects.size() ? " or " : ", ";
    known += names[i];
  }
  std::string message = "'" + std::string(name) + "' is not a dialect (" + known + ")";
  if (auto near = NearestSpelling(name, names))
    message += "; did you mean " + std::string(*near) + "?";
  return Status::InvalidInput(std::move(message));
}

}  // namespace strata
