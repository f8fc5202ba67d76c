// SQLite statements for single catalog objects, shared by the schema dump
// (plan.cc) and the change plan (plan_changes.cc). Internal to the SQLite
// planner. Each returns one statement without its ';'.
#pragma once

#include <string>
#include <string_view>

#include "catalog/catalog.h"

namespace strata::driver::sqlite {

std::string Q(std::string_view name);
std::string ColumnSql(const catalog::Table& table, const catalog::Column& column);
// CREATE TABLE with its constraints inline (SQLite cannot add them later).
std::string TableSql(const catalog::Table& table);
std::string IndexSql(const catalog::Index& index);
std::string ViewSql(const catalog::View& view);

}  // namespace strata::driver::sqlite
