// The target's table sizes, looked up by a table's name as a statement writes it
// ("users", "app.users", "public.users"): for lint findings and plan reports,
// which both name tables as the SQL does.
//
// A plain value; copy freely.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "driver/introspection.h"

namespace strata::engine {

// The key of table `written` ("App.Users" -> "app.users", "public.users" ->
// "users"): two spellings of one table have the same key.
std::string TableKey(std::string_view written);

class TableSizeIndex {
 public:
  TableSizeIndex() = default;
  explicit TableSizeIndex(const std::vector<driver::TableSize>& sizes);

  // The target's table `written` (unqualified means public, as sql::lint::Context
  // keys tables); nullptr when the target has no such table.
  const driver::TableSize* Find(std::string_view written) const;

 private:
  std::map<std::string, driver::TableSize> by_key_;  // by sql::lint::Context::Key
};

}  // namespace strata::engine
