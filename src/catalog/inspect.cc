#include "catalog/inspect.h"

namespace strata::catalog {

Result<Catalog> Inspect(driver::Connection& conn, const InspectOptions& options) {
  Result<Catalog> catalog = conn.dialect() == Dialect::kPostgres ? InspectPostgres(conn, options)
                                                                 : InspectSqlite(conn, options);
  if (!catalog.ok()) return catalog;
  SortCanonically(*catalog);
  return catalog;
}

}  // namespace strata::catalog
