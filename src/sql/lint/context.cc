#include "sql/lint/context.h"

#include <cstdlib>

#include "base/strings.h"

namespace strata::sql::lint {

std::string Context::Key(const QualifiedName& name) {
  const std::string schema = ToLower(name.schema);
  const std::string table = ToLower(name.name);
  return schema.empty() || schema == "public" ? table : schema + "." + table;
}

const TableState* Context::Table(const QualifiedName& table) const {
  const std::string key = Key(table);
  if (dropped_.count(key)) return nullptr;
  if (auto it = changed_.find(key); it != changed_.end()) return &it->second;
  if (auto it = before_.find(key); it != before_.end()) return &it->second;
  return nullptr;
}

TableState& Context::Mutable(const QualifiedName& table) {
  const std::string key = Key(table);
  auto it = changed_.find(key);
  if (it != changed_.end()) return it->second;
  auto before = before_.find(key);
  return changed_[key] = before != before_.end() ? before->second : TableState{};
}

namespace {

std::vector<std::string> Lowered(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(ToLower(n));
  return out;
}

// "0", "0s", "0ms", "0.0" and "" all mean no timeout; "0.5s" does not.
bool IsZeroDuration(const std::string& value) {
  if (value.empty()) return true;
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  return end != value.c_str() && number == 0.0;
}

}  // namespace

void Context::Record(const ParsedStatement& s) {
  // Foreign keys, wherever they were declared.
  for (const ColumnDef& c : s.columns) {
    for (const Constraint& fk : c.references)
      foreign_keys_.push_back({s.table, Lowered(fk.columns), fk.offset ? fk.offset : c.offset});
  }
  for (const Constraint& c : s.constraints) {
    if (c.kind == ConstraintKind::kForeignKey)
      foreign_keys_.push_back({s.table, Lowered(c.columns), c.offset});
  }
  for (const AlterCmd& a : s.alters) {
    for (const Constraint& fk : a.column_def.references)
      foreign_keys_.push_back({s.table, Lowered(fk.columns), a.offset});
    if (a.kind == AlterKind::kAddConstraint && a.constraint.kind == ConstraintKind::kForeignKey) {
      foreign_keys_.push_back({s.table, Lowered(a.constraint.columns), a.offset});
    }
  }
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      ++ddl_;
      const std::string key = Key(s.table);
      // IF NOT EXISTS on a table that exists does nothing: it stays "existing".
      if (s.if_not_exists && Table(s.table) != nullptr && !created_.count(key)) break;
      created_.insert(key);
      dropped_.erase(key);
      created_tables_.push_back(
          CreatedTable{s.table, s.offset, !s.temporary && !s.partition_of && !s.columns.empty()});
      TableState state;
      for (const ColumnDef& c : s.columns) {
        state.columns[ToLower(c.name)] = c.type;
        if (c.primary_key) {
          state.has_primary_key = true;
          state.indexes.push_back({ToLower(c.name)});
        } else if (c.unique) {
          state.indexes.push_back({ToLower(c.name)});
        }
      }
      for (const Constraint& c : s.constraints) {
        if (c.kind == ConstraintKind::kPrimaryKey) state.has_primary_key = true;
        if (c.kind == ConstraintKind::kPrimaryKey || c.kind == ConstraintKind::kUnique ||
            c.kind == ConstraintKind::kExclusion) {
          std::vector<std::string> cols;
          for (const std::string& col : c.columns) cols.push_back(ToLower(col));
          state.indexes.push_back(std::move(cols));
        }
      }
      changed_[key] = std::move(state);
      break;
    }
    case StatementKind::kAlterTable: {
      ++ddl_;
      TableState& t = Mutable(s.table);
      for (const AlterCmd& a : s.alters) {
        const std::string col = ToLower(a.column);
        if (a.kind == AlterKind::kAddColumn) t.columns[col] = a.column_def.type;
        if (a.kind == AlterKind::kDropColumn) t.columns.erase(col);
        if (a.kind == AlterKind::kAlterColumnType) t.columns[col] = a.new_type;
        if (a.kind == AlterKind::kAddConstraint) {
          const Constraint& c = a.constraint;
          if (c.kind == ConstraintKind::kPrimaryKey) t.has_primary_key = true;
          if (c.kind == ConstraintKind::kPrimaryKey || c.kind == ConstraintKind::kUnique) {
            std::vector<std::string> cols;
            for (const std::string& k : c.columns) cols.push_back(ToLower(k));
            t.indexes.push_back(std::move(cols));
          }
        }
      }
      break;
    }
    case StatementKind::kCreateIndex: {
      ++ddl_;
      std::vector<std::string> cols;
      for (const std::string& k : s.index.columns) cols.push_back(ToLower(k));
      Mutable(s.table).indexes.push_back(std::move(cols));
      break;
    }
    case StatementKind::kDrop:
      ++ddl_;
      if (s.drop.object == ObjectKind::kTable) {
        for (const QualifiedName& n : s.drop.names) {
          dropped_.insert(Key(n));
          created_.erase(Key(n));
          changed_.erase(Key(n));
        }
      }
      break;
    case StatementKind::kRename:
      ++ddl_;
      if (s.rename.object == ObjectKind::kTable) {
        TableState moved = Table(s.table) ? *Table(s.table) : TableState{};
        dropped_.insert(Key(s.table));
        changed_.erase(Key(s.table));
        const QualifiedName renamed{s.table.schema, s.rename.new_name};
        changed_[Key(renamed)] = std::move(moved);
        dropped_.erase(Key(renamed));
        if (created_.erase(Key(s.table))) created_.insert(Key(renamed));
      } else if (s.rename.object == ObjectKind::kColumn) {
        TableState& t = Mutable(s.table);
        auto it = t.columns.find(ToLower(s.rename.old_name));
        if (it != t.columns.end()) {
          TypeRef type = it->second;
          t.columns.erase(it);
          t.columns[ToLower(s.rename.new_name)] = type;
        }
      }
      break;
    case StatementKind::kSet:
      if (s.set.name == "lock_timeout") {
        lock_timeout_ = !s.set.reset && !IsZeroDuration(s.set.value);
      } else if (s.set.reset && s.set.name.empty()) {
        lock_timeout_ = false;  // RESET ALL
      }
      break;
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kInsert:
      ++data_;
      break;
    case StatementKind::kCreateFunction:
    case StatementKind::kCreateView:
    case StatementKind::kTruncate:
      ++ddl_;
      break;
    default:
      break;
  }
}

std::map<std::string, TableState> Context::After() const {
  std::map<std::string, TableState> out = before_;
  for (const std::string& key : dropped_) out.erase(key);
  for (const auto& [key, state] : changed_) out[key] = state;
  return out;
}

}  // namespace strata::sql::lint
