#include "catalog/dependency_order.h"

#include <map>
#include <set>

namespace strata::catalog {
namespace {

// `items` in DependencyOrder, where `parents(item)` names what an item needs.
template <typename T, typename Parents>
std::vector<const T*> InOrder(const std::vector<T>& items, Parents parents) {
  std::map<QualifiedName, size_t> index;
  for (size_t i = 0; i < items.size(); ++i) index[items[i].name] = i;
  std::vector<size_t> order = DependencyOrder(items.size(), [&](size_t i) {
    std::vector<size_t> deps;
    for (const QualifiedName& p : parents(items[i])) {
      auto it = index.find(p);
      if (it != index.end()) deps.push_back(it->second);
    }
    return deps;
  });
  std::vector<const T*> out;
  out.reserve(order.size());
  for (size_t i : order) out.push_back(&items[i]);
  return out;
}

}  // namespace

std::vector<const Table*> TablesInCreationOrder(const Catalog& catalog) {
  return InOrder(catalog.tables, [](const Table& t) {
    std::vector<QualifiedName> parents = t.inherits;
    if (t.partition_of) parents.push_back(*t.partition_of);
    return parents;
  });
}

std::vector<const View*> ViewsInCreationOrder(const Catalog& catalog) {
  return InOrder(catalog.views, [](const View& v) { return v.depends_on; });
}

std::vector<size_t> DependencyOrder(size_t count,
                                    const std::function<std::vector<size_t>(size_t)>& depends_on) {
  std::vector<size_t> waiting_on(count, 0);
  std::vector<std::vector<size_t>> dependents(count);
  for (size_t i = 0; i < count; ++i) {
    for (size_t d : depends_on(i)) {
      if (d >= count || d == i) continue;
      ++waiting_on[i];
      dependents[d].push_back(i);
    }
  }
  std::set<size_t> ready;
  std::set<size_t> pending;
  for (size_t i = 0; i < count; ++i) (waiting_on[i] == 0 ? ready : pending).insert(i);
  std::vector<size_t> order;
  order.reserve(count);
  while (order.size() < count) {
    if (ready.empty()) {  // a cycle: release its lowest member
      ready.insert(*pending.begin());
      pending.erase(pending.begin());
    }
    const size_t next = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(next);
    for (size_t dependent : dependents[next]) {
      if (pending.count(dependent) && --waiting_on[dependent] == 0) {
        pending.erase(dependent);
        ready.insert(dependent);
      }
    }
  }
  return order;
}

}  // namespace strata::catalog
