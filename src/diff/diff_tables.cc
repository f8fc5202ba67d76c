// The walk over tables and what belongs to them: columns, constraints, and
// the foreign keys that must make way when the key they reference is replaced.
#include <algorithm>
#include <unordered_map>

#include "catalog/dependency_order.h"
#include "diff/pairs.h"
#include "diff/walk.h"

namespace strata::diff {

using catalog::Action;
using catalog::Column;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Generated;
using catalog::ObjectKind;
using catalog::QualifiedName;
using catalog::Table;

namespace {

// Why `from` cannot become `to` by ALTER TABLE in any dialect; empty when it can.
std::string RecreateReason(const Table& from, const Table& to) {
  if (from.partition_key != to.partition_key) return "its partition key changes";
  if (from.partition_of != to.partition_of) return "it becomes or stops being a partition";
  if (from.partition_bound != to.partition_bound) return "its partition bounds change";
  if (from.inherits != to.inherits) return "its INHERITS parents change";
  if (from.virtual_using != to.virtual_using) return "its virtual table module changes";
  return "";
}

std::string ConstraintKey(const Constraint& k) {
  // SQLite's unnamed constraints are known by what they say.
  if (!k.name.empty()) return k.name;
  return std::string(catalog::ConstraintKindName(k.kind)) + '\x1f' + k.definition;
}

bool IsKey(const Constraint& k) {
  return k.kind == ConstraintKind::kPrimaryKey || k.kind == ConstraintKind::kUnique;
}

bool SameExceptComment(Constraint a, Constraint b) {
  a.comment.clear();
  b.comment.clear();
  return a == b;
}

std::string IdentityText(const Column& c) {
  switch (c.identity) {
    case catalog::Identity::kNone:
      return "(none)";
    case catalog::Identity::kAlways:
      return "always";
    case catalog::Identity::kByDefault:
      return "by default";
  }
  return "";
}

}  // namespace

void Walk::Tables() {
  Pairs<Table> tables = Pair(from_.tables, to_.tables, [](const Table& t) { return Key(t.name); });
  // Tables created anew: those that cannot be altered, and (since dropping a
  // parent drops them) their partitions and INHERITS children.
  std::unordered_map<std::string, std::string> recreate;  // key -> reason
  std::unordered_map<const Table*, const Table*> before_of;
  for (auto [a, b] : tables.both) before_of[b] = a;
  for (const Table* t : catalog::TablesInCreationOrder(to_)) {
    auto found = before_of.find(t);
    if (found == before_of.end()) continue;
    const Table* before = found->second;
    std::string reason = RecreateReason(*before, *t);
    if (reason.empty()) {
      std::vector<QualifiedName> parents = before->inherits;
      if (before->partition_of) parents.push_back(*before->partition_of);
      for (const QualifiedName& p : parents) {
        if (recreate.count(Key(p))) reason = "its parent " + NameText(p) + " is created anew";
      }
    }
    if (!reason.empty()) recreate[Key(t->name)] = reason;
  }

  std::unordered_map<std::string, const Table*> created, gone;
  for (const Table* t : tables.only_to) created[Key(t->name)] = t;
  for (const Table* t : tables.only_from) gone[Key(t->name)] = t;
  for (auto [a, b] : tables.both) {
    if (!recreate.count(Key(a->name))) {
      TableMembers(*a, *b);
      continue;
    }
    created[Key(b->name)] = b;
    dropped_.insert(Key(a->name));
    recreated_.insert(Key(a->name));
    keys_replaced_.insert(Key(a->name));
    auto drop = Make(Action::kDrop, ObjectKind::kTable, a->name);
    drop.details.push_back("created anew: " + recreate[Key(a->name)]);
    drop.destructive = true;
    drop.reason = "its rows are lost: " + recreate[Key(a->name)];
    Add(Phase::kDropRecreatedTables, std::move(drop));
  }
  // Parents first when creating, children first when dropping.
  for (const Table* t : catalog::TablesInCreationOrder(to_)) {
    if (!created.count(Key(t->name))) continue;
    Add(Phase::kTables, Make(Action::kCreate, ObjectKind::kTable, t->name));
    Constraints(nullptr, t);
  }
  std::vector<const Table*> from_order = catalog::TablesInCreationOrder(from_);
  for (auto it = from_order.rbegin(); it != from_order.rend(); ++it) {
    if (!gone.count(Key((*it)->name))) continue;
    dropped_.insert(Key((*it)->name));
    keys_replaced_.insert(Key((*it)->name));
    auto drop = Make(Action::kDrop, ObjectKind::kTable, (*it)->name);
    drop.destructive = true;
    drop.reason = "its rows are lost";
    Add(Phase::kDropTables, std::move(drop));
  }
}

void Walk::TableMembers(const Table& from, const Table& to) {
  if (from == to) return;
  auto c = Make(Action::kAlter, ObjectKind::kTable, from.name);
  Note(c.details, "unlogged", from.unlogged, to.unlogged);
  if (from.options != to.options) c.details.push_back("storage parameters");
  Note(c.details, "row level security", from.row_security, to.row_security);
  Note(c.details, "force row level security", from.force_row_security, to.force_row_security);
  Note(c.details, "without rowid", from.without_rowid, to.without_rowid);
  Note(c.details, "strict", from.strict, to.strict);
  if (from.comment != to.comment) c.details.push_back("comment");
  const bool loses_data = Columns(from, to);
  Constraints(&from, &to);
  if (rules_.NeedsRebuild(from, to)) {
    c.rebuild = true;
    c.details.insert(c.details.begin(), "rebuilt: created anew and its rows copied");
    c.destructive = loses_data;
    if (loses_data) c.reason = "a column is dropped or converted";
    reshaped_.insert(Key(from.name));
  }
  if (!c.details.empty()) Add(Phase::kTableAlters, std::move(c));
}

bool Walk::Columns(const Table& from, const Table& to) {
  auto own = [](const Table& t) {
    std::vector<Column> columns;
    for (const Column& c : t.columns) {
      // An inherited column changes with its parent.
      if (!c.inherited) columns.push_back(c);
    }
    return columns;
  };
  const std::vector<Column> before = own(from), after = own(to);
  Pairs<Column> columns = Pair(before, after, [](const Column& c) { return c.name; });
  bool loses_data = false;
  for (const Column* c : columns.only_to) {
    Add(Phase::kTableAlters, Make(Action::kCreate, ObjectKind::kColumn, from.name, c->name));
  }
  // Generated columns go first: they may be computed from the others that go.
  std::stable_partition(columns.only_from.begin(), columns.only_from.end(),
                        [](const Column* c) { return c->generated != Generated::kNone; });
  for (const Column* c : columns.only_from) {
    auto drop = Make(Action::kDrop, ObjectKind::kColumn, from.name, c->name);
    drop.destructive = c->generated == Generated::kNone;
    if (drop.destructive) drop.reason = "its values are lost";
    loses_data = loses_data || drop.destructive;
    reshaped_.insert(Key(from.name));
    Add(Phase::kDropColumns, std::move(drop));
  }
  for (auto [a, b] : columns.both) {
    if (*a == *b) continue;
    auto c = Make(Action::kAlter, ObjectKind::kColumn, from.name, a->name);
    Note(c.details, "type", a->type, b->type);
    Note(c.details, "collation", a->collation ? NameText(*a->collation) : "(default)",
         b->collation ? NameText(*b->collation) : "(default)");
    Note(c.details, "not null", a->not_null, b->not_null);
    Note(c.details, "default", a->default_expr, b->default_expr);
    Note(c.details, "identity", IdentityText(*a), IdentityText(*b));
    if (a->identity != catalog::Identity::kNone && b->identity != catalog::Identity::kNone &&
        a->identity_options != b->identity_options) {
      c.details.push_back("identity sequence options");
    }
    Note(c.details, "generated", std::string(catalog::GeneratedName(a->generated)),
         std::string(catalog::GeneratedName(b->generated)));
    Note(c.details, "generation expression", a->generation_expr, b->generation_expr);
    Note(c.details, "autoincrement", a->autoincrement, b->autoincrement);
    if (a->comment != b->comment) c.details.push_back("comment");
    if (a->type != b->type || a->collation != b->collation || a->generated != b->generated ||
        a->generation_expr != b->generation_expr) {
      reshaped_.insert(Key(from.name));
    }
    if (a->type != b->type && rules_.TypeChangeLosesData(a->type, b->type)) {
      c.destructive = true;
      c.reason = "values of " + a->type + " may not fit " + b->type;
      loses_data = true;
    }
    Add(Phase::kTableAlters, std::move(c));
  }
  return loses_data;
}

void Walk::Constraints(const Table* from, const Table* to) {
  if (from == nullptr && to == nullptr) return;  // nothing to pair; says so to the analyzer
  static const std::vector<Constraint> kNone;
  const QualifiedName& table = from ? from->name : to->name;
  Pairs<Constraint> constraints =
      Pair(from ? from->constraints : kNone, to ? to->constraints : kNone, ConstraintKey);
  // An unnamed constraint (SQLite) is shown by what it says.
  auto member = [](const Constraint& k) { return k.name.empty() ? k.definition : k.name; };
  auto add = [&](const Constraint& k, std::vector<std::string> details) {
    auto c = Make(Action::kCreate, ObjectKind::kConstraint, table, member(k));
    c.details = std::move(details);
    Add(k.kind == ConstraintKind::kForeignKey ? Phase::kForeignKeys : Phase::kConstraints,
        std::move(c));
  };
  auto drop = [&](const Constraint& k) {
    if (IsKey(k)) keys_replaced_.insert(Key(table));
    auto c = Make(Action::kDrop, ObjectKind::kConstraint, table, member(k));
    if (k.kind == ConstraintKind::kForeignKey) {
      foreign_keys_dropped_.insert(Key(table, k.name));
      Add(Phase::kDropForeignKeys, std::move(c));
    } else {
      Add(Phase::kDropConstraints, std::move(c));
    }
  };
  for (const Constraint* k : constraints.only_to) add(*k, {});
  for (const Constraint* k : constraints.only_from) drop(*k);
  for (auto [a, b] : constraints.both) {
    if (*a == *b) continue;
    if (SameExceptComment(*a, *b)) {
      auto c = Make(Action::kAlter, ObjectKind::kConstraint, table, a->name);
      c.details.push_back("comment");
      Add(Phase::kConstraints, std::move(c));
      continue;
    }
    drop(*a);
    std::vector<std::string> details;
    Note(details, "definition", a->definition, b->definition);
    add(*b, std::move(details));
  }
}

void Walk::ForeignKeysOfReplacedKeys() {
  if (!rules_.ForeignKeysBindToKeys()) return;
  std::unordered_map<std::string, const Table*> after;
  for (const Table& t : to_.tables) after[Key(t.name)] = &t;
  // Also those of tables dropped later: the key goes before their table does.
  for (const Table& t : from_.tables) {
    for (const Constraint& k : t.constraints) {
      if (k.kind != ConstraintKind::kForeignKey || !keys_replaced_.count(Key(k.ref_table)) ||
          foreign_keys_dropped_.count(Key(t.name, k.name))) {
        continue;
      }
      // Two tables that both go are dropped by one statement (the planners
      // join consecutive table drops), whatever keys link them.
      auto goes_for_good = [this](const QualifiedName& n) {
        return Dropped(n) && !recreated_.count(Key(n));
      };
      if (goes_for_good(t.name) && goes_for_good(k.ref_table)) continue;
      const std::string why = "references a key of " + NameText(k.ref_table) + " that is replaced";
      auto drop = Make(Action::kDrop, ObjectKind::kConstraint, t.name, k.name);
      drop.details.push_back(why);
      Add(Phase::kDropForeignKeys, std::move(drop));
      foreign_keys_dropped_.insert(Key(t.name, k.name));
      auto it = after.find(Key(t.name));
      if (it == after.end() || Dropped(t.name)) continue;
      for (const Constraint& kept : it->second->constraints) {
        if (kept.name != k.name) continue;
        auto add = Make(Action::kCreate, ObjectKind::kConstraint, t.name, k.name);
        add.details.push_back(why);
        Add(Phase::kForeignKeys, std::move(add));
      }
    }
  }
}

}  // namespace strata::diff
