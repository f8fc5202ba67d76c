// Mutate: B = A with random changes, each of a kind a diff must turn into DDL.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/schema_gen/builder.h"
#include "tests/schema_gen/dependents.h"
#include "tests/schema_gen/random_schema.h"

namespace strata::schema_gen {
namespace {

using K = TypeKind;

std::string Describe(const Name& n) { return n.schema.empty() ? n.name : n.schema + "." + n.name; }

// True when a foreign key of any table uses `column` of `table`, on either side.
bool InForeignKey(const Schema& s, const Name& table, const std::string& column) {
  for (const Table& t : s.tables) {
    for (const Constraint& k : t.constraints) {
      if (k.kind != ConstraintKind::kForeignKey) continue;
      if (t.name == table && Contains(k.columns, column)) return true;
      if (k.ref_table == table && Contains(k.ref_columns, column)) return true;
    }
  }
  return false;
}

class Mutator {
 public:
  Mutator(const Schema& a, uint64_t seed)
      : s_(a), r_(seed * 0x9E3779B97F4A7C15ULL + 0x5DEECE66DULL), b_(s_, r_) {}

  Mutation Run() {
    std::vector<ChangeKind> kinds;
    for (int i = 0; i < kChangeKindCount; ++i) {
      const auto kind = static_cast<ChangeKind>(i);
      if (b_.postgres() || !PostgresOnly(kind)) kinds.push_back(kind);
    }
    for (int n = r_.Between(3, 8); n > 0; --n) {
      // Not every change fits every schema (no view to drop, ...): try others.
      for (int attempt = 0; attempt < 30 && !Apply(r_.Pick(kinds)); ++attempt) {
      }
    }
    return {std::move(s_), std::move(changes_)};
  }

 private:
  static bool PostgresOnly(ChangeKind kind) {
    return kind == ChangeKind::kAddEnumLabel || kind == ChangeKind::kAddEnumWithColumn ||
           kind == ChangeKind::kAddDomainWithColumn || kind == ChangeKind::kChangeComment;
  }

  bool Apply(ChangeKind kind) {
    current_ = kind;
    switch (kind) {
      case ChangeKind::kAddTable:
        Log("add table " + Describe(b_.AddTable().name));
        return true;
      case ChangeKind::kDropTable:
        return DropTable();
      case ChangeKind::kAddColumn:
        return AddColumn();
      case ChangeKind::kDropColumn:
        return DropColumn();
      case ChangeKind::kChangeColumnType:
        return ChangeColumnType();
      case ChangeKind::kToggleNotNull:
        return ToggleNotNull();
      case ChangeKind::kChangeDefault:
        return ChangeDefault();
      case ChangeKind::kAddConstraint:
        return AddConstraint();
      case ChangeKind::kDropConstraint:
        return DropConstraint();
      case ChangeKind::kChangeConstraint:
        return ChangeConstraint();
      case ChangeKind::kAddIndex:
        return AddIndex();
      case ChangeKind::kDropIndex:
        return DropIndex();
      case ChangeKind::kChangeIndex:
        return ChangeIndex();
      case ChangeKind::kAddView:
        return AddView();
      case ChangeKind::kDropView:
        return DropView();
      case ChangeKind::kChangeView:
        return ChangeView();
      case ChangeKind::kAddEnumLabel:
        return AddEnumLabel();
      case ChangeKind::kAddEnumWithColumn:
        return AddEnumWithColumn();
      case ChangeKind::kAddDomainWithColumn:
        return AddDomainWithColumn();
      case ChangeKind::kChangeComment:
        return ChangeComment();
    }
    return false;
  }

  void Log(std::string description) { changes_.push_back({current_, std::move(description)}); }

  Table& AnyTable() { return r_.Pick(s_.tables); }

  bool DropTable() {
    if (s_.tables.size() < 2) return false;
    // Half the time a table other tables reference, so their foreign keys go too.
    std::vector<Name> referenced;
    for (const Table& t : s_.tables) {
      for (const Constraint& k : t.constraints) {
        if (k.kind == ConstraintKind::kForeignKey && !(k.ref_table == t.name)) {
          referenced.push_back(k.ref_table);
        }
      }
    }
    const Name victim =
        !referenced.empty() && r_.Percent(50) ? r_.Pick(referenced) : AnyTable().name;
    std::erase_if(s_.tables, [&victim](const Table& t) { return t.name == victim; });
    RemoveDependents(s_);
    Log("drop table " + Describe(victim));
    return true;
  }

