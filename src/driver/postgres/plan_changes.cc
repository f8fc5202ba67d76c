// The PostgreSQL plan of a diff's changes: one or more statements per change,
// in the order the diff gives, in forms that keep tables available where
// PostgreSQL has them (concurrent index builds, constraints added NOT VALID and
// validated afterwards, NOT NULL proven by a validated CHECK first).
#include <algorithm>
#include <set>
#include <unordered_set>

#include "base/strings.h"
#include "catalog/lookup.h"
#include "driver/postgres/plan.h"
#include "driver/postgres/render.h"
#include "driver/sql_text.h"

namespace strata::driver::postgres {
namespace {

using catalog::Action;
using catalog::Change;
using catalog::Column;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Generated;
using catalog::Identity;
using catalog::Lookup;
using catalog::ObjectKind;
using catalog::QualifiedName;

std::string Key(const QualifiedName& n) { return n.schema + '\x1f' + n.name; }

std::string WithoutArrays(std::string type, int& dimensions) {
  dimensions = 0;
  while (type.ends_with("[]")) {
    type.resize(type.size() - 2);
    ++dimensions;
  }
  return type;
}

class ChangePlan {
 public:
  ChangePlan(const catalog::Catalog& from, const catalog::Catalog& to)
      : before_(from), after_(to) {}

  std::vector<PlannedStatement> Run(const catalog::Changes& changes) {
    for (const Change& c : changes) {
      if (c.action == Action::kCreate &&
          (c.kind == ObjectKind::kTable || c.kind == ObjectKind::kView)) {
        created_.insert(Key(c.name));
      }
    }
    for (const Change& c : changes) {
      if (c.kind == ObjectKind::kFunction && c.action != Action::kDrop) {
        // A LANGUAGE sql body may read tables created later in the plan; its
        // references are resolved when it runs, as in the schema dump.
        current_ = &c;
        Emit("SET check_function_bodies = false");
        break;
      }
    }
    const Change* previous = nullptr;
    for (const Change& c : changes) {
      current_ = &c;
      if (c.kind == ObjectKind::kTable && c.action == Action::kDrop && previous != nullptr &&
          previous->kind == ObjectKind::kTable && previous->action == Action::kDrop) {
        // Tables dropped together go in one statement, so foreign keys between them,
        // in any direction, do not stop it.
        out_.back().sql += ", " + Q(c.name);
      } else {
        One(c);
      }
      previous = &c;
    }
    return std::move(out_);
  }

 private:
  void Emit(std::string sql, bool transactional = true, std::string note = {}) {
    PlannedStatement s;
    s.sql = std::move(sql);
    s.transactional = transactional;
    s.note = std::move(note);
    out_.push_back(std::move(s));
  }
  // The statement of a destructive change where the data is lost; the ones
  // around it (defaults dropped and restored, checks) are not marked.
  void Lossy(std::string sql) {
    Emit(std::move(sql));
    out_.back().destructive = current_->destructive;
    if (current_->destructive) out_.back().note = current_->reason;
  }
  void Comment(const std::string& target, const std::string& comment) {
    if (!comment.empty()) Emit(CommentSql(target, comment));
  }
  void CommentChange(const std::string& target, const std::string& before,
                     const std::string& after) {
    if (before != after) Emit(CommentSql(target, after));
  }
  // A table that exists before the plan runs and keeps its rows: work on it
  // must not lock out its readers and writers for long.
  bool Existing(const QualifiedName& table) const {
    return !created_.count(Key(table)) &&
           (before_.table(table) != nullptr || before_.view(table) != nullptr);
  }
  bool Partitioned(const QualifiedName& table) const {
    const catalog::Table* t = after_.table(table);
    if (t == nullptr) t = before_.table(table);
    return t != nullptr && !t->partition_key.empty();
  }

