// Reading the CREATE statements SQLite stores in sqlite_schema, for what its
// pragmas do not tell: CHECK constraints, constraint names, COLLATE, generated
// column expressions, AUTOINCREMENT, deferrable foreign keys, index key
// expressions and predicates.
//
// SQLite keeps each statement as it was written (and splices ALTER TABLE ADD
// COLUMN into it), so two databases with the same schema can hold different
// text. Everything returned here is canonical: comments dropped, tokens joined
// with one space where the spacing rules want one, names unquoted, and
// constraint definitions composed in one fixed form with quoted names.
//
// A reader of the few statement shapes above over tokens.h; it is not a
// SQL parser, and it trusts the text (SQLite accepted it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"
#include "driver/sqlite/tokens.h"

namespace strata::driver::sqlite::ddl {

// What CREATE TABLE says about one column beyond PRAGMA table_xinfo.
struct ColumnDdl {
  std::string name;
  std::optional<catalog::QualifiedName> collation;
  catalog::Generated generated = catalog::Generated::kNone;
  std::string generation_expr;
  bool autoincrement = false;
};

struct TableDdl {
  std::vector<ColumnDdl> columns;                // in declared order
  std::vector<catalog::Constraint> constraints;  // column and table constraints alike, as written
  bool without_rowid = false;
  bool strict = false;
};

// Reads CREATE TABLE; `table` names the table in errors.
Result<TableDdl> ParseCreateTable(std::string_view sql, std::string_view table);

struct IndexDdl {
  bool unique = false;
  std::vector<std::string> keys;  // "\"a\"", "lower(\"b\") DESC", "\"c\" COLLATE NOCASE"
  std::string predicate;
};
Result<IndexDdl> ParseCreateIndex(std::string_view sql, std::string_view index);

// CREATE VIRTUAL TABLE t USING module(args): "module(args)", canonically spaced.
Result<std::string> ParseVirtualTableUsing(std::string_view sql, std::string_view table);

struct ViewDdl {
  std::vector<std::string> columns;  // CREATE VIEW v(a, b) AS ...
  std::string query;
};
Result<ViewDdl> ParseCreateView(std::string_view sql, std::string_view view);

}  // namespace strata::driver::sqlite::ddl
