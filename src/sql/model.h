// Our own model of a SQL statement: what the lint rules (and, later, plans and
// diffs) need to know, independent of any parser. sql/pg/ translates
// libpg_query's tree into it; a token-based reader fills a subset for SQLite.
//
// A flat value per statement: `kind` says which of the optional parts are filled.
// Plain values; copy freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace strata::sql {

// A schema-qualified name as written; `schema` is empty when unqualified.
struct QualifiedName {
  std::string schema;
  std::string name;
  std::string Display() const { return schema.empty() ? name : schema + "." + name; }
  bool empty() const { return name.empty(); }
};

struct TypeRef {
  std::string name;  // last part, lower-case: "int4", "varchar", "timestamp", "serial"
  std::vector<int64_t> modifiers;  // varchar(20) -> {20}; numeric(10,2) -> {10, 2}
  bool array = false;
  bool empty() const { return name.empty(); }
};

// How a DEFAULT expression behaves when a column is added to an existing table:
// PostgreSQL 11+ stores a non-volatile default without rewriting the table.
enum class DefaultKind { kNone, kConstant, kNonVolatile, kVolatile };

enum class ConstraintKind {
  kPrimaryKey,
  kUnique,
  kForeignKey,
  kCheck,
  kExclusion,
  kNotNull,
  kOther
};

struct Constraint {
  ConstraintKind kind = ConstraintKind::kOther;
  std::string name;                      // empty when unnamed
  std::vector<std::string> columns;      // key columns (FK: referencing columns)
  QualifiedName ref_table;               // foreign keys
  std::vector<std::string> ref_columns;  // foreign keys
  bool not_valid = false;                // ADD CONSTRAINT ... NOT VALID
  // CHECK (a IS NOT NULL [AND b IS NOT NULL ...]): the columns it proves non-null.
  std::vector<std::string> not_null_columns;
  std::string using_index;  // ADD CONSTRAINT ... USING INDEX idx
  size_t offset = 0;        // byte offset in the script
};

struct ColumnDef {
  std::string name;
  TypeRef type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  bool identity = false;   // GENERATED ... AS IDENTITY
  bool generated = false;  // GENERATED ALWAYS AS (expr) STORED
  DefaultKind default_kind = DefaultKind::kNone;
  std::vector<Constraint> references;  // column-level REFERENCES (kind kForeignKey)
  size_t offset = 0;                   // byte offset in the script
};

enum class AlterKind {
  kAddColumn,
  kDropColumn,
  kAlterColumnType,
  kSetNotNull,
  kDropNotNull,
  kSetDefault,
  kDropDefault,
  kAddConstraint,
  kValidateConstraint,
  kDropConstraint,
  kDetachPartition,  // DETACH PARTITION (not its FINALIZE step)
  kOther,
};

struct AlterCmd {
  AlterKind kind = AlterKind::kOther;
  std::string column;                             // the column acted on, when there is one
  ColumnDef column_def;                           // kAddColumn
  TypeRef new_type;                               // kAlterColumnType
  bool has_using = false;                         // kAlterColumnType ... USING expr
  DefaultKind default_kind = DefaultKind::kNone;  // kSetDefault
  Constraint constraint;                          // kAddConstraint
  std::string name;  // constraint name for kValidateConstraint / kDropConstraint
  bool if_exists = false;
  bool cascade = false;
  bool concurrently = false;  // kDetachPartition ... CONCURRENTLY
  QualifiedName partition;    // kDetachPartition
  size_t offset = 0;          // byte offset in the script
};

enum class StatementKind {
  kCreateTable,
  kAlterTable,
  kCreateIndex,
  kDrop,  // DROP TABLE / INDEX / SCHEMA / VIEW / TYPE / ...
  kTruncate,
  kDelete,
  kUpdate,
  kInsert,
  kVacuum,
  kCluster,
  kReindex,
  kRename,  // ALTER ... RENAME ...
  kGrant,   // GRANT and REVOKE
  kCreateFunction,
  kSet,          // SET / SET LOCAL / RESET
  kTransaction,  // BEGIN, COMMIT, ...
  kCreateView,
  kSelect,
  kCreateDomain,
  kAlterDomain,
  kAlterEnum,  // ALTER TYPE ... ADD VALUE / RENAME VALUE
  kOther,
};

