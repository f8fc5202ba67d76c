#include "engine/table_sizes.h"

#include "sql/lint/context.h"

namespace strata::engine {

using sql::lint::Context;

std::string TableKey(std::string_view written) {
  const size_t dot = written.find('.');
  if (dot == std::string_view::npos) return Context::Key({"", std::string(written)});
  return Context::Key({std::string(written.substr(0, dot)), std::string(written.substr(dot + 1))});
}

TableSizeIndex::TableSizeIndex(const std::vector<driver::TableSize>& sizes) {
  for (const driver::TableSize& t : sizes) by_key_[Context::Key({t.schema, t.table})] = t;
}

const driver::TableSize* TableSizeIndex::Find(std::string_view written) const {
  auto it = by_key_.find(TableKey(written));
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace strata::engine