  bool AddColumn() {
    Table& t = AnyTable();
    std::optional<Column> c;
    if (r_.Percent(15)) c = b_.GeneratedColumn(t);
    if (!c && b_.postgres() && r_.Percent(10)) {
      c = Column();
      c->name = b_.NewColumnName();
      c->type = Type::Of(r_.Percent(50) ? K::kInteger : K::kBigint);
      c->serial = true;
    }
    if (!c) c = b_.RandomColumn();
    Log("add column " + Describe(t.name) + "." + c->name);
    t.columns.push_back(std::move(*c));
    return true;
  }

  bool DropColumn() {
    Table& t = AnyTable();
    if (t.columns.size() < 2) return false;
    const std::string name = r_.Pick(t.columns).name;
    std::erase_if(t.columns, [&name](const Column& c) { return c.name == name; });
    Log("drop column " + Describe(t.name) + "." + name);
    RemoveDependents(s_);
    return true;
  }

  // A type every value of the old one casts to without USING, or nullopt.
  std::optional<Type> WiderType(const Type& t) {
    switch (t.kind) {
      case K::kSmallint:
        return Type::Of(K::kInteger);
      case K::kInteger:
        return Type::Of(K::kBigint);
      case K::kNumeric:
        return Type::Of(K::kNumeric, t.length + 2, t.scale);
      case K::kReal:
        return Type::Of(K::kDouble);
      case K::kVarchar:
        return r_.Percent(50) ? Type::Of(K::kText)
                              : Type::Of(K::kVarchar, t.length + r_.Between(1, 30));
      case K::kText:
        return Type::Of(K::kVarchar, 200);  // longer than any value the generator writes
      case K::kChar:
        return Type::Of(K::kChar, t.length + 2);
      case K::kTimestamp:
        return b_.postgres() ? std::optional<Type>(Type::Of(K::kTimestamptz)) : std::nullopt;
      default:
        return std::nullopt;
    }
  }

  bool ChangeColumnType() {
    std::vector<std::pair<Table*, Column*>> eligible;
    for (Table& t : s_.tables) {
      for (Column& c : t.columns) {
        // Generated columns and their sources cannot change type in place (a
        // diff would move them last); foreign keys need equal types on both
        // sides; serial and identity columns have a sequence of their type.
        const bool source = std::any_of(t.columns.begin(), t.columns.end(), [&c](const Column& g) {
          return g.generated_from == c.name;
        });
        const bool excluded =
            std::any_of(t.constraints.begin(), t.constraints.end(), [&c](const Constraint& k) {
              return k.kind == ConstraintKind::kExclusion && Contains(k.columns, c.name);
            });
        if (!c.generated_from.empty() || source || excluded || c.serial ||
            c.identity != Identity::kNone || InForeignKey(s_, t.name, c.name)) {
          continue;
        }
        if (WiderType(c.type)) eligible.emplace_back(&t, &c);
      }
    }
    if (eligible.empty()) return false;
    auto [table, column] = r_.Pick(eligible);
    column->type = *WiderType(column->type);
    Log("change type of " + Describe(table->name) + "." + column->name);
    return true;
  }

  bool ToggleNotNull() {
    Table& t = AnyTable();
    Column& c = r_.Pick(t.columns);
    const bool in_pk = std::any_of(t.constraints.begin(), t.constraints.end(), [&c](const auto& k) {
      return k.kind == ConstraintKind::kPrimaryKey && Contains(k.columns, c.name);
    });
    if (in_pk || c.serial || c.identity != Identity::kNone) return false;
    c.not_null = !c.not_null;
    Log(std::string(c.not_null ? "set" : "drop") + " not null " + Describe(t.name) + "." + c.name);
    return true;
  }

  bool ChangeDefault() {
    Table& t = AnyTable();
    Column& c = r_.Pick(t.columns);
    if (!c.generated_from.empty() || c.serial || c.identity != Identity::kNone) return false;
    const bool had = c.default_value.kind != DefaultKind::kNone;
    if (had && r_.Percent(30)) {
      c.default_value = {};
    } else {
      Default d;
      while (d.kind == DefaultKind::kNone) d = b_.RandomDefault(c.type);
      if (d == c.default_value) ++d.variant;
      c.default_value = d;
    }
    Log(std::string(had ? "change" : "add") + " default " + Describe(t.name) + "." + c.name);
    return true;
  }

