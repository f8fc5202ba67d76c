// The diff walk's state, shared by its files: the two catalogs, the changes
// found so far (one list per phase, see diff.h), and what later steps must
// know of earlier ones (tables dropped, views to create again).
// Internal to diff/.
#pragma once

#include <array>
#include <map>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "catalog/change.h"
#include "diff/diff.h"

namespace strata::diff {

enum class Phase {
  kDropPolicies,
  kDropTriggers,
  kDropViews,
  kDropTableFunctions,
  kDropIndexes,
  kDropForeignKeys,
  kDropConstraints,
  kSchemas,
  kExtensions,
  kTypes,
  kSequences,
  kFunctions,
  kDomainRules,  // a new domain's default and checks, which may call functions
  kDropRecreatedTables,
  kTables,
  kTableAlters,
  kSequenceOwners,
  kTableFunctions,
  kConstraints,
  kViews,
  kViewFunctions,
  kIndexes,
  kForeignKeys,  // after indexes: a foreign key may rest on a unique index
  kTriggers,
  kPolicies,
  kDropColumns,
  kDropTables,
  kDropDomainRules,  // a dropped domain's default and checks, before the functions they call
  kDropFunctions,
  kDropSequences,
  kDropTypes,
  kDropExtensions,
  kDropSchemas,
  kCount,
};

// "schema\x1fname": a map key for a qualified name.
std::string Key(const catalog::QualifiedName& name);
std::string Key(const catalog::QualifiedName& name, const std::string& member);
// "schema.name", or "name" without a schema (SQLite): for people.
std::string NameText(const catalog::QualifiedName& name);

class Walk {
 public:
  Walk(const catalog::Catalog& from, const catalog::Catalog& to, const Rules& rules)
      : from_(from), to_(to), rules_(rules) {}

  catalog::Changes Run();

 private:
  void Add(Phase phase, catalog::Change change);
  catalog::Change Make(catalog::Action action, catalog::ObjectKind kind,
                       const catalog::QualifiedName& name, std::string member = {});

  // diff_types.cc
  void SchemasAndExtensions();
  void Types();
  void Sequences();
  void Functions();
  // diff_tables.cc
  void Tables();
  void TableMembers(const catalog::Table& from, const catalog::Table& to);
  // Whether a column is dropped or converted in a way that can lose data.
  bool Columns(const catalog::Table& from, const catalog::Table& to);
  void Constraints(const catalog::Table* from, const catalog::Table* to);
  void ForeignKeysOfReplacedKeys();
  // diff_views.cc
  void Views();
  void Indexes();
  void TriggersAndPolicies();

  bool Dropped(const catalog::QualifiedName& table) const { return dropped_.count(Key(table)) > 0; }

  const catalog::Catalog& from_;
  const catalog::Catalog& to_;
  const Rules& rules_;
  std::array<catalog::Changes, static_cast<size_t>(Phase::kCount)> phases_;
  // Tables and views that are dropped (or dropped and created again): their
  // indexes, triggers and policies go with them.
  std::set<std::string> dropped_;
  // Tables whose columns change type or go, tables rebuilt, types recreated:
  // the views that read them are dropped first and created again.
  std::set<std::string> reshaped_;
  // Tables whose primary key or unique constraints are dropped or replaced.
  std::set<std::string> keys_replaced_;
  // Tables dropped and created again (their partitioning changes).
  std::set<std::string> recreated_;
  // Foreign keys dropped already ("table\x1fname").
  std::set<std::string> foreign_keys_dropped_;
};

}  // namespace strata::diff
