// The walk over objects that are not tables: schemas, extensions, types,
// sequences, functions.
#include <algorithm>

#include "base/strings.h"
#include "diff/pairs.h"
#include "diff/walk.h"

namespace strata::diff {

using catalog::Action;
using catalog::CompositeType;
using catalog::Domain;
using catalog::EnumType;
using catalog::Extension;
using catalog::Function;
using catalog::ObjectKind;
using catalog::QualifiedName;
using catalog::Schema;
using catalog::Sequence;

namespace {

constexpr auto kByName = [](const auto& item) { return Key(item.name); };

// Whether every label of `from` is in `to`, in the same order: then labels
// can be added in place (ALTER TYPE ... ADD VALUE).
bool OnlyAddsLabels(const EnumType& from, const EnumType& to) {
  size_t next = 0;
  for (const std::string& label : to.labels) {
    if (next < from.labels.size() && from.labels[next] == label) ++next;
  }
  return next == from.labels.size();
}

// Whether a column of type `column_type` ("public.mood", "\"My\".t[]") has type `type`.
bool UsesType(std::string column_type, const QualifiedName& type) {
  while (column_type.ends_with("[]")) column_type.resize(column_type.size() - 2);
  std::erase(column_type, '"');
  return column_type == NameText(type);
}

}  // namespace

void Walk::SchemasAndExtensions() {
  Pairs<Schema> schemas = Pair(from_.schemas, to_.schemas, [](const Schema& s) { return s.name; });
  for (const Schema* s : schemas.only_to)
    Add(Phase::kSchemas, Make(Action::kCreate, ObjectKind::kSchema, {"", s->name}));
  for (const Schema* s : schemas.only_from)
    Add(Phase::kDropSchemas, Make(Action::kDrop, ObjectKind::kSchema, {"", s->name}));
  for (auto [a, b] : schemas.both) {
    if (a->comment == b->comment) continue;
    auto c = Make(Action::kAlter, ObjectKind::kSchema, {"", a->name});
    c.details.push_back("comment");
    Add(Phase::kSchemas, std::move(c));
  }
  Pairs<Extension> extensions =
      Pair(from_.extensions, to_.extensions, [](const Extension& e) { return e.name; });
  for (const Extension* e : extensions.only_to)
    Add(Phase::kExtensions, Make(Action::kCreate, ObjectKind::kExtension, {"", e->name}));
  for (const Extension* e : extensions.only_from)
    Add(Phase::kDropExtensions, Make(Action::kDrop, ObjectKind::kExtension, {"", e->name}));
  for (auto [a, b] : extensions.both) {
    std::vector<std::string> details;
    Note(details, "schema", a->schema, b->schema);
    if (a->comment != b->comment) details.push_back("comment");
    if (details.empty()) continue;
    auto c = Make(Action::kAlter, ObjectKind::kExtension, {"", a->name});
    c.details = std::move(details);
    Add(Phase::kExtensions, std::move(c));
  }
}

// A type that cannot be altered in place is created anew beside the old one
// and its columns converted (the planner's work); the views that read those
// columns' tables must be dropped around it.
void Walk::Types() {
  auto reshape_users = [this](const QualifiedName& type) {
    for (const catalog::Table& t : from_.tables) {
      for (const catalog::Column& col : t.columns) {
        if (UsesType(col.type, type)) reshaped_.insert(Key(t.name));
      }
    }
  };
  Pairs<EnumType> enums = Pair(from_.enums, to_.enums, kByName);
  for (const EnumType* e : enums.only_to)
    Add(Phase::kTypes, Make(Action::kCreate, ObjectKind::kEnum, e->name));
  // Dropped types go in reverse: composite types (which may use domains and
  // enums), then domains (which may use enums), then enums; see the end.
  std::vector<catalog::Change> type_drops;
  for (const EnumType* e : enums.only_from)
    type_drops.push_back(Make(Action::kDrop, ObjectKind::kEnum, e->name));
  for (auto [a, b] : enums.both) {
    if (*a == *b) continue;
    auto c = Make(Action::kAlter, ObjectKind::kEnum, a->name);
    if (a->labels != b->labels) {
      for (const std::string& l : b->labels) {
        if (std::find(a->labels.begin(), a->labels.end(), l) == a->labels.end()) {
          c.details.push_back("label added: " + l);
        }
      }
      for (const std::string& l : a->labels) {
        if (std::find(b->labels.begin(), b->labels.end(), l) == b->labels.end()) {
          c.details.push_back("label removed: " + l);
          c.destructive = true;
          c.reason = "values '" + l + "' stored in its columns cannot be converted";
        }
      }
      if (!OnlyAddsLabels(*a, *b)) {
        c.rebuild = true;
        if (!c.destructive) c.details.push_back("labels reordered: the type is created anew");
        reshape_users(a->name);
      }
    }
    if (a->comment != b->comment) c.details.push_back("comment");
    Add(Phase::kTypes, std::move(c));
  }

  Pairs<Domain> domains = Pair(from_.domains, to_.domains, kByName);
  for (const Domain* d : domains.only_to) {
    Add(Phase::kTypes, Make(Action::kCreate, ObjectKind::kDomain, d->name));
    if (d->default_expr || !d->constraints.empty()) {
      auto rules = Make(Action::kAlter, ObjectKind::kDomain, d->name);
      rules.details.push_back("default and constraints");
      Add(Phase::kDomainRules, std::move(rules));
    }
  }
  for (const Domain* d : domains.only_from) {
    type_drops.push_back(Make(Action::kDrop, ObjectKind::kDomain, d->name));
    if (d->default_expr || !d->constraints.empty()) {
      auto rules = Make(Action::kAlter, ObjectKind::kDomain, d->name);
      rules.details.push_back("default and constraints dropped first");
      Add(Phase::kDropDomainRules, std::move(rules));
    }
  }
  for (auto [a, b] : domains.both) {
    if (*a == *b) continue;
    auto c = Make(Action::kAlter, ObjectKind::kDomain, a->name);
    Note(c.details, "base type", a->base_type, b->base_type);
    Note(c.details, "collation", a->collation ? NameText(*a->collation) : "(default)",
         b->collation ? NameText(*b->collation) : "(default)");
    if (a->base_type != b->base_type || a->collation != b->collation) {
      c.rebuild = true;
      if (rules_.TypeChangeLosesData(a->base_type, b->base_type)) {
        c.destructive = true;
        c.reason = "values of " + a->base_type + " may not convert to " + b->base_type;
      }
      reshape_users(a->name);
    }
    Note(c.details, "default", a->default_expr, b->default_expr);
    Note(c.details, "not null", a->not_null, b->not_null);
    if (a->constraints != b->constraints) c.details.push_back("constraints");
    if (a->comment != b->comment) c.details.push_back("comment");
    Add(Phase::kTypes, std::move(c));
  }

  Pairs<CompositeType> composites = Pair(from_.composite_types, to_.composite_types, kByName);
  for (const CompositeType* t : composites.only_to)
    Add(Phase::kTypes, Make(Action::kCreate, ObjectKind::kCompositeType, t->name));
  for (const CompositeType* t : composites.only_from)
    type_drops.push_back(Make(Action::kDrop, ObjectKind::kCompositeType, t->name));
  for (auto [a, b] : composites.both) {
    if (*a == *b) continue;
    auto c = Make(Action::kAlter, ObjectKind::kCompositeType, a->name);

    // Attribute order is not compared, as with columns: one added comes last.
    auto by_name = [](std::vector<catalog::CompositeAttribute> v) {
      std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.name < y.name; });
      return v;
    };
    if (by_name(a->attributes) != by_name(b->attributes)) c.details.push_back("attributes");
    if (a->comment != b->comment) c.details.push_back("comment");
    if (!c.details.empty()) Add(Phase::kTypes, std::move(c));
  }
  for (auto it = type_drops.rbegin(); it != type_drops.rend(); ++it) Add(Phase::kDropTypes, *it);
}

