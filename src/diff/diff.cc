#include "diff/diff.h"

#include "diff/walk.h"

namespace strata::diff {

using catalog::Action;
using catalog::Catalog;
using catalog::Change;
using catalog::Changes;
using catalog::ObjectKind;
using catalog::QualifiedName;

std::string Key(const QualifiedName& name) { return name.schema + '\x1f' + name.name; }
std::string Key(const QualifiedName& name, const std::string& member) {
  return Key(name) + '\x1f' + member;
}

std::string NameText(const QualifiedName& n) {
  return n.schema.empty() ? n.name : n.schema + "." + n.name;
}

void Walk::Add(Phase phase, Change change) {
  phases_[static_cast<size_t>(phase)].push_back(std::move(change));
}

Change Walk::Make(Action action, ObjectKind kind, const QualifiedName& name, std::string member) {
  Change c;
  c.action = action;
  c.kind = kind;
  c.name = name;
  c.member = std::move(member);
  return c;
}

Changes Walk::Run() {
  SchemasAndExtensions();
  Types();
  Sequences();
  Functions();
  Tables();
  ForeignKeysOfReplacedKeys();
  Views();
  Indexes();
  TriggersAndPolicies();
  Changes out;
  for (Changes& phase : phases_) {
    for (Change& c : phase) out.push_back(std::move(c));
  }
  return out;
}

Changes Diff(const Catalog& from, const Catalog& to, const Rules& rules,
             const DiffOptions& options) {
  if (options.exclude.empty()) return Walk(from, to, rules).Run();
  const Catalog a = WithoutExcluded(from, options.exclude);
  const Catalog b = WithoutExcluded(to, options.exclude);
  return Walk(a, b, rules).Run();
}

bool GlobMatch(std::string_view pattern, std::string_view name) {
  // Iterative matching with one backtrack point: linear for the patterns people write.
  size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

bool Excluded(const std::vector<std::string>& patterns, const QualifiedName& name) {
  const std::string text = name.schema.empty() ? name.name : name.schema + "." + name.name;
  for (const std::string& p : patterns) {
    if (GlobMatch(p, text)) return true;
  }
  return false;
}

template <typename T, typename NameOf>
void EraseExcluded(std::vector<T>& items, const std::vector<std::string>& patterns,
                   NameOf name_of) {
  std::erase_if(items, [&](const T& item) { return Excluded(patterns, name_of(item)); });
}

}  // namespace

Catalog WithoutExcluded(const Catalog& catalog, const std::vector<std::string>& patterns) {
  Catalog c = catalog;
  auto own = [](const auto& item) { return item.name; };
  auto table = [](const auto& item) { return item.table; };
  EraseExcluded(c.enums, patterns, own);
  EraseExcluded(c.domains, patterns, own);
  EraseExcluded(c.composite_types, patterns, own);
  EraseExcluded(c.sequences, patterns, own);
  EraseExcluded(c.functions, patterns, own);
  EraseExcluded(c.tables, patterns, own);
  // Members are matched as "schema.table.member": a column added by another tool.
  for (catalog::Table& t : c.tables) {
    auto member = [&t](const auto& m) {
      return QualifiedName{t.name.schema, t.name.name + "." + m.name};
    };
    EraseExcluded(t.columns, patterns, member);
    EraseExcluded(t.constraints, patterns, member);
  }
  EraseExcluded(c.views, patterns, own);
  EraseExcluded(c.indexes, patterns, own);
  EraseExcluded(c.indexes, patterns, table);
  EraseExcluded(c.triggers, patterns, table);
  EraseExcluded(c.policies, patterns, table);
  return c;
}

}  // namespace strata::diff
