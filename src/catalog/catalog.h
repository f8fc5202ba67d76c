// The schema model: what a database holds, as plain values.
//
// A Catalog is what introspection (driver::Connection::Inspect) returns and
// what the renderings (driver::Planner, report/schema_json.h) and, later, diff
// read. It holds no OIDs, no pointers and no database handles: objects name
// each other by qualified name, so catalogs copy and compare cleanly.
// Expressions (defaults, checks, index keys, view bodies, function
// definitions) are kept as the database's own canonical text: PostgreSQL's
// pg_get_* renderings, and for SQLite the text it stored with its blank space
// normalized (driver/sqlite/ddl_reader.h; a view's query is kept as written,
// since SQLite names unaliased view columns after it).
//
// Ordering is part of the model. After SortCanonically() every list is sorted
// by schema, then name (then table, for objects named per table), byte-wise,
// whatever order the objects were created in (and a list partition's values
// are sorted, the same bound either way). The one exception is a table's
// columns, which keep the table's own column order: it is part of a table's
// identity (SELECT *, INSERT without a column list, COPY), so a column added
// later by ALTER TABLE comes last.
//
// Thread-safety: plain values.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <vector>

#include "base/dialect.h"

namespace strata::catalog {

// A schema-qualified name. SQLite has one schema per database file, so there
// `schema` is empty.
struct QualifiedName {
  std::string schema;
  std::string name;
  auto operator<=>(const QualifiedName&) const = default;
};

struct Schema {
  std::string name;
  std::string comment;
  bool operator==(const Schema&) const = default;
};

struct Extension {
  std::string name;
  std::string schema;   // where its objects live
  std::string version;  // installed version; informative, not rendered into SQL
  std::string comment;
  bool operator==(const Extension&) const = default;
};

// CREATE TYPE ... AS ENUM: its labels in their sort order (which is meaning).
struct EnumType {
  QualifiedName name;
  std::vector<std::string> labels;
  std::string comment;
  bool operator==(const EnumType&) const = default;
};

struct DomainConstraint {
  std::string name;
  std::string definition;  // "CHECK ((VALUE > 0))" [NOT VALID]
  bool operator==(const DomainConstraint&) const = default;
};

struct Domain {
  QualifiedName name;
  std::string base_type;  // format_type text: "integer", "character varying(20)"
  bool not_null = false;
  std::optional<std::string> default_expr;
  std::optional<QualifiedName> collation;     // only when it differs from the base type's
  std::vector<DomainConstraint> constraints;  // by name
  std::string comment;
  bool operator==(const Domain&) const = default;
};

struct CompositeAttribute {
  std::string name;
  std::string type;
  std::optional<QualifiedName> collation;
  bool operator==(const CompositeAttribute&) const = default;
};

// CREATE TYPE ... AS (...): attributes in their declared order.
struct CompositeType {
  QualifiedName name;
  std::vector<CompositeAttribute> attributes;
  std::string comment;
  bool operator==(const CompositeType&) const = default;
};

// A sequence's parameters, as text so that every int8 value round-trips.
struct SequenceOptions {
  std::string type;  // "bigint", "integer", "smallint"
  std::string start;
  std::string increment;
  std::string min_value;
  std::string max_value;
  std::string cache;
  bool cycle = false;
  bool operator==(const SequenceOptions&) const = default;
};

struct ColumnRef {
  QualifiedName table;
  std::string column;
  bool operator==(const ColumnRef&) const = default;
};

struct Sequence {
  QualifiedName name;
  SequenceOptions options;
  std::optional<ColumnRef> owned_by;  // serial columns: dropped with their column
  std::string comment;
  bool operator==(const Sequence&) const = default;
};

enum class RoutineKind { kFunction, kProcedure };

// A function or procedure; overloads share a name and differ in `arguments`.
struct Function {
  QualifiedName name;
  std::string arguments;  // identity arguments: "a integer, b integer"
  RoutineKind kind = RoutineKind::kFunction;
  std::string result;  // "integer", "trigger", "SETOF ..."; empty for procedures
  std::string language;
  std::string definition;  // the whole CREATE OR REPLACE statement, without ';'
  // Its signature uses a table's (view's) row type, or its SQL-standard body
  // (BEGIN ATOMIC) reads tables (views): it can only be created after them.
  bool uses_tables = false;
  bool uses_views = false;
  std::string comment;
  bool operator==(const Function&) const = default;
};

enum class Identity { kNone, kAlways, kByDefault };
enum class Generated { kNone, kStored, kVirtual };  // kVirtual: SQLite only

struct Column {
  std::string name;
  std::string type;  // PostgreSQL: format_type; SQLite: the declared type, upper case
  bool not_null = false;
  std::optional<std::string> default_expr;
  Identity identity = Identity::kNone;
  SequenceOptions identity_options;  // meaningful when identity != kNone
  Generated generated = Generated::kNone;
  std::string generation_expr;             // when generated != kNone
  std::optional<QualifiedName> collation;  // only when it differs from the type's default
  bool autoincrement = false;              // SQLite INTEGER PRIMARY KEY AUTOINCREMENT
  bool inherited = false;  // comes only from an INHERITS parent; not declared by this table
  std::string comment;
  bool operator==(const Column&) const = default;
};

enum class ConstraintKind { kPrimaryKey, kUnique, kForeignKey, kCheck, kExclusion };

struct Constraint {
  std::string name;  // SQLite: empty when the constraint was not named
  ConstraintKind kind = ConstraintKind::kCheck;
  std::vector<std::string> columns;  // key columns (PRIMARY KEY, UNIQUE, the FK's own)
  // Foreign keys: the referenced table and columns (empty: its primary key),
  // actions and MATCH as SQL keywords.
  QualifiedName ref_table;
  std::vector<std::string> ref_columns;
  std::string on_update = "NO ACTION";
  std::string on_delete = "NO ACTION";
  std::string match = "SIMPLE";
  bool deferrable = false;
  bool initially_deferred = false;
  bool validated = true;   // false: added NOT VALID
  std::string expression;  // CHECK: its boolean expression
  // The whole constraint as the dialect renders it after CONSTRAINT name:
  // "FOREIGN KEY (a) REFERENCES s.t(id) ON DELETE CASCADE" (PostgreSQL:
  // pg_get_constraintdef; SQLite: composed from the parsed pieces).
  std::string definition;
  std::string comment;
  bool operator==(const Constraint&) const = default;
};

struct Table {
  QualifiedName name;
  std::vector<Column> columns;          // the table's column order
  std::vector<Constraint> constraints;  // by name (then definition, for unnamed ones)
  bool unlogged = false;
  std::string partition_key;                  // "RANGE (created_at)"; empty unless partitioned
  std::optional<QualifiedName> partition_of;  // a partition's parent
  // "FOR VALUES FROM (...) TO (...)", "DEFAULT"; a list's values sorted.
  std::string partition_bound;
  std::vector<QualifiedName> inherits;  // INHERITS parents (not partitioning)
  std::vector<std::string> options;     // storage parameters: "fillfactor=80"
  bool row_security = false;            // ENABLE ROW LEVEL SECURITY
  bool force_row_security = false;      // FORCE ROW LEVEL SECURITY
  bool without_rowid = false;           // SQLite
  bool strict = false;                  // SQLite
  // SQLite CREATE VIRTUAL TABLE: the module and its arguments, "fts5(body)".
  // Its columns and shadow tables are the module's, so none are listed.
  std::string virtual_using;
  std::string comment;
  bool operator==(const Table&) const = default;
};

struct View {
  QualifiedName name;
  bool materialized = false;
  std::vector<std::string> columns;  // an explicit column list (SQLite); usually empty
  std::string definition;            // the query, without a trailing ';'
  std::vector<std::string> options;  // "security_barrier=true", "check_option=local"
  // The tables and views it reads, sorted (SQLite: the names its query mentions).
  std::vector<QualifiedName> depends_on;
  std::string comment;
  bool operator==(const View&) const = default;
};

struct Index {
  QualifiedName name;
  QualifiedName table;  // a table or a materialized view
  bool unique = false;
  std::string method;  // "btree", "gin", ...; empty in SQLite
  // Each key as the database renders it: a column or a parenthesized
  // expression, with its collation, operator class and order.
  std::vector<std::string> keys;
  std::vector<std::string> include;  // INCLUDE columns
  bool nulls_not_distinct = false;
  std::string predicate;             // partial index WHERE; empty: none
  std::vector<std::string> options;  // "fillfactor=70"
  std::string comment;
  bool operator==(const Index&) const = default;
};

enum class TriggerState { kEnabled, kDisabled, kReplica, kAlways };

struct Trigger {
  QualifiedName table;
  std::string name;
  std::string definition;  // the whole CREATE TRIGGER statement, without ';'
  TriggerState state = TriggerState::kEnabled;
  std::string comment;
  bool operator==(const Trigger&) const = default;
};

// A row-level security policy.
struct Policy {
  QualifiedName table;
  std::string name;
  bool permissive = true;
  std::string command = "ALL";     // ALL, SELECT, INSERT, UPDATE, DELETE
  std::vector<std::string> roles;  // "public" is PUBLIC
  std::string using_expr;
  std::string check_expr;
  std::string comment;
  bool operator==(const Policy&) const = default;
};

struct Catalog {
  Dialect dialect = Dialect::kPostgres;
  std::vector<Schema> schemas;
  std::vector<Extension> extensions;
  std::vector<EnumType> enums;
  std::vector<Domain> domains;
  std::vector<CompositeType> composite_types;
  std::vector<Sequence> sequences;
  std::vector<Function> functions;
  std::vector<Table> tables;
  std::vector<View> views;
  std::vector<Index> indexes;
  std::vector<Trigger> triggers;
  std::vector<Policy> policies;
  bool operator==(const Catalog&) const = default;
};

// Sorts every list (and the lists inside tables and domains) into the
// canonical order described at the top of this file.
void SortCanonically(Catalog& catalog);

std::string_view ConstraintKindName(ConstraintKind kind);  // "primary_key", "foreign_key", ...
std::string_view IdentityName(Identity identity);          // "none", "always", "by_default"
std::string_view GeneratedName(Generated generated);       // "none", "stored", "virtual"
std::string_view TriggerStateName(TriggerState state);     // "enabled", "disabled", ...

}  // namespace strata::catalog