// What DROP, RENAME, GRANT and REINDEX act on.
enum class ObjectKind {
  kTable,
  kIndex,
  kSchema,
  kView,
  kMaterializedView,
  kSequence,
  kType,
  kFunction,
  kColumn,
  kConstraint,
  kTrigger,
  kDatabase,
  kExtension,
  kOther,
};

struct IndexDef {
  QualifiedName name;  // schema is the table's
  bool unique = false;
  bool concurrently = false;
  bool if_not_exists = false;
  std::vector<std::string> columns;  // plain column keys; expressions are left out
  bool has_where = false;
};

struct DropDef {
  ObjectKind object = ObjectKind::kOther;
  std::vector<QualifiedName> names;
  bool concurrently = false;
  bool if_exists = false;
  bool cascade = false;
};

struct RenameDef {
  ObjectKind object = ObjectKind::kOther;  // kTable, kColumn, kIndex, kConstraint, ...
  std::string old_name;                    // the column or constraint renamed; the table for kTable
  std::string new_name;
};

struct GrantDef {
  bool is_grant = true;  // false for REVOKE
  bool to_public = false;
  std::vector<std::string> privileges;  // lower-case; empty means ALL
};

struct FunctionDef {
  QualifiedName name;
  bool security_definer = false;
  bool sets_search_path = false;  // SET search_path = ... in the definition
  std::string language;
};

struct SetDef {
  std::string name;   // lower-case: "lock_timeout"
  std::string value;  // as written, unquoted: "2s", "0"
  bool local = false;
  bool reset = false;
};

// One target of UPDATE ... SET: `col = ...`, `col[1] = ...`, `(a, b) = (...)`.
struct Assignment {
  std::string column;
  bool indirection = false;  // a subscript or field of the column: col[1], col.field
  size_t offset = 0;         // byte offset in the script
};

enum class DomainAction {
  kAddConstraint,
  kSetNotNull,
  kValidateConstraint,
  kDropConstraint,
  kOther
};

// CREATE DOMAIN and ALTER DOMAIN.
struct DomainDef {
  QualifiedName name;
  DomainAction action = DomainAction::kOther;  // kAlterDomain
  Constraint constraint;                       // kAddConstraint
  std::string constraint_name;                 // kValidateConstraint, kDropConstraint
};

// ALTER TYPE ... ADD VALUE / RENAME VALUE on an enum.
struct EnumValueDef {
  QualifiedName type;
  std::string value;     // the new value (or the new name)
  std::string neighbor;  // ADD VALUE ... BEFORE/AFTER <neighbor>; empty: at the end
  bool after = false;    // AFTER rather than BEFORE
  bool rename = false;   // RENAME VALUE
};

struct ParsedStatement {
  StatementKind kind = StatementKind::kOther;
  size_t offset = 0;  // byte offset of the statement in its script
  size_t length = 0;  // bytes
  std::string text;   // the statement's text

  QualifiedName table;  // the table acted on, for every table-level statement
  bool if_not_exists = false;
  bool partitioned = false;             // CREATE TABLE ... PARTITION BY
  bool partition_of = false;            // CREATE TABLE ... PARTITION OF
  bool temporary = false;               // CREATE TEMP TABLE
  std::vector<ColumnDef> columns;       // kCreateTable
  std::vector<Constraint> constraints;  // kCreateTable table-level constraints
  std::vector<AlterCmd> alters;         // kAlterTable
  IndexDef index;                       // kCreateIndex
  DropDef drop;                         // kDrop
  RenameDef rename;                     // kRename
  bool has_where = false;               // kDelete, kUpdate
  std::vector<Assignment> assignments;  // kUpdate: the SET targets, in order
  bool vacuum_full = false;             // kVacuum
  bool reindex_concurrently = false;    // kReindex
  ObjectKind reindex_object = ObjectKind::kOther;
  GrantDef grant;           // kGrant
  FunctionDef function;     // kCreateFunction
  SetDef set;               // kSet
  std::string transaction;  // kTransaction: "begin", "commit", ...
  DomainDef domain;         // kCreateDomain, kAlterDomain
  EnumValueDef enum_value;  // kAlterEnum
  bool parsed = true;       // false when the parser rejected the text
  std::string parse_error;
};

}  // namespace strata::sql