void Walk::Sequences() {
  // A sequence owned by a column that goes is dropped with it.
  auto owner_goes = [this](const Sequence& s) {
    if (!s.owned_by) return false;
    for (const catalog::Table& t : to_.tables) {
      if (t.name != s.owned_by->table) continue;
      return std::none_of(t.columns.begin(), t.columns.end(),
                          [&](const catalog::Column& c) { return c.name == s.owned_by->column; });
    }
    return true;
  };
  Pairs<Sequence> sequences = Pair(from_.sequences, to_.sequences, kByName);
  for (const Sequence* s : sequences.only_to) {
    Add(Phase::kSequences, Make(Action::kCreate, ObjectKind::kSequence, s->name));
    if (s->owned_by)
      Add(Phase::kSequenceOwners, Make(Action::kCreate, ObjectKind::kSequenceOwner, s->name));
  }
  for (const Sequence* s : sequences.only_from) {
    if (owner_goes(*s)) continue;
    auto c = Make(Action::kDrop, ObjectKind::kSequence, s->name);
    c.destructive = true;
    c.reason = "its current value is lost";
    Add(Phase::kDropSequences, std::move(c));
  }
  for (auto [a, b] : sequences.both) {
    if (a->options != b->options || a->comment != b->comment) {
      auto c = Make(Action::kAlter, ObjectKind::kSequence, a->name);
      Note(c.details, "type", a->options.type, b->options.type);
      Note(c.details, "start", a->options.start, b->options.start);
      Note(c.details, "increment", a->options.increment, b->options.increment);
      Note(c.details, "min value", a->options.min_value, b->options.min_value);
      Note(c.details, "max value", a->options.max_value, b->options.max_value);
      Note(c.details, "cache", a->options.cache, b->options.cache);
      Note(c.details, "cycle", a->options.cycle, b->options.cycle);
      if (a->comment != b->comment) c.details.push_back("comment");
      Add(Phase::kSequences, std::move(c));
    }
    if (a->owned_by != b->owned_by) {
      auto owner = [](const Sequence& s) {
        return s.owned_by ? NameText(s.owned_by->table) + "." + s.owned_by->column
                          : std::string("(none)");
      };
      auto c = Make(Action::kAlter, ObjectKind::kSequenceOwner, a->name);
      Note(c.details, "owned by", owner(*a), owner(*b));
      Add(Phase::kSequenceOwners, std::move(c));
    }
  }
}