  void One(const Change& c);
  void Schema(const Change& c);
  void Extension(const Change& c);
  void Enum(const Change& c);
  void Domain(const Change& c);
  void Composite(const Change& c);
  void ReplaceType(const QualifiedName& type, const std::vector<std::string>& create);
  void Sequence(const Change& c);
  void Function(const Change& c);
  void Table(const Change& c);
  void AddColumn(const Change& c);
  void AlterColumn(const QualifiedName& table, const Column& a, const Column& b);
  void AddConstraint(const QualifiedName& table, const Constraint& k);
  void Index(const Change& c);
  void View(const Change& c);
  void Trigger(const Change& c);
  void Policy(const Change& c);

  Lookup before_, after_;
  std::unordered_set<std::string> created_;
  const Change* current_ = nullptr;
  std::vector<PlannedStatement> out_;
};

void ChangePlan::One(const Change& c) {
  switch (c.kind) {
    case ObjectKind::kSchema:
      return Schema(c);
    case ObjectKind::kExtension:
      return Extension(c);
    case ObjectKind::kEnum:
      return Enum(c);
    case ObjectKind::kDomain:
      return Domain(c);
    case ObjectKind::kCompositeType:
      return Composite(c);
    case ObjectKind::kSequence:
    case ObjectKind::kSequenceOwner:
      return Sequence(c);
    case ObjectKind::kFunction:
      return Function(c);
    case ObjectKind::kTable:
      return Table(c);
    case ObjectKind::kColumn: {
      if (c.action == Action::kCreate) return AddColumn(c);
      if (c.action == Action::kDrop) {
        return Lossy("ALTER TABLE " + Q(c.name) + " DROP COLUMN " + Q(c.member));
      }
      const Column* a = before_.column(c.name, c.member);
      const Column* b = after_.column(c.name, c.member);
      if (a && b) AlterColumn(c.name, *a, *b);
      return;
    }
    case ObjectKind::kConstraint: {
      if (c.action == Action::kDrop) {
        return Emit("ALTER TABLE " + Q(c.name) + " DROP CONSTRAINT " + Q(c.member));
      }
      const Constraint* k = after_.constraint(c.name, c.member);
      if (k == nullptr) return;
      if (c.action == Action::kCreate) return AddConstraint(c.name, *k);
      const Constraint* before = before_.constraint(c.name, c.member);
      return CommentChange(ConstraintTarget(c.name, k->name), before ? before->comment : "",
                           k->comment);
    }
    case ObjectKind::kIndex:
      return Index(c);
    case ObjectKind::kView:
      return View(c);
    case ObjectKind::kTrigger:
      return Trigger(c);
    case ObjectKind::kPolicy:
      return Policy(c);
  }
}

void ChangePlan::Schema(const Change& c) {
  const std::string& name = c.name.name;
  if (c.action == Action::kDrop) return Emit("DROP SCHEMA " + Q(name));
  const catalog::Schema* s = after_.schema(name);
  if (s == nullptr) return;
  if (c.action == Action::kCreate) {
    Emit("CREATE SCHEMA " + Q(name));
    return Comment("SCHEMA " + Q(name), s->comment);
  }
  const catalog::Schema* before = before_.schema(name);
  CommentChange("SCHEMA " + Q(name), before ? before->comment : "", s->comment);
}

void ChangePlan::Extension(const Change& c) {
  const std::string& name = c.name.name;
  if (c.action == Action::kDrop) return Emit("DROP EXTENSION " + Q(name));
  const catalog::Extension* e = after_.extension(name);
  if (e == nullptr) return;
  const std::string target = "EXTENSION " + Q(name);
  if (c.action == Action::kCreate) {
    Emit("CREATE EXTENSION IF NOT EXISTS " + Q(name) + " WITH SCHEMA " + Q(e->schema));
    return Comment(target, e->comment);
  }
  const catalog::Extension* before = before_.extension(name);
  if (before && before->schema != e->schema) {
    Emit("ALTER EXTENSION " + Q(name) + " SET SCHEMA " + Q(e->schema));
  }
  CommentChange(target, before ? before->comment : "", e->comment);
}

void ChangePlan::Enum(const Change& c) {
  if (c.action == Action::kDrop) return Emit("DROP TYPE " + Q(c.name));
  const catalog::EnumType* e = after_.enum_type(c.name);
  if (e == nullptr) return;
  const std::string target = "TYPE " + Q(c.name);
  if (c.action == Action::kCreate) {
    Emit(EnumSql(*e));
    return Comment(target, e->comment);
  }
  const catalog::EnumType* before = before_.enum_type(c.name);
  if (before == nullptr) return;
  if (c.rebuild) {
    ReplaceType(c.name, {EnumSql(*e)});
  } else if (before->labels != e->labels) {
    std::set<std::string> present(before->labels.begin(), before->labels.end());
    for (size_t i = 0; i < e->labels.size(); ++i) {
      const std::string& label = e->labels[i];
      if (present.count(label)) continue;
      std::string where;
      if (i > 0) {
        where = " AFTER " + QuoteLiteral(e->labels[i - 1]);
      } else {
        for (size_t j = 1; j < e->labels.size() && where.empty(); ++j) {
          if (present.count(e->labels[j])) where = " BEFORE " + QuoteLiteral(e->labels[j]);
        }
      }
      // A value added in a transaction cannot be used before it commits.
      Emit("ALTER TYPE " + Q(c.name) + " ADD VALUE " + QuoteLiteral(label) + where,
           /*transactional=*/false);
      present.insert(label);
    }
  }
  CommentChange(target, before->comment, e->comment);
}

// A type that cannot be altered in place: the old one is renamed, the new
// one created under the name, each column that uses it converted through its
// text form (the views that read those tables were dropped before, see
// diff.h), and the old one dropped.
void ChangePlan::ReplaceType(const QualifiedName& type, const std::vector<std::string>& create) {
  const std::string old_name = type.name + "_strata_old";
  Emit("ALTER TYPE " + Q(type) + " RENAME TO " + Q(old_name));
  for (const std::string& s : create) Emit(s);
  const std::string new_text = type.schema + "." + type.name;
  for (const catalog::Table& t : before_.catalog().tables) {
    for (const Column& col : t.columns) {
      int dimensions = 0;
      std::string base = WithoutArrays(col.type, dimensions);
      std::erase(base, '"');
      const Column* kept = after_.column(t.name, col.name);
      if (base != new_text || kept == nullptr || col.inherited) continue;
      std::string arrays;
      for (int i = 0; i < dimensions; ++i) arrays += "[]";
      const std::string alter = "ALTER TABLE " + Q(t.name) + " ALTER COLUMN " + Q(col.name);
      if (col.default_expr) Emit(alter + " DROP DEFAULT");
      Lossy(alter + " TYPE " + Q(type) + arrays + " USING " + Q(col.name) + "::text" + arrays +
            "::" + Q(type) + arrays);
      if (kept->default_expr) Emit(alter + " SET DEFAULT " + *kept->default_expr);
    }
  }
  Emit("DROP TYPE " + Q(QualifiedName{type.schema, old_name}));
}

void ChangePlan::Domain(const Change& c) {
  if (c.action == Action::kDrop) return Emit("DROP DOMAIN " + Q(c.name));
  const catalog::Domain* d = after_.domain(c.name);
  if (d == nullptr) {
    // A domain that goes: its default and checks first, before the functions
    // they may call (the domain itself goes with the types).
    const catalog::Domain* before = before_.domain(c.name);
    if (before == nullptr || c.action != Action::kAlter) return;
    if (before->default_expr) Emit("ALTER DOMAIN " + Q(c.name) + " DROP DEFAULT");
    for (const catalog::DomainConstraint& k : before->constraints) {
      Emit("ALTER DOMAIN " + Q(c.name) + " DROP CONSTRAINT " + Q(k.name));
    }
    return;
  }
  const std::string target = "DOMAIN " + Q(c.name);
  if (c.action == Action::kCreate) {
    Emit(DomainSql(*d));
    return Comment(target, d->comment);
  }
  const catalog::Domain* before = before_.domain(c.name);
  if (before == nullptr) {
    // A new domain's default and checks, once the functions they call exist.
    for (std::string& s : DomainRulesSql(*d)) Emit(std::move(s));
    return;
  }
  if (c.rebuild) {
    std::vector<std::string> create{DomainSql(*d)};
    for (std::string& s : DomainRulesSql(*d)) create.push_back(std::move(s));
    ReplaceType(c.name, create);
    return CommentChange(target, before->comment, d->comment);
  }
  const std::string alter = "ALTER DOMAIN " + Q(c.name);
  if (before->default_expr != d->default_expr) {
    Emit(d->default_expr ? alter + " SET DEFAULT " + *d->default_expr : alter + " DROP DEFAULT");
  }
  if (before->not_null != d->not_null)
    Emit(alter + (d->not_null ? " SET NOT NULL" : " DROP NOT NULL"));
  for (const catalog::DomainConstraint& k : before->constraints) {
    auto same = std::find(d->constraints.begin(), d->constraints.end(), k);
    if (same == d->constraints.end()) Emit(alter + " DROP CONSTRAINT " + Q(k.name));
  }
  for (const catalog::DomainConstraint& k : d->constraints) {
    auto same = std::find(before->constraints.begin(), before->constraints.end(), k);
    if (same == before->constraints.end()) Emit(DomainConstraintSql(*d, k));
  }
  CommentChange(target, before->comment, d->comment);
}

void ChangePlan::Composite(const Change& c) {
  if (c.action == Action::kDrop) return Emit("DROP TYPE " + Q(c.name));
  const catalog::CompositeType* t = after_.composite_type(c.name);
  if (t == nullptr) return;
  const std::string target = "TYPE " + Q(c.name);
  if (c.action == Action::kCreate) {
    Emit(CompositeTypeSql(*t));
    return Comment(target, t->comment);
  }
  const catalog::CompositeType* before = before_.composite_type(c.name);
  if (before == nullptr) return;
  const std::string alter = "ALTER TYPE " + Q(c.name);
  auto find = [](const catalog::CompositeType& in, const std::string& name) {
    const catalog::CompositeAttribute* found = nullptr;
    for (const auto& a : in.attributes) {
      if (a.name == name) found = &a;
    }
    return found;
  };
  for (const auto& a : before->attributes) {
    if (!find(*t, a.name)) Emit(alter + " DROP ATTRIBUTE " + Q(a.name));
  }
  for (const auto& a : t->attributes) {
    const catalog::CompositeAttribute* old = find(*before, a.name);
    if (old == nullptr) {
      Emit(alter + " ADD ATTRIBUTE " + CompositeAttributeSql(a));
    } else if (!(*old == a)) {
      Emit(alter + " ALTER ATTRIBUTE " + Q(a.name) + " TYPE " + a.type +
           (a.collation ? " COLLATE " + Q(*a.collation) : ""));
    }
  }
  CommentChange(target, before->comment, t->comment);
}

void ChangePlan::Sequence(const Change& c) {
  if (c.action == Action::kDrop) return Lossy("DROP SEQUENCE " + Q(c.name));
  const catalog::Sequence* s = after_.sequence(c.name);
  if (s == nullptr) return;
  if (c.kind == ObjectKind::kSequenceOwner) return Emit(OwnedBySql(*s));
  const std::string target = "SEQUENCE " + Q(c.name);
  if (c.action == Action::kCreate) {
    Emit(SequenceSql(*s));
    return Comment(target, s->comment);
  }
  const catalog::Sequence* before = before_.sequence(c.name);
  if (before == nullptr) return;
  if (!(before->options == s->options)) {
    Emit("ALTER SEQUENCE " + Q(c.name) + " AS " + s->options.type + " " +
         SequenceClauses(s->options));
  }
  CommentChange(target, before->comment, s->comment);
}

void ChangePlan::Function(const Change& c) {
  if (c.action == Action::kDrop) {
    const catalog::Function* f = before_.function(c.name, c.member);
    if (f) Emit("DROP " + FunctionTarget(*f));
    return;
  }
  const catalog::Function* f = after_.function(c.name, c.member);
  if (f == nullptr) return;
  const catalog::Function* before = before_.function(c.name, c.member);
  if (c.action == Action::kCreate || before == nullptr || before->definition != f->definition) {
    Emit(f->definition);
  }
  if (c.action == Action::kCreate) return Comment(FunctionTarget(*f), f->comment);
  CommentChange(FunctionTarget(*f), before ? before->comment : "", f->comment);
}

void ChangePlan::Table(const Change& c) {
  if (c.action == Action::kDrop) return Lossy("DROP TABLE " + Q(c.name));
  const catalog::Table* t = after_.table(c.name);
  if (t == nullptr) return;
  const std::string alter = "ALTER TABLE " + Q(c.name);
  if (c.action == Action::kCreate) {
    Emit(TableSql(*t));
    if (t->row_security) Emit(alter + " ENABLE ROW LEVEL SECURITY");
    if (t->force_row_security) Emit(alter + " FORCE ROW LEVEL SECURITY");
    Comment(TableTarget(*t), t->comment);
    for (const Column& col : t->columns) {
      if (!col.inherited) Comment(ColumnTarget(t->name, col.name), col.comment);
    }
    return;
  }
  const catalog::Table* before = before_.table(c.name);
  if (before == nullptr) return;
  if (before->unlogged != t->unlogged)
    Emit(alter + (t->unlogged ? " SET UNLOGGED" : " SET LOGGED"));
  if (before->options != t->options) {
    auto key = [](const std::string& option) { return option.substr(0, option.find('=')); };
    std::vector<std::string> reset, set;
    for (const std::string& o : before->options) {
      bool kept = false;
      for (const std::string& n : t->options) kept = kept || key(n) == key(o);
      if (!kept) reset.push_back(key(o));
    }
    for (const std::string& n : t->options) {
      if (std::find(before->options.begin(), before->options.end(), n) == before->options.end()) {
        set.push_back(n);
      }
    }
    if (!reset.empty()) Emit(alter + " RESET (" + Join(reset, ", ") + ")");
    if (!set.empty()) Emit(alter + " SET (" + Join(set, ", ") + ")");
  }
  if (before->row_security != t->row_security) {
    Emit(alter + (t->row_security ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
  }
  if (before->force_row_security != t->force_row_security) {
    Emit(alter + (t->force_row_security ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
  }
  CommentChange(TableTarget(*t), before->comment, t->comment);
}

void ChangePlan::AddColumn(const Change& c) {
  const Column* col = after_.column(c.name, c.member);
  if (col == nullptr) return;
  Emit("ALTER TABLE " + Q(c.name) + " ADD COLUMN " + ColumnSql(*col));
  Comment(ColumnTarget(c.name, col->name), col->comment);
}

void ChangePlan::AlterColumn(const QualifiedName& table, const Column& a, const Column& b) {
  const std::string alter_table = "ALTER TABLE " + Q(table);
  const std::string alter = alter_table + " ALTER COLUMN " + Q(a.name);
  if ((a.generated != Generated::kNone || b.generated != Generated::kNone) &&
      (a.generated != b.generated || a.generation_expr != b.generation_expr)) {
    // PostgreSQL 15 cannot change how a column is generated: it is added anew.
    Emit(alter_table + " DROP COLUMN " + Q(a.name));
    Emit(alter_table + " ADD COLUMN " + ColumnSql(b));
    return Comment(ColumnTarget(table, b.name), b.comment);
  }
  if (a.identity != Identity::kNone && b.identity == Identity::kNone)
    Emit(alter + " DROP IDENTITY");
  const bool retyped = a.type != b.type || a.collation != b.collation;
  // A default is dropped before a type change (it may not convert) and put back after.
  if (a.default_expr && (retyped || !b.default_expr)) Emit(alter + " DROP DEFAULT");
  if (retyped) {
    std::string s = alter + " TYPE " + b.type;
    // Without COLLATE the column takes the new type's default collation.
    if (b.collation) {
      s += " COLLATE " + Q(*b.collation);
    } else if (a.collation) {
      s += " COLLATE \"default\"";
    }
    if (a.type != b.type) s += " USING " + Q(a.name) + "::" + b.type;
    Lossy(std::move(s));
  }
  if (!a.not_null && b.not_null) {
    if (Existing(table) && !Partitioned(table)) {
      // SET NOT NULL scans the table under an exclusive lock; a validated
      // CHECK (col IS NOT NULL) lets it skip the scan.
      const std::string check = Q(a.name.substr(0, 40) + "_strata_not_null");
      Emit(alter_table + " ADD CONSTRAINT " + check + " CHECK (" + Q(a.name) +
               " IS NOT NULL) NOT VALID",
           true, "NOT NULL proven by a CHECK validated without blocking writes");
      Emit(alter_table + " VALIDATE CONSTRAINT " + check);
      Emit(alter + " SET NOT NULL");
      Emit(alter_table + " DROP CONSTRAINT " + check);
    } else {
      Emit(alter + " SET NOT NULL");
    }
  } else if (a.not_null && !b.not_null) {
    Emit(alter + " DROP NOT NULL");
  }
  if (b.identity != Identity::kNone) {
    const std::string kind = b.identity == Identity::kAlways ? "ALWAYS" : "BY DEFAULT";
    if (a.identity == Identity::kNone) {
      Emit(alter + " ADD GENERATED " + kind + " AS IDENTITY (" +
           SequenceClauses(b.identity_options) + ")");
    } else {
      if (a.identity != b.identity) Emit(alter + " SET GENERATED " + kind);
      if (!(a.identity_options == b.identity_options)) {
        const catalog::SequenceOptions& o = b.identity_options;
        Emit(alter + " SET START WITH " + o.start + " SET INCREMENT BY " + o.increment +
             " SET MINVALUE " + o.min_value + " SET MAXVALUE " + o.max_value + " SET CACHE " +
             o.cache + (o.cycle ? " SET CYCLE" : " SET NO CYCLE"));
      }
    }
  }
  if (b.default_expr && (retyped || a.default_expr != b.default_expr)) {
    Emit(alter + " SET DEFAULT " + *b.default_expr);
  }
  CommentChange(ColumnTarget(table, b.name), a.comment, b.comment);
}

void ChangePlan::AddConstraint(const QualifiedName& table, const Constraint& k) {
  const std::string alter = "ALTER TABLE " + Q(table);
  if (!Existing(table) || Partitioned(table)) {
    Emit(AddConstraintSql(table, k));
    return Comment(ConstraintTarget(table, k.name), k.comment);
  }
  if (k.kind == ConstraintKind::kForeignKey || k.kind == ConstraintKind::kCheck) {
    // Added NOT VALID it takes its lock for a moment; VALIDATE then checks the
    // existing rows without blocking writes.
    const bool already = k.definition.ends_with(" NOT VALID");
    Emit(
        alter + " ADD CONSTRAINT " + Q(k.name) + " " + k.definition + (already ? "" : " NOT VALID"),
        true, already ? "" : "added NOT VALID, validated next");
    if (k.validated) Emit(alter + " VALIDATE CONSTRAINT " + Q(k.name));
    return Comment(ConstraintTarget(table, k.name), k.comment);
  }
  const std::string columns = "(" + NameList(k.columns) + ")";
  const std::string word = k.kind == ConstraintKind::kPrimaryKey ? "PRIMARY KEY" : "UNIQUE";
  if ((k.kind == ConstraintKind::kPrimaryKey || k.kind == ConstraintKind::kUnique) &&
      k.definition == word + " " + columns) {
    // The unique index is built concurrently, then becomes the constraint.
    catalog::Index index;
    index.name = {table.schema, k.name};
    index.table = table;
    index.unique = true;
    index.method = "btree";
    for (const std::string& col : k.columns) index.keys.push_back(Q(col));
    Emit(IndexSql(index, /*concurrently=*/true), /*transactional=*/false,
         "index built without blocking writes, then attached");
    Emit(alter + " ADD CONSTRAINT " + Q(k.name) + " " + word + " USING INDEX " + Q(k.name));
    return Comment(ConstraintTarget(table, k.name), k.comment);
  }
  Emit(AddConstraintSql(table, k));
  Comment(ConstraintTarget(table, k.name), k.comment);
}

void ChangePlan::Index(const Change& c) {
  if (c.action == Action::kDrop) {
    const catalog::Index* i = before_.index(c.name);
    const bool concurrently = i && !Partitioned(i->table) && before_.table(i->table) != nullptr;
    return Emit(std::string("DROP INDEX ") + (concurrently ? "CONCURRENTLY " : "") + Q(c.name),
                !concurrently);
  }
  const catalog::Index* i = after_.index(c.name);
  if (i == nullptr) return;
  const std::string target = "INDEX " + Q(c.name);
  if (c.action == Action::kCreate) {
    const bool concurrently = Existing(i->table) && !Partitioned(i->table);
    Emit(IndexSql(*i, concurrently), !concurrently,
         concurrently ? "built without blocking writes" : "");
    return Comment(target, i->comment);
  }
  const catalog::Index* before = before_.index(c.name);
  CommentChange(target, before ? before->comment : "", i->comment);
}

void ChangePlan::View(const Change& c) {
  if (c.action == Action::kDrop) {
    const catalog::View* v = before_.view(c.name);
    return Emit(std::string("DROP ") + (v && v->materialized ? "MATERIALIZED " : "") + "VIEW " +
                Q(c.name));
  }
  const catalog::View* v = after_.view(c.name);
  if (v == nullptr) return;
  if (c.action == Action::kCreate) {
    Emit(ViewSql(*v, /*with_data=*/true));
    return Comment(ViewTarget(*v), v->comment);
  }
  const catalog::View* before = before_.view(c.name);
  CommentChange(ViewTarget(*v), before ? before->comment : "", v->comment);
}

void ChangePlan::Trigger(const Change& c) {
  if (c.action == Action::kDrop) {
    return Emit("DROP TRIGGER " + Q(c.member) + " ON " + Q(c.name));
  }
  const catalog::Trigger* t = after_.trigger(c.name, c.member);
  if (t == nullptr) return;
  const catalog::Trigger* before = before_.trigger(c.name, c.member);
  if (c.action == Action::kCreate) {
    Emit(t->definition);
    if (auto state = TriggerStateSql(*t)) Emit(*state);
    return Comment(TriggerTarget(*t), t->comment);
  }
  if (before && before->state != t->state) {
    auto state = TriggerStateSql(*t);
    Emit(state ? *state : "ALTER TABLE " + Q(t->table) + " ENABLE TRIGGER " + Q(t->name));
  }
  CommentChange(TriggerTarget(*t), before ? before->comment : "", t->comment);
}

void ChangePlan::Policy(const Change& c) {
  if (c.action == Action::kDrop) return Emit("DROP POLICY " + Q(c.member) + " ON " + Q(c.name));
  const catalog::Policy* p = after_.policy(c.name, c.member);
  if (p == nullptr) return;
  if (c.action == Action::kCreate) {
    Emit(PolicySql(*p));
    return Comment(PolicyTarget(*p), p->comment);
  }
  const catalog::Policy* before = before_.policy(c.name, c.member);
  CommentChange(PolicyTarget(*p), before ? before->comment : "", p->comment);
}

}  // namespace

std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                          const catalog::Catalog& from,
                                          const catalog::Catalog& to) {
  return ChangePlan(from, to).Run(changes);
}

}  // namespace strata::driver::postgres
