// SQLite introspection: sqlite_schema and PRAGMA table_list / table_xinfo for
// the facts SQLite keeps, the stored CREATE text (ddl_reader.h) for the rest.
#include "driver/sqlite/inspect.h"

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "driver/sqlite/ddl_reader.h"
#include "driver/sqlite/tokens.h"

namespace strata::driver::sqlite {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::Generated;
using catalog::Index;
using catalog::SortCanonically;
using catalog::Table;
using catalog::Trigger;
using catalog::View;

std::string Text(const Row& r, size_t i) { return r.at(i).value_or(""); }

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

// Every catalog row of the user's objects; SQLite's own (sqlite_*) left out.
constexpr const char* kObjects =
    "SELECT m.type, m.name, m.tbl_name, m.sql, coalesce(l.type, ''), coalesce(l.strict, 0) "
    "FROM sqlite_schema m LEFT JOIN pragma_table_list l ON l.schema = 'main' AND l.name = m.name "
    "WHERE substr(m.name, 1, 7) <> 'sqlite_' AND m.sql IS NOT NULL ORDER BY m.name";

// Every column of every table in one statement, in each table's column order.
// Virtual tables are left out: reading one needs its module loaded.
constexpr const char* kColumns =
    "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.hidden "
    "FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p "
    "WHERE m.type = 'table' AND substr(m.name, 1, 7) <> 'sqlite_' AND "
    "upper(substr(ltrim(m.sql), 1, 14)) <> 'CREATE VIRTUAL' ORDER BY m.name, p.cid";

struct Object {
  std::string type;  // table, index, view, trigger
  std::string name;
  std::string table;
  std::string sql;
  std::string list_type;  // PRAGMA table_list: table, virtual, shadow
  bool strict = false;
};

Result<Table> ReadTable(const Object& o) {
  STRATA_ASSIGN_OR_RETURN(ddl::TableDdl ddl, ddl::ParseCreateTable(o.sql, o.name));
  Table t;
  t.name = {"", o.name};
  t.constraints = std::move(ddl.constraints);
  t.without_rowid = ddl.without_rowid;
  t.strict = o.strict || ddl.strict;
  // Columns come from PRAGMA table_xinfo later; keep what only the text says.
  for (auto& c : ddl.columns) {
    Column col;
    col.name = c.name;
    col.collation = c.collation;
    col.generated = c.generated;
    col.generation_expr = c.generation_expr;
    col.autoincrement = c.autoincrement;
    t.columns.push_back(std::move(col));
  }
  return t;
}

// Fills the columns of `t` from its PRAGMA table_xinfo rows, keeping the
// facts ReadTable took from the CREATE text.
void ApplyColumns(Table& t, const std::vector<const Row*>& rows) {
  std::vector<Column> parsed = std::move(t.columns);
  t.columns.clear();
  for (const Row* r : rows) {
    const std::string hidden = Text(*r, 5);
    if (hidden == "1") continue;  // a virtual table's hidden column
    Column col;
    col.name = Text(*r, 1);
    col.type = Upper(Text(*r, 2));
    col.not_null = Text(*r, 3) == "1";
    if ((*r)[4]) col.default_expr = ddl::NormalizeExpression(*(*r)[4]);
    for (Column& p : parsed) {
      if (!EqualsIgnoreCase(p.name, col.name)) continue;
      col.collation = std::move(p.collation);
      col.generated = p.generated;
      col.generation_expr = std::move(p.generation_expr);
      col.autoincrement = p.autoincrement;
    }
    if (hidden == "2") col.generated = Generated::kVirtual;
    if (hidden == "3") col.generated = Generated::kStored;
    t.columns.push_back(std::move(col));
  }
}

// SQLite compares names without regard to ASCII case, and so does this.
bool Excluded(const InspectOptions& options, std::string_view table) {
  const auto& names = options.excluded_tables;
  const auto& prefixes = options.excluded_prefixes;
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& e) { return EqualsIgnoreCase(e, table); }) ||
         std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return StartsWithIgnoreCase(table, p); });
}