void Walk::Functions() {
  auto create_phase = [](const Function& f) {
    return f.uses_views    ? Phase::kViewFunctions
           : f.uses_tables ? Phase::kTableFunctions
                           : Phase::kFunctions;
  };
  auto drop_phase = [](const Function& f) {
    return f.uses_tables || f.uses_views ? Phase::kDropTableFunctions : Phase::kDropFunctions;
  };
  Pairs<Function> functions = Pair(from_.functions, to_.functions,
                                   [](const Function& f) { return Key(f.name, f.arguments); });
  for (const Function* f : functions.only_to) {
    Add(create_phase(*f), Make(Action::kCreate, ObjectKind::kFunction, f->name, f->arguments));
  }
  for (const Function* f : functions.only_from) {
    Add(drop_phase(*f), Make(Action::kDrop, ObjectKind::kFunction, f->name, f->arguments));
  }
  for (auto [a, b] : functions.both) {
    if (*a == *b) continue;
    if (a->result != b->result || a->kind != b->kind) {
      // CREATE OR REPLACE cannot change what a function returns.
      auto drop = Make(Action::kDrop, ObjectKind::kFunction, a->name, a->arguments);
      Note(drop.details, "returns", a->result, b->result);
      Add(Phase::kDropTableFunctions, std::move(drop));
      Add(create_phase(*b), Make(Action::kCreate, ObjectKind::kFunction, b->name, b->arguments));
      continue;
    }
    auto c = Make(Action::kAlter, ObjectKind::kFunction, a->name, a->arguments);
    if (a->definition != b->definition) c.details.push_back("definition");
    if (a->comment != b->comment) c.details.push_back("comment");
    if (c.details.empty()) c.details.push_back("dependencies");
    Add(create_phase(*b), std::move(c));
  }
}

}  // namespace strata::diff
