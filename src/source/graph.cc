#include "source/graph.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <queue>

namespace strata::source {
namespace {

std::string Stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

// Index of the versioned migration that `id` names, or -1.
int Resolve(const std::vector<Migration>& ms, const std::string& id) {
  const std::optional<Version> v = Version::Parse(id);
  for (size_t i = 0; i < ms.size(); ++i) {
    if (ms[i].is_repeatable()) continue;
    if ((v && ms[i].version == *v) || Stem(ms[i].up.path) == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::vector<size_t> DependencyIndexes(const std::vector<Migration>& migrations,
                                      const Migration& m) {
  std::vector<size_t> out;
  for (const std::string& id : m.meta.depends) {
    const int i = Resolve(migrations, id);
    if (i >= 0) out.push_back(static_cast<size_t>(i));
  }
  return out;
}

Status OrderByDependencies(std::vector<Migration>& migrations) {
  // Version order first; a migration then waits for its dependencies.
  const auto by_version = [](const Migration& a, const Migration& b) {
    if (a.is_repeatable() != b.is_repeatable()) return b.is_repeatable();
    if (a.is_repeatable()) return a.description < b.description;
    return a.version < b.version;
  };
  // Files are listed in name order, which is mostly version order already; moving
  // hundreds of migrations through a merge sort for nothing showed up in `status`.
  if (!std::is_sorted(migrations.begin(), migrations.end(), by_version)) {
    std::stable_sort(migrations.begin(), migrations.end(), by_version);
  }
  const size_t n = migrations.size();
  std::vector<std::vector<size_t>> dependents(n);
  std::vector<size_t> missing(n, 0);
  for (size_t i = 0; i < n; ++i) {
    for (const std::string& id : migrations[i].meta.depends) {
      const int d = Resolve(migrations, id);
      if (d < 0) {
        return Status::InvalidInput("depends on '" + id + "', which is not a migration here")
            .WithFile(migrations[i].up.path);
      }
      if (static_cast<size_t>(d) == i) {
        return Status::InvalidInput("depends on itself").WithFile(migrations[i].up.path);
      }
      dependents[static_cast<size_t>(d)].push_back(i);
      ++missing[i];
    }
  }
  // Kahn's algorithm, always taking the lowest ready position (= version order).
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < n; ++i) {
    if (missing[i] == 0) ready.push(i);
  }
  std::vector<size_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    const size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    for (size_t d : dependents[i]) {
      if (--missing[d] == 0) ready.push(d);
    }
  }
  if (order.size() != n) {
    for (size_t i = 0; i < n; ++i) {
      if (missing[i] > 0) {
        return Status::InvalidInput("is part of a dependency cycle (see its -- Depends: header)")
            .WithFile(migrations[i].up.path);
      }
    }
  }
  // Without -- Depends: headers, version order stands and nothing needs to move.
  if (std::is_sorted(order.begin(), order.end())) return Status::Ok();
  std::vector<Migration> sorted;
  sorted.reserve(n);
  for (size_t i : order) sorted.push_back(std::move(migrations[i]));
  migrations = std::move(sorted);
  return Status::Ok();
}

}  // namespace strata::source
