// The walk over views, indexes, triggers and policies: objects that can be
// dropped and created again without losing data, and that must be when what
// they read or sit on is replaced.
#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "catalog/dependency_order.h"
#include "diff/pairs.h"
#include "diff/walk.h"

namespace strata::diff {

using catalog::Action;
using catalog::Index;
using catalog::ObjectKind;
using catalog::Policy;
using catalog::QualifiedName;
using catalog::Trigger;
using catalog::View;

namespace {

template <typename T>
bool SameExceptComment(T a, T b) {
  a.comment.clear();
  b.comment.clear();
  return a == b;
}

}  // namespace

void Walk::Views() {
  std::unordered_map<std::string, const View*> after;
  for (const View& v : to_.views) after[Key(v.name)] = &v;
  // Views that go (for good, or to be created again), readers after what they read.
  std::unordered_map<std::string, std::string> gone;  // key -> why, for people
  std::vector<const View*> gone_order;
  for (const View* v : catalog::ViewsInCreationOrder(from_)) {
    auto it = after.find(Key(v->name));
    std::string why;
    if (it == after.end()) {
      why = "dropped";
    } else if (!SameExceptComment(*v, *it->second)) {
      why = "definition";
    } else {
      for (const QualifiedName& read : v->depends_on) {
        const std::string key = Key(read);
        if (gone.count(key) || reshaped_.count(key) || dropped_.count(key)) {
          why = "depends on " + NameText(read);
          break;
        }
      }
    }
    if (why.empty()) continue;
    gone[Key(v->name)] = why;
    gone_order.push_back(v);
  }
  for (auto it = gone_order.rbegin(); it != gone_order.rend(); ++it) {
    const View& v = **it;
    dropped_.insert(Key(v.name));
    auto drop = Make(Action::kDrop, ObjectKind::kView, v.name);
    const std::string& why = gone[Key(v.name)];
    if (why != "dropped") drop.details.push_back(why == "definition" ? "definition changes" : why);
    Add(Phase::kDropViews, std::move(drop));
  }
  std::unordered_set<std::string> before;
  for (const View& v : from_.views) before.insert(Key(v.name));
  for (const View* v : catalog::ViewsInCreationOrder(to_)) {
    const std::string key = Key(v->name);
    if (before.count(key) && !gone.count(key)) continue;
    auto create = Make(Action::kCreate, ObjectKind::kView, v->name);
    if (gone.count(key) && gone[key] != "definition") create.details.push_back(gone[key]);
    Add(Phase::kViews, std::move(create));
  }
  for (const View& v : from_.views) {
    auto it = after.find(Key(v.name));
    if (gone.count(Key(v.name)) || it == after.end() || v.comment == it->second->comment) continue;
    auto c = Make(Action::kAlter, ObjectKind::kView, v.name);
    c.details.push_back("comment");
    Add(Phase::kViews, std::move(c));
  }
}

void Walk::Indexes() {
  Pairs<Index> indexes =
      Pair(from_.indexes, to_.indexes, [](const Index& i) { return Key(i.name); });
  for (const Index* i : indexes.only_from) {
    // An index goes with its table.
    if (!Dropped(i->table))
      Add(Phase::kDropIndexes, Make(Action::kDrop, ObjectKind::kIndex, i->name));
  }
  for (const Index* i : indexes.only_to)
    Add(Phase::kIndexes, Make(Action::kCreate, ObjectKind::kIndex, i->name));
  for (auto [a, b] : indexes.both) {
    if (Dropped(a->table)) {
      Add(Phase::kIndexes, Make(Action::kCreate, ObjectKind::kIndex, b->name));
    } else if (*a == *b) {
      continue;
    } else if (SameExceptComment(*a, *b)) {
      auto c = Make(Action::kAlter, ObjectKind::kIndex, a->name);
      c.details.push_back("comment");
      Add(Phase::kIndexes, std::move(c));
    } else {
      Add(Phase::kDropIndexes, Make(Action::kDrop, ObjectKind::kIndex, a->name));
      auto c = Make(Action::kCreate, ObjectKind::kIndex, b->name);
      c.details.push_back("definition changes");
      Add(Phase::kIndexes, std::move(c));
    }
  }
}

namespace {

// Triggers and policies: named per table, dropped and created again when
// their definition changes.
// Those on a table that is dropped go with it (and are created again if the
// table is); those on a table whose columns change type or go are dropped
// and created around the change, since PostgreSQL refuses to alter a column
// a trigger's WHEN or a policy's expression uses.
template <typename T, typename OnAlter>
void PerTable(const std::vector<T>& from, const std::vector<T>& to, ObjectKind kind,
              Phase drop_phase, Phase create_phase, const std::unordered_set<std::string>& dropped,
              const std::set<std::string>& reshaped,
              const std::function<void(Phase, catalog::Change)>& add, OnAlter on_alter) {
  auto make = [kind](Action action, const T& item) {
    catalog::Change c;
    c.action = action;
    c.kind = kind;
    c.name = item.table;
    c.member = item.name;
    return c;
  };
  Pairs<T> pairs = Pair(from, to, [](const T& t) { return Key(t.table, t.name); });
  for (const T* t : pairs.only_from) {
    if (!dropped.count(Key(t->table))) add(drop_phase, make(Action::kDrop, *t));
  }
  for (const T* t : pairs.only_to) add(create_phase, make(Action::kCreate, *t));
  for (auto [a, b] : pairs.both) {
    if (dropped.count(Key(a->table))) {
      add(create_phase, make(Action::kCreate, *b));
      continue;
    }
    if (*a == *b) {
      if (!reshaped.count(Key(a->table))) continue;
      add(drop_phase, make(Action::kDrop, *a));
      catalog::Change create = make(Action::kCreate, *b);
      create.details.push_back("its table's columns change");
      add(create_phase, std::move(create));
      continue;
    }
    catalog::Change alter = make(Action::kAlter, *a);
    if (on_alter(*a, *b, alter.details)) {
      add(create_phase, std::move(alter));
      continue;
    }
    add(drop_phase, make(Action::kDrop, *a));
    catalog::Change create = make(Action::kCreate, *b);
    create.details.push_back("definition changes");
    add(create_phase, std::move(create));
  }
}

}  // namespace

void Walk::TriggersAndPolicies() {
  const std::unordered_set<std::string> dropped(dropped_.begin(), dropped_.end());
  auto add = [this](Phase p, catalog::Change c) { Add(p, std::move(c)); };
  PerTable<Trigger>(from_.triggers, to_.triggers, ObjectKind::kTrigger, Phase::kDropTriggers,
                    Phase::kTriggers, dropped, reshaped_, add,
                    [](const Trigger& a, const Trigger& b, std::vector<std::string>& details) {
                      if (a.definition != b.definition) return false;
                      Note(details, "state", std::string(catalog::TriggerStateName(a.state)),
                           std::string(catalog::TriggerStateName(b.state)));
                      if (a.comment != b.comment) details.push_back("comment");
                      return true;
                    });
  PerTable<Policy>(from_.policies, to_.policies, ObjectKind::kPolicy, Phase::kDropPolicies,
                   Phase::kPolicies, dropped, reshaped_, add,
                   [](const Policy& a, const Policy& b, std::vector<std::string>& details) {
                     if (!SameExceptComment(a, b)) return false;
                     details.push_back("comment");
                     return true;
                   });
}

}  // namespace strata::diff
