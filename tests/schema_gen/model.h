// The random schema generator's own description of a schema: small, dialect
// neutral values that the generator builds, the mutator edits and render.h
// turns into PostgreSQL or SQLite SQL. It is deliberately not catalog::Catalog:
// the property tests compare what strata reads from a database against what was
// meant, so the meaning must not come from strata's own model.
//
// Expressions (defaults, checks, index keys, view filters) are kept as a kind
// and a variant number, not as text, so that the renderer writes each one in
// the dialect's words and in a form valid for the column's current type (a
// type change then keeps the schema valid).
//
// Every name comes from one counter (Schema::next_id) and is never reused: a
// dropped object and a new one never share a name, so the schemas contain no
// renames, only drops and additions.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/dialect.h"

namespace strata::schema_gen {

// A schema-qualified name; `schema` is empty on SQLite.
struct Name {
  std::string schema;
  std::string name;
  bool operator==(const Name&) const = default;
};

enum class TypeKind {
  kSmallint,
  kInteger,
  kBigint,
  kNumeric,  // numeric(length, scale)
  kReal,
  kDouble,
  kText,
  kVarchar,  // varchar(length)
  kChar,     // char(length)
  kBoolean,
  kDate,
  kTimestamp,
  kTimestamptz,
  kInterval,
  kUuid,
  kJsonb,
  kBytea,
  kIntArray,
  kTextArray,
  kInt4range,
  kTstzrange,
  kEnum,    // ref names the enum
  kDomain,  // ref names the domain
};

struct Type {
  static Type Of(TypeKind kind, int length = 0, int scale = 0) {
    Type t;
    t.kind = kind;
    t.length = length;
    t.scale = scale;
    return t;
  }
  static Type Named(TypeKind kind, Name ref) {  // an enum or a domain
    Type t;
    t.kind = kind;
    t.ref = std::move(ref);
    return t;
  }

  TypeKind kind = TypeKind::kInteger;
  int length = 0;  // varchar and char length, numeric precision
  int scale = 0;   // numeric scale
  Name ref;        // kEnum, kDomain
  bool operator==(const Type&) const = default;
};

enum class DefaultKind {
  kNone,
  kConstant,    // a literal of the column's type
  kNow,         // now(), CURRENT_DATE, gen_random_uuid(): a volatile function
  kExpression,  // an expression of constants: (1 + 2), lower('AB'), ...
  kNextval,     // nextval of Schema::sequences[variant % size]; integer columns
  kFunction,    // the schema's SQL function applied to a constant; integer columns
};

struct Default {
  DefaultKind kind = DefaultKind::kNone;
  int variant = 0;  // picks among the literals or expressions of the kind
  bool operator==(const Default&) const = default;
};

enum class Identity { kNone, kAlways, kByDefault };

struct Column {
  std::string name;
  Type type;
  bool not_null = false;
  bool collate_c = false;  // COLLATE "C" (SQLite: NOCASE); text-like types only
  Identity identity = Identity::kNone;
  int identity_start = 0;  // 0: the default START WITH
  bool serial = false;     // serial / bigserial: kInteger or kBigint with a sequence
  Default default_value;
  // Non-empty: GENERATED ALWAYS AS (an expression of that column) STORED.
  std::string generated_from;
  std::string comment;
};

enum class ConstraintKind { kPrimaryKey, kUnique, kForeignKey, kCheck, kExclusion };

struct Constraint {
  std::string name;
  ConstraintKind kind = ConstraintKind::kCheck;
  // The key columns; a check's columns (one or two); an exclusion's range column.
  std::vector<std::string> columns;
  bool nulls_not_distinct = false;  // kUnique
  // kForeignKey: referenced table and columns, actions as SQL keywords.
  Name ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete = "NO ACTION";
  std::string on_update = "NO ACTION";
  bool deferred = false;  // DEFERRABLE INITIALLY DEFERRED
  int variant = 0;        // kCheck: which expression
  std::string comment;
};

struct Table {
  Name name;
  std::vector<Column> columns;
  std::vector<Constraint> constraints;
  std::string comment;
};

enum class IndexMethod { kBtree, kHash, kGin };

enum class KeyExpression {
  kNone,   // the column itself
  kLower,  // lower(column); text-like columns
  kPlus,   // (column + 1); integer columns
  kField,  // (column ->> 'k'); jsonb columns
};

struct IndexKey {
  std::string column;
  KeyExpression expression = KeyExpression::kNone;
  bool desc = false;
};

struct Index {
  Name name;   // its schema is its table's
  Name table;  // a table or a materialized view
  bool unique = false;
  IndexMethod method = IndexMethod::kBtree;
  std::vector<IndexKey> keys;
  std::vector<std::string> include;
  std::string where_not_null;  // non-empty: a partial index WHERE that column IS NOT NULL
  std::string comment;
};

// One output column of a view: `column` of the view's from[source].
struct ViewColumn {
  int source = 0;
  std::string column;
};

// SELECT t0.x AS a1, t1.y AS a2 FROM from[0] t0 CROSS JOIN from[1] t1 [WHERE ...].
// Output columns are named a1, a2, ... so views on views can name them.
struct View {
  Name name;
  bool materialized = false;
  std::vector<Name> from;  // tables or earlier views, one or two
  std::vector<ViewColumn> columns;
  int where_variant = 0;  // 0: no WHERE; else a filter on the first output column
  std::string comment;
};

struct Enum {
  Name name;
  std::vector<std::string> labels;
  std::string comment;
};

// A domain over integer (CHECK VALUE > n) or text (CHECK VALUE <> '').
struct Domain {
  Name name;
  TypeKind base = TypeKind::kInteger;
  int check_min = 0;
  bool not_null = false;
  bool has_default = false;
  std::string comment;
};

struct Sequence {
  Name name;
  int start = 1;
  int increment = 1;
  std::string comment;
};

// CREATE FUNCTION name(a integer) RETURNS integer ... SELECT a + addend.
struct Function {
  Name name;
  int addend = 1;
  std::string comment;
};

struct SchemaNamespace {
  std::string name;
  std::string comment;
};

struct Schema {
  Dialect dialect = Dialect::kPostgres;
  std::vector<SchemaNamespace> namespaces;  // besides public (PostgreSQL)
  std::vector<Enum> enums;
  std::vector<Domain> domains;
  std::vector<Sequence> sequences;
  std::vector<Function> functions;
  std::vector<Table> tables;  // a table's foreign keys name earlier tables or itself
  std::vector<View> views;    // a view reads tables and earlier views
  std::vector<Index> indexes;
  int next_id = 1;  // the number in the next name made
};

// Lookups by name; nullptr when there is none.
Table* FindTable(Schema& schema, const Name& name);
const Table* FindTable(const Schema& schema, const Name& name);
const View* FindView(const Schema& schema, const Name& name);
Column* FindColumn(Table& table, const std::string& name);
const Column* FindColumn(const Table& table, const std::string& name);
const Enum* FindEnum(const Schema& schema, const Name& name);
const Domain* FindDomain(const Schema& schema, const Name& name);

// The output column names of a table or view ("a1", "a2", ... for views).
std::vector<std::string> RelationColumns(const Schema& schema, const Name& relation);

// True for the kinds compared with lower(), LIKE, length().
bool IsTextLike(TypeKind kind);
// True for smallint, integer and bigint.
bool IsIntegerLike(TypeKind kind);

}  // namespace strata::schema_gen
