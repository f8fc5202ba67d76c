// Finding a catalog's objects by name, for code that walks Changes and needs
// the objects they name. Built once per catalog; lookups are hash-map reads.
//
// Thread-safety: immutable after construction. Borrows the catalog, which
// must outlive it.
#pragma once

#include <string>
#include <unordered_map>

#include "catalog/catalog.h"

namespace strata::catalog {

class Lookup {
 public:
  explicit Lookup(const Catalog& catalog);

  const Catalog& catalog() const { return catalog_; }
  const Schema* schema(const std::string& name) const;
  const Extension* extension(const std::string& name) const;
  const EnumType* enum_type(const QualifiedName& name) const;
  const Domain* domain(const QualifiedName& name) const;
  const CompositeType* composite_type(const QualifiedName& name) const;
  const Sequence* sequence(const QualifiedName& name) const;
  const Function* function(const QualifiedName& name, const std::string& arguments) const;
  const Table* table(const QualifiedName& name) const;
  const Column* column(const QualifiedName& table, const std::string& name) const;
  const Constraint* constraint(const QualifiedName& table, const std::string& name) const;
  const View* view(const QualifiedName& name) const;
  const Index* index(const QualifiedName& name) const;
  const Trigger* trigger(const QualifiedName& table, const std::string& name) const;
  const Policy* policy(const QualifiedName& table, const std::string& name) const;

 private:
  const Catalog& catalog_;
  // Keyed by "schema\x1fname" (and "\x1fmember" for objects named per table).
  std::unordered_map<std::string, const void*> objects_[14];
};

}  // namespace strata::catalog