  bool AddConstraint() {
    Table& t = AnyTable();
    std::optional<Constraint> k;
    switch (r_.Between(0, 4)) {
      case 0:
        k = b_.Check(t);
        break;
      case 1:
        k = b_.Unique(t);
        break;
      case 2:
        k = b_.AnyForeignKey(t);
        break;
      case 3:
        k = PrimaryKey(t);
        break;
      case 4:
        if (b_.postgres()) k = b_.Exclusion(t);
        break;
    }
    if (!k) return false;
    Log("add constraint " + Describe(t.name) + "." + k->name);
    t.constraints.push_back(std::move(*k));
    return true;
  }

  std::optional<Constraint> PrimaryKey(Table& t) {
    for (const Constraint& k : t.constraints) {
      if (k.kind == ConstraintKind::kPrimaryKey) return std::nullopt;
    }
    Column& c = r_.Pick(t.columns);
    if (!c.generated_from.empty()) return std::nullopt;
    for (const Constraint& k : t.constraints) {
      if (k.kind == ConstraintKind::kUnique && k.columns == std::vector<std::string>{c.name}) {
        return std::nullopt;  // PostgreSQL would keep one of the two keys
      }
    }
    c.not_null = true;
    Constraint pk;
    pk.name = b_.NewName("pk");
    pk.kind = ConstraintKind::kPrimaryKey;
    pk.columns.push_back(c.name);
    return pk;
  }

  bool DropConstraint() {
    Table& t = AnyTable();
    if (t.constraints.empty()) return false;
    const std::string name = r_.Pick(t.constraints).name;
    std::erase_if(t.constraints, [&name](const Constraint& k) { return k.name == name; });
    Log("drop constraint " + Describe(t.name) + "." + name);
    RemoveDependents(s_);
    return true;
  }

  bool ChangeConstraint() {
    Table& t = AnyTable();
    if (t.constraints.empty()) return false;
    Constraint& k = r_.Pick(t.constraints);
    if (k.kind == ConstraintKind::kCheck) {
      k.variant = (k.variant + r_.Between(1, 98)) % 100;
      if (r_.Percent(30)) k.columns = {r_.Pick(t.columns).name};
    } else if (k.kind == ConstraintKind::kForeignKey) {
      const std::vector<std::string> actions = {"NO ACTION", "RESTRICT", "CASCADE", "SET NULL"};
      const std::string old_delete = k.on_delete;
      k.on_delete = r_.Pick(actions);
      k.on_update = r_.Pick(actions);
      if (k.on_delete == old_delete || r_.Percent(30)) k.deferred = !k.deferred;
    } else if (k.kind == ConstraintKind::kUnique) {
      if (b_.postgres() && r_.Percent(40)) {
        k.nulls_not_distinct = !k.nulls_not_distinct;
      } else {
        std::optional<Constraint> other = b_.Unique(t);
        if (!other || SameSet(other->columns, k.columns)) return false;
        k.columns = other->columns;
      }
    } else {
      return false;
    }
    Log("change constraint " + Describe(t.name) + "." + k.name);
    RemoveDependents(s_);  // foreign keys to a unique constraint's old columns
    return true;
  }

  bool AddIndex() {
    std::optional<Index> ix = b_.RandomIndex();
    if (!ix) return false;
    Log("add index " + Describe(ix->name));
    s_.indexes.push_back(std::move(*ix));
    return true;
  }

  bool DropIndex() {
    if (s_.indexes.empty()) return false;
    const size_t at = r_.Index(s_.indexes.size());
    Log("drop index " + Describe(s_.indexes[at].name));
    s_.indexes.erase(s_.indexes.begin() + static_cast<std::ptrdiff_t>(at));
    return true;
  }

  bool ChangeIndex() {
    if (s_.indexes.empty()) return false;
    Index& ix = r_.Pick(s_.indexes);
    std::optional<Index> other = b_.IndexOn(ix.table, ix.name.name);
    if (!other) return false;
    other->comment = ix.comment;
    ix = std::move(*other);
    Log("change index " + Describe(ix.name));
    return true;
  }

