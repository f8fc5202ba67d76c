#include "base/dialect.h"

#include <array>
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
  constexpr std::array kAll = {Dialect::kPostgres, Dialect::kSqlite};
  std::array<std::string_view, kAll.size()> names{};
  for (size_t i = 0; i < kAll.size(); ++i) {
    names[i] = DialectName(kAll[i]);
    if (name == names[i]) return kAll[i];
  }
  std::string message = "'" + std::string(name) + "' is not a dialect (postgres or sqlite)";
  if (auto near = NearestSpelling(name, names))
    message += "; did you mean " + std::string(*near) + "?";
  return Status::InvalidInput(std::move(message));
}

}  // namespace strata
