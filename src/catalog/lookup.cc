#include "catalog/lookup.h"

namespace strata::catalog {
namespace {

enum Slot {
  kSchemaSlot,
  kExtensionSlot,
  kEnumSlot,
  kDomainSlot,
  kCompositeSlot,
  kSequenceSlot,
  kFunctionSlot,
  kTableSlot,
  kColumnSlot,
  kConstraintSlot,
  kViewSlot,
  kIndexSlot,
  kTriggerSlot,
  kPolicySlot,
};

std::string Key(const QualifiedName& n) { return n.schema + '\x1f' + n.name; }
std::string Key(const QualifiedName& n, const std::string& member) {
  return Key(n) + '\x1f' + member;
}

template <typename T>
const T* Find(const std::unordered_map<std::string, const void*>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : static_cast<const T*>(it->second);
}

}  // namespace

Lookup::Lookup(const Catalog& c) : catalog_(c) {
  for (const Schema& s : c.schemas) objects_[kSchemaSlot][s.name] = &s;
  for (const Extension& e : c.extensions) objects_[kExtensionSlot][e.name] = &e;
  for (const EnumType& e : c.enums) objects_[kEnumSlot][Key(e.name)] = &e;
  for (const Domain& d : c.domains) objects_[kDomainSlot][Key(d.name)] = &d;
  for (const CompositeType& t : c.composite_types) objects_[kCompositeSlot][Key(t.name)] = &t;
  for (const Sequence& s : c.sequences) objects_[kSequenceSlot][Key(s.name)] = &s;
  for (const Function& f : c.functions) objects_[kFunctionSlot][Key(f.name, f.arguments)] = &f;
  for (const Table& t : c.tables) {
    objects_[kTableSlot][Key(t.name)] = &t;
    for (const Column& col : t.columns) objects_[kColumnSlot][Key(t.name, col.name)] = &col;
    for (const Constraint& k : t.constraints) {
      objects_[kConstraintSlot][Key(t.name, k.name)] = &k;
    }
  }
  for (const View& v : c.views) objects_[kViewSlot][Key(v.name)] = &v;
  for (const Index& i : c.indexes) objects_[kIndexSlot][Key(i.name)] = &i;
  for (const Trigger& t : c.triggers) objects_[kTriggerSlot][Key(t.table, t.name)] = &t;
  for (const Policy& p : c.policies) objects_[kPolicySlot][Key(p.table, p.name)] = &p;
}

const Schema* Lookup::schema(const std::string& name) const {
  return Find<Schema>(objects_[kSchemaSlot], name);
}
const Extension* Lookup::extension(const std::string& name) const {
  return Find<Extension>(objects_[kExtensionSlot], name);
}
const EnumType* Lookup::enum_type(const QualifiedName& name) const {
  return Find<EnumType>(objects_[kEnumSlot], Key(name));
}
const Domain* Lookup::domain(const QualifiedName& name) const {
  return Find<Domain>(objects_[kDomainSlot], Key(name));
}
const CompositeType* Lookup::composite_type(const QualifiedName& name) const {
  return Find<CompositeType>(objects_[kCompositeSlot], Key(name));
}
const Sequence* Lookup::sequence(const QualifiedName& name) const {
  return Find<Sequence>(objects_[kSequenceSlot], Key(name));
}
const Function* Lookup::function(const QualifiedName& name, const std::string& arguments) const {
  return Find<Function>(objects_[kFunctionSlot], Key(name, arguments));
}
const Table* Lookup::table(const QualifiedName& name) const {
  return Find<Table>(objects_[kTableSlot], Key(name));
}
const Column* Lookup::column(const QualifiedName& table, const std::string& name) const {
  return Find<Column>(objects_[kColumnSlot], Key(table, name));
}
const Constraint* Lookup::constraint(const QualifiedName& table, const std::string& name) const {
  return Find<Constraint>(objects_[kConstraintSlot], Key(table, name));
}
const View* Lookup::view(const QualifiedName& name) const {
  return Find<View>(objects_[kViewSlot], Key(name));
}
const Index* Lookup::index(const QualifiedName& name) const {
  return Find<Index>(objects_[kIndexSlot], Key(name));
}
const Trigger* Lookup::trigger(const QualifiedName& table, const std::string& name) const {
  return Find<Trigger>(objects_[kTriggerSlot], Key(table, name));
}
const Policy* Lookup::policy(const QualifiedName& table, const std::string& name) const {
  return Find<Policy>(objects_[kPolicySlot], Key(table, name));
}

}  // namespace strata::catalog