// What each view reads: the tables and views whose names appear in its query.
// SQLite keeps no dependency records; a name that only looks like one (a
// column named after a table) makes a harmless extra edge.
void ReadViewDependencies(Catalog& c) {
  std::map<std::string, catalog::QualifiedName> relations;  // lower-case name -> name
  for (const Table& t : c.tables) relations[ToLower(t.name.name)] = t.name;
  for (const View& v : c.views) relations[ToLower(v.name.name)] = v.name;
  for (View& v : c.views) {
    for (const ddl::Token& token : ddl::Tokenize(v.definition)) {
      if (token.kind != ddl::Token::Kind::kWord && token.kind != ddl::Token::Kind::kQuotedName) {
        continue;
      }
      auto it = relations.find(ToLower(ddl::NameOf(token)));
      if (it != relations.end() && it->second != v.name) v.depends_on.push_back(it->second);
    }
  }
}

Result<Catalog> ReadAll(Connection& conn, const InspectOptions& options) {
  Catalog c;
  c.dialect = Dialect::kSqlite;
  Result<Rows> objects = conn.Query(kObjects, {});
  if (!objects.ok()) return objects.take_status().Prefixed("reading sqlite_schema: ");
  std::map<std::string, size_t> tables;  // by name
  for (const Row& r : objects->rows) {
    const Object o{Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5) == "1"};
    if (Excluded(options, o.table)) continue;
    if (o.type == "table") {
      // A virtual table's shadow tables come with it: its module makes them.
      if (o.list_type == "shadow") continue;
      if (o.list_type == "virtual" || StartsWithIgnoreCase(Trim(o.sql), "CREATE VIRTUAL")) {
        Table t;
        t.name = {"", o.name};
        STRATA_ASSIGN_OR_RETURN(t.virtual_using, ddl::ParseVirtualTableUsing(o.sql, o.name));
        c.tables.push_back(std::move(t));
        continue;
      }
      STRATA_ASSIGN_OR_RETURN(Table t, ReadTable(o));
      tables[o.name] = c.tables.size();
      c.tables.push_back(std::move(t));
    } else if (o.type == "index") {
      STRATA_ASSIGN_OR_RETURN(ddl::IndexDdl ddl, ddl::ParseCreateIndex(o.sql, o.name));
      Index i;
      i.name = {"", o.name};
      i.table = {"", o.table};
      i.unique = ddl.unique;
      i.keys = std::move(ddl.keys);
      i.predicate = std::move(ddl.predicate);
      c.indexes.push_back(std::move(i));
    } else if (o.type == "view") {
      STRATA_ASSIGN_OR_RETURN(ddl::ViewDdl ddl, ddl::ParseCreateView(o.sql, o.name));
      View v;
      v.name = {"", o.name};
      v.columns = std::move(ddl.columns);
      v.definition = std::move(ddl.query);
      c.views.push_back(std::move(v));
    } else if (o.type == "trigger") {
      Trigger t;
      t.table = {"", o.table};
      t.name = o.name;
      t.definition = ddl::NormalizeStatement(o.sql);
      c.triggers.push_back(std::move(t));
    }
  }
  Result<Rows> columns = conn.Query(kColumns, {});
  if (!columns.ok()) return columns.take_status().Prefixed("reading SQLite columns: ");
  std::map<std::string, std::vector<const Row*>> by_table;
  for (const Row& r : columns->rows) by_table[Text(r, 0)].push_back(&r);
  for (auto& [name, index] : tables) ApplyColumns(c.tables[index], by_table[name]);
  ReadViewDependencies(c);
  return c;
}

}  // namespace

Result<catalog::Catalog> Inspect(Connection& conn, const InspectOptions& options) {
  // A read transaction: both statements see the same schema.
  STRATA_RETURN_IF_ERROR(conn.Execute("BEGIN DEFERRED"));
  Result<Catalog> catalog = ReadAll(conn, options);
  const Status end = conn.Execute(catalog.ok() ? "COMMIT" : "ROLLBACK");
  if (catalog.ok() && !end.ok()) return end;
  if (catalog.ok()) SortCanonically(*catalog);
  return catalog;
}

}  // namespace strata::driver::sqlite
