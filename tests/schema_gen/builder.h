// Random pieces of a schema, shared by the generator (generate.cc) and the
// mutator (mutate.cc): a new table, column, default, constraint, index, view,
// enum or domain, each valid in the schema it is made for. The builder takes
// names from Schema::next_id and reads the schema for what can be referenced
// (earlier tables' keys, existing enums, domains, sequences and functions), but
// adds nothing to it except where a method says so.
//
// Thread-safety: borrows one Schema and one Random; not shared.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tests/schema_gen/model.h"
#include "tests/schema_gen/random.h"

namespace strata::schema_gen {

class Builder {
 public:
  Builder(Schema& schema, Random& random) : s_(schema), r_(random) {}

  bool postgres() const { return s_.dialect == Dialect::kPostgres; }

  // "prefix12", from the schema's counter.
  std::string NewName(std::string_view prefix);
  // A column or table name; now and then one that needs quoting ("Col12").
  std::string NewColumnName();
  Name NewRelationName();
  // Where a new object goes: public or one of the other schemas ("" on SQLite).
  std::string PickNamespace();

  Type RandomType();
  // A type a primary key, unique constraint or foreign key can use.
  Type RandomKeyType();
  Default RandomDefault(const Type& type);
  // A plain column: random type, maybe NOT NULL, a default, COLLATE "C".
  Column RandomColumn();
  // A column GENERATED ALWAYS AS an expression of one of `table`'s columns.
  std::optional<Column> GeneratedColumn(const Table& table);
  // "" most of the time; otherwise a comment, sometimes with a quote in it.
  std::string MaybeComment(int percent = 30);
  std::string NewComment();

  // A whole new table, appended to the schema: key, columns, foreign keys to
  // earlier tables (or itself), unique, check and exclusion constraints.
  Table& AddTable();
  Constraint Check(const Table& table);
  std::optional<Constraint> Unique(const Table& table);
  // A foreign key from `table` to a key of `target` (which may be `table`),
  // on new columns appended to `table`; nullopt when `target` has no key.
  std::optional<Constraint> ForeignKey(Table& table, const Table& target);
  // A foreign key to a random earlier table or to `table` itself.
  std::optional<Constraint> AnyForeignKey(Table& table);
  std::optional<Constraint> Exclusion(const Table& table);

  // An index on a table or, sometimes, a materialized view.
  std::optional<Index> RandomIndex();
  std::optional<Index> IndexOn(const Name& relation, std::string name);
  // A view reading tables and existing views; nullopt when there is nothing to read.
  std::optional<View> RandomView(bool materialized);
  // New columns and filter for `view`, reading its current sources.
  void RandomViewBody(View& view);

  Enum RandomEnum();
  Domain RandomDomain();
  std::string NewEnumLabel(const Enum& e);

 private:
  Schema& s_;
  Random& r_;
};

}  // namespace strata::schema_gen
