// The SQLite plan of a diff's changes. SQLite alters a table in place only to
// add a plain column; anything else rebuilds the table (the diff marks it,
// diff::Rules::NeedsRebuild): its rows are copied aside, the table is dropped
// and created in its new form, the rows copied back, and its indexes and
// triggers created again. Unlike the rename-based procedure of SQLite's
// documentation, this never renames a table, so views and triggers that name
// it are not rewritten or rejected, and with foreign keys deferred the rows
// copied back satisfy the references of other tables before COMMIT.
#include <unordered_set>

#include "base/strings.h"
#include "catalog/lookup.h"
#include "driver/sqlite/plan.h"
#include "driver/sqlite/render.h"

namespace strata::driver::sqlite {
namespace {

using catalog::Action;
using catalog::Change;
using catalog::Column;
using catalog::Generated;
using catalog::ObjectKind;

class ChangePlan {
 public:
  ChangePlan(const catalog::Catalog& from, const catalog::Catalog& to)
      : before_(from), after_(to) {}

  std::vector<PlannedStatement> Run(const catalog::Changes& changes) {
    for (const Change& c : changes) {
      if (c.kind == ObjectKind::kTable && c.rebuild) rebuilt_.insert(c.name.name);
      if (c.kind == ObjectKind::kTable && c.action == Action::kCreate) created_.insert(c.name.name);
    }
    if (!rebuilt_.empty()) {
      // Rows of other tables that reference a rebuilt one are orphans between its
      // DROP and the copy back: checked at COMMIT instead. Ends with the transaction.
      current_ = &changes.front();
      Emit("PRAGMA defer_foreign_keys = ON", false);
    }
    for (const Change& c : changes) {
      current_ = &c;
      One(c);
    }
    return std::move(out_);
  }

 private:
  void Emit(std::string sql, bool keep_flags = true) {
    PlannedStatement s;
    s.sql = std::move(sql);
    if (keep_flags) {
      s.destructive = current_->destructive;
      s.note = current_->reason;
    }
    out_.push_back(std::move(s));
  }
  // Objects of a table that is created or rebuilt come with it.
  bool WithTable(const std::string& table) const {
    return rebuilt_.count(table) || created_.count(table);
  }

  void One(const Change& c) {
    const std::string& name = c.name.name;
    switch (c.kind) {
      case ObjectKind::kTable:
        if (c.action == Action::kDrop) return Emit("DROP TABLE " + Q(name));
        if (c.action == Action::kCreate) {
          if (const catalog::Table* t = after_.table(c.name)) Emit(TableSql(*t));
          return;
        }
        if (c.rebuild) Rebuild(c);
        return;
      case ObjectKind::kColumn:
        if (c.action == Action::kCreate && !WithTable(name)) {
          const catalog::Table* t = after_.table(c.name);
          const Column* col = after_.column(c.name, c.member);
          if (t && col) Emit("ALTER TABLE " + Q(name) + " ADD COLUMN " + ColumnSql(*t, *col));
        }
        return;  // dropped or altered columns only come with a rebuild
      case ObjectKind::kIndex: {
        if (c.action == Action::kDrop) {
          const catalog::Index* i = before_.index(c.name);
          if (i && !rebuilt_.count(i->table.name)) Emit("DROP INDEX " + Q(name));
          return;
        }
        const catalog::Index* i = after_.index(c.name);
        if (c.action == Action::kCreate && i && !rebuilt_.count(i->table.name)) Emit(IndexSql(*i));
        return;
      }
      case ObjectKind::kView:
        if (c.action == Action::kDrop) return Emit("DROP VIEW " + Q(name));
        if (c.action == Action::kCreate) {
          if (const catalog::View* v = after_.view(c.name)) Emit(ViewSql(*v));
        }
        return;
      case ObjectKind::kTrigger:
        if (rebuilt_.count(name)) return;
        if (c.action == Action::kDrop) return Emit("DROP TRIGGER " + Q(c.member));
        if (c.action == Action::kCreate) {
          if (const catalog::Trigger* t = after_.trigger(c.name, c.member)) Emit(t->definition);
        }
        return;
      default:
        // Constraints live inside CREATE TABLE; SQLite has none of the other kinds.
        return;
    }
  }

  void Rebuild(const Change& c) {
    const catalog::Table* before = before_.table(c.name);
    const catalog::Table* after = after_.table(c.name);
    if (before == nullptr || after == nullptr) return;
    const std::string& name = c.name.name;
    std::vector<std::string> copied;
    for (const Column& col : after->columns) {
      const Column* old = before_.column(c.name, col.name);
      if (old && old->generated == Generated::kNone && col.generated == Generated::kNone) {
        copied.push_back(Q(col.name));
      }
    }
    const std::string aside = Q("strata_rebuild_" + name);
    const std::string list = Join(copied, ", ");
    // Only the DROP carries the change's destructive mark: it is where what the
    // new form cannot hold is lost.
    Emit("CREATE TEMP TABLE " + aside + " AS SELECT " + (list.empty() ? "1" : list) +
             " FROM main." + Q(name),
         false);
    Emit("DROP TABLE main." + Q(name));
    Emit(TableSql(*after), false);
    if (!copied.empty()) {
      Emit("INSERT INTO main." + Q(name) + " (" + list + ") SELECT " + list + " FROM temp." + aside,
           false);
    }
    Emit("DROP TABLE temp." + aside, false);
    for (const catalog::Index& i : after_.catalog().indexes) {
      if (i.table.name == name) Emit(IndexSql(i), false);
    }
    for (const catalog::Trigger& t : after_.catalog().triggers) {
      if (t.table.name == name) Emit(t.definition, false);
    }
  }

  catalog::Lookup before_, after_;
  std::unordered_set<std::string> rebuilt_, created_;
  const Change* current_ = nullptr;
  std::vector<PlannedStatement> out_;
};

}  // namespace

std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                          const catalog::Catalog& from,
                                          const catalog::Catalog& to) {
  if (changes.empty()) return {};
  return ChangePlan(from, to).Run(changes);
}

}  // namespace strata::driver::sqlite
