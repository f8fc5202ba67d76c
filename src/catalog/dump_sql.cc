#include "catalog/dump_sql.h"

namespace strata::catalog {

std::string DumpSql(const Catalog& catalog) {
  return catalog.dialect == Dialect::kPostgres ? DumpPostgresSql(catalog) : DumpSqliteSql(catalog);
}

}  // namespace strata::catalog