  bool AddView() {
    std::optional<View> v = b_.RandomView(r_.Percent(30));
    if (!v) return false;
    Log("add view " + Describe(v->name));
    s_.views.push_back(std::move(*v));
    return true;
  }

  bool DropView() {
    if (s_.views.empty()) return false;
    const size_t at = r_.Index(s_.views.size());
    Log("drop view " + Describe(s_.views[at].name));
    s_.views.erase(s_.views.begin() + static_cast<std::ptrdiff_t>(at));
    RemoveDependents(s_);
    return true;
  }

  bool ChangeView() {
    if (s_.views.empty()) return false;
    View& v = r_.Pick(s_.views);
    if (r_.Percent(50)) {
      v.where_variant = (v.where_variant + r_.Between(1, 3)) % 4;
    } else {
      b_.RandomViewBody(v);
    }
    Log("change view " + Describe(v.name));
    RemoveDependents(s_);  // views and indexes reading columns it no longer has
    return true;
  }

  bool AddEnumLabel() {
    if (s_.enums.empty()) return false;
    Enum& e = r_.Pick(s_.enums);
    const std::string label = b_.NewEnumLabel(e);
    // Never before the first label: defaults and checks use it (render.h).
    const size_t at = r_.Percent(50) ? e.labels.size() : 1 + r_.Index(e.labels.size());
    e.labels.insert(e.labels.begin() + static_cast<std::ptrdiff_t>(at), label);
    Log("add label '" + label + "' to " + Describe(e.name));
    return true;
  }

  // A new type, used by a column appended to an existing table or by a new table.
  bool AddTypeWithColumn(Type type, const std::string& what) {
    Table& t = r_.Percent(50) ? AnyTable() : b_.AddTable();
    Column c;
    c.name = b_.NewColumnName();
    c.type = std::move(type);
    c.not_null = r_.Percent(30);
    if (r_.Percent(50)) c.default_value = {DefaultKind::kConstant, r_.Between(0, 99)};
    Log("add " + what + " " + Describe(c.type.ref) + " and column " + Describe(t.name) + "." +
        c.name);
    t.columns.push_back(std::move(c));
    return true;
  }

  bool AddEnumWithColumn() {
    s_.enums.push_back(b_.RandomEnum());
    return AddTypeWithColumn(Type::Named(K::kEnum, s_.enums.back().name), "enum");
  }

  bool AddDomainWithColumn() {
    s_.domains.push_back(b_.RandomDomain());
    return AddTypeWithColumn(Type::Named(K::kDomain, s_.domains.back().name), "domain");
  }

  bool ChangeComment() {
    std::vector<std::pair<std::string, std::string*>> comments;
    auto add = [&comments](std::string what, std::string& comment) {
      comments.emplace_back(std::move(what), &comment);
    };
    for (SchemaNamespace& n : s_.namespaces) add("schema " + n.name, n.comment);
    for (Enum& e : s_.enums) add("type " + Describe(e.name), e.comment);
    for (Domain& d : s_.domains) add("domain " + Describe(d.name), d.comment);
    for (Sequence& q : s_.sequences) add("sequence " + Describe(q.name), q.comment);
    for (Function& f : s_.functions) add("function " + Describe(f.name), f.comment);
    for (Table& t : s_.tables) {
      add("table " + Describe(t.name), t.comment);
      for (Column& c : t.columns) add("column " + Describe(t.name) + "." + c.name, c.comment);
      for (Constraint& k : t.constraints) {
        add("constraint " + Describe(t.name) + "." + k.name, k.comment);
      }
    }
    for (View& v : s_.views) add("view " + Describe(v.name), v.comment);
    for (Index& ix : s_.indexes) add("index " + Describe(ix.name), ix.comment);
    auto& [what, comment] = r_.Pick(comments);
    const bool clear = !comment->empty() && r_.Percent(40);
    *comment = clear ? "" : b_.NewComment();
    Log(std::string(clear ? "drop" : "set") + " comment on " + what);
    return true;
  }

  Schema s_;
  Random r_;
  Builder b_;
  ChangeKind current_ = ChangeKind::kAddTable;
  std::vector<Change> changes_;
};

}  // namespace

Mutation Mutate(const Schema& a, uint64_t seed) { return Mutator(a, seed).Run(); }

}  // namespace strata::schema_gen
