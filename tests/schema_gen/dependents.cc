#include "tests/schema_gen/dependents.h"

#include <algorithm>

namespace strata::schema_gen {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool SameSet(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

void RemoveDependents(Schema& s) {
  auto missing = [&s](const Name& relation, const std::string& column) {
    return !Contains(RelationColumns(s, relation), column);
  };
  // A foreign key needs a primary key or unique constraint on exactly its columns.
  auto has_key = [](const Table& target, const std::vector<std::string>& columns) {
    return std::any_of(
        target.constraints.begin(), target.constraints.end(), [&columns](const Constraint& k) {
          return (k.kind == ConstraintKind::kPrimaryKey || k.kind == ConstraintKind::kUnique) &&
                 SameSet(k.columns, columns);
        });
  };
  for (bool changed = true; changed;) {
    changed = false;
    auto drop = [&changed](auto& items, auto gone) { changed |= std::erase_if(items, gone) > 0; };
    for (Table& t : s.tables) {
      drop(t.columns, [&t](const Column& c) {
        return !c.generated_from.empty() && !FindColumn(t, c.generated_from);
      });
      drop(t.constraints, [&](const Constraint& k) {
        for (const std::string& c : k.columns) {
          if (!FindColumn(t, c)) return true;
        }
        if (k.kind != ConstraintKind::kForeignKey) return false;
        const Table* target = FindTable(s, k.ref_table);
        return !target || !has_key(*target, k.ref_columns);
      });
    }
    drop(s.views, [&](const View& v) {
      for (const Name& from : v.from) {
        if (RelationColumns(s, from).empty()) return true;  // gone, even if no column is read
      }
      for (const ViewColumn& c : v.columns) {
        if (missing(v.from[c.source], c.column)) return true;
      }
      return false;
    });
    drop(s.indexes, [&](const Index& ix) {
      for (const IndexKey& k : ix.keys) {
        if (missing(ix.table, k.column)) return true;
      }
      for (const std::string& c : ix.include) {
        if (missing(ix.table, c)) return true;
      }
      return !ix.where_not_null.empty() && missing(ix.table, ix.where_not_null);
    });
  }
}

}  // namespace strata::schema_gen
