// Change values: what differs between two catalogs, one object at a time.
//
// diff/ produces them (catalog x catalog -> Changes) in an order in which they
// can be applied; each dialect's Planner (driver/plan.h) turns them into SQL,
// reading the objects themselves from the two catalogs by name; report/
// renders them for people. A Change names its object and says what happens to
// it; it does not copy the object.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace strata::catalog {

enum class ObjectKind {
  kSchema,
  kExtension,
  kEnum,
  kDomain,
  kCompositeType,
  kSequence,
  kSequenceOwner,  // ALTER SEQUENCE ... OWNED BY, once the owning table exists
  kFunction,
  kTable,
  kColumn,
  kConstraint,
  kIndex,
  kView,
  kTrigger,
  kPolicy,
};

enum class Action { kCreate, kDrop, kAlter };

struct Change {
  Action action = Action::kAlter;
  ObjectKind kind = ObjectKind::kTable;
  // The object; for a column, constraint, trigger or policy: its table.
  QualifiedName name;
  // A column, constraint, trigger or policy name; for a function, its identity
  // arguments ("a integer, b text"); empty otherwise.
  std::string member;
  // For people: what an alteration changes ("type: integer -> bigint"), or why
  // an unchanged object is dropped and created again ("depends on public.t").
  std::vector<std::string> details;
  // Running it loses data (a table, a column, a type narrowed); `reason` says how.
  bool destructive = false;
  std::string reason;
  // kTable, kAlter: the table is rebuilt (created anew, its rows copied),
  // because the dialect cannot alter it in place. Its member changes are then
  // part of the rebuild.
  bool rebuild = false;
};

using Changes = std::vector<Change>;

std::string_view ObjectKindName(ObjectKind kind);  // "table", "column", "sequence_owner", ...
std::string_view ActionName(Action action);        // "create", "drop", "alter"
// "public.users", "public.users.email", "users" (SQLite), "public.f(integer)".
std::string ChangeTarget(const Change& change);

}  // namespace strata::catalog
