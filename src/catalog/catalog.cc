#include "catalog/catalog.h"

#include <algorithm>
#include <tuple>

namespace strata::catalog {
namespace {

// Sorts `items` by the tuple `key` returns; stable, so equal keys keep the
// order introspection gave (which never happens for real catalog names).
template <typename T, typename Key>
void SortBy(std::vector<T>& items, Key key) {
  std::stable_sort(items.begin(), items.end(),
                   [&key](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

void SortCanonically(Catalog& c) {
  SortBy(c.schemas, [](const Schema& s) { return std::tie(s.name); });
  SortBy(c.extensions, [](const Extension& e) { return std::tie(e.name); });
  SortBy(c.enums, [](const EnumType& e) { return std::tie(e.name); });
  for (Domain& d : c.domains) {
    SortBy(d.constraints, [](const DomainConstraint& k) { return std::tie(k.name, k.definition); });
  }
  SortBy(c.domains, [](const Domain& d) { return std::tie(d.name); });
  SortBy(c.composite_types, [](const CompositeType& t) { return std::tie(t.name); });
  SortBy(c.sequences, [](const Sequence& s) { return std::tie(s.name); });
  SortBy(c.functions, [](const Function& f) { return std::tie(f.name, f.arguments); });
  for (Table& t : c.tables) {
    // Columns keep the table's own order: see the header.
    SortBy(t.constraints, [](const Constraint& k) { return std::tie(k.name, k.definition); });
    std::sort(t.options.begin(), t.options.end());
  }
  SortBy(c.tables, [](const Table& t) { return std::tie(t.name); });
  for (View& v : c.views) {
    std::sort(v.options.begin(), v.options.end());
    std::sort(v.depends_on.begin(), v.depends_on.end());
    v.depends_on.erase(std::unique(v.depends_on.begin(), v.depends_on.end()), v.depends_on.end());
  }
  SortBy(c.views, [](const View& v) { return std::tie(v.name); });
  for (Index& i : c.indexes) std::sort(i.options.begin(), i.options.end());
  SortBy(c.indexes, [](const Index& i) { return std::tie(i.name); });
  SortBy(c.triggers, [](const Trigger& t) { return std::tie(t.table, t.name); });
  for (Policy& p : c.policies) std::sort(p.roles.begin(), p.roles.end());
  SortBy(c.policies, [](const Policy& p) { return std::tie(p.table, p.name); });
}

std::string_view ConstraintKindName(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::kPrimaryKey:
      return "primary_key";
    case ConstraintKind::kUnique:
      return "unique";
    case ConstraintKind::kForeignKey:
      return "foreign_key";
    case ConstraintKind::kCheck:
      return "check";
    case ConstraintKind::kExclusion:
      return "exclusion";
  }
  return "check";
}

std::string_view IdentityName(Identity identity) {
  switch (identity) {
    case Identity::kNone:
      return "none";
    case Identity::kAlways:
      return "always";
    case Identity::kByDefault:
      return "by_default";
  }
  return "none";
}

std::string_view GeneratedName(Generated generated) {
  switch (generated) {
    case Generated::kNone:
      return "none";
    case Generated::kStored:
      return "stored";
    case Generated::kVirtual:
      return "virtual";
  }
  return "none";
}

std::string_view TriggerStateName(TriggerState state) {
  switch (state) {
    case TriggerState::kEnabled:
      return "enabled";
    case TriggerState::kDisabled:
      return "disabled";
    case TriggerState::kReplica:
      return "replica";
    case TriggerState::kAlways:
      return "always";
  }
  return "enabled";
}

}  // namespace strata::catalog
