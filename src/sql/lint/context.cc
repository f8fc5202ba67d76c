#include "sql/lint/context.h"

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"
#include "sql/lint/locks.h"

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
  out.reserve(names.size());
  for (const std::string& n : names) out.push_back(ToLower(n));
  return out;
}

// The name PostgreSQL gives a CHECK constraint: its own, or for an unnamed one
// <table>_<column>_check when it uses one column, <table>_check otherwise.
std::string CheckName(const QualifiedName& table, const Constraint& c) {
  if (!c.name.empty()) return ToLower(c.name);
  std::vector<std::string> cols = Lowered(c.not_null_columns);
  std::sort(cols.begin(), cols.end());
  cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
  const std::string table_name = ToLower(table.name);
  return cols.size() == 1 ? table_name + "_" + cols[0] + "_check" : table_name + "_check";
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
        if (!c.not_null_columns.empty()) {
          state.not_null_checks[CheckName(s.table, c)] = {Lowered(c.not_null_columns),
                                                          !c.not_valid};
        }
      }
      changed_[key] = std::move(state);
      break;
    }
    case StatementKind::kAlterTable:
      ++ddl_;
      RecordAlter(s);
      break;
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
        for (auto& [name, check] : t.not_null_checks) {
          for (std::string& c : check.columns) {
            if (c == ToLower(s.rename.old_name)) c = ToLower(s.rename.new_name);
          }
        }
      } else if (s.rename.object == ObjectKind::kConstraint) {
        TableState& t = Mutable(s.table);
        auto it = t.not_null_checks.find(ToLower(s.rename.old_name));
        if (it != t.not_null_checks.end()) {
          NotNullCheck check = std::move(it->second);
          t.not_null_checks.erase(it);
          t.not_null_checks[ToLower(s.rename.new_name)] = std::move(check);
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
    case StatementKind::kCreateDomain:
      ++ddl_;
      created_domains_.insert(Key(s.domain.name));
      break;
    case StatementKind::kCreateFunction:
    case StatementKind::kCreateView:
    case StatementKind::kTruncate:
    case StatementKind::kAlterDomain:
    case StatementKind::kAlterEnum:
      ++ddl_;
      break;
    default:
      break;
  }
  AdvanceTransaction(s);
}

void Context::RecordAlter(const ParsedStatement& s) {
  TableState& t = Mutable(s.table);
  for (const AlterCmd& a : s.alters) {
    const std::string col = ToLower(a.column);
    const std::string name = ToLower(a.name);
    switch (a.kind) {
      case AlterKind::kAddColumn:
        t.columns[col] = a.column_def.type;
        break;
      case AlterKind::kDropColumn:
        t.columns.erase(col);
        // PostgreSQL drops the constraints that use the column with it.
        std::erase_if(t.not_null_checks, [&](const auto& entry) {
          const std::vector<std::string>& cols = entry.second.columns;
          return std::find(cols.begin(), cols.end(), col) != cols.end();
        });
        break;
      case AlterKind::kAlterColumnType:
        t.columns[col] = a.new_type;
        break;
      case AlterKind::kAddConstraint: {
        const Constraint& c = a.constraint;
        if (c.kind == ConstraintKind::kPrimaryKey) t.has_primary_key = true;
        if (c.kind == ConstraintKind::kPrimaryKey || c.kind == ConstraintKind::kUnique) {
          t.indexes.push_back(Lowered(c.columns));
        }
        if (!c.not_null_columns.empty()) {
          t.not_null_checks[CheckName(s.table, c)] = {Lowered(c.not_null_columns), !c.not_valid};
        }
        if (c.not_valid && !name.empty()) {
          not_valid_[ConstraintKey(s.table, name)] = {a.offset, transaction_, LockOf(s).mode};
        }
        break;
      }
      case AlterKind::kValidateConstraint:
        if (auto it = t.not_null_checks.find(name); it != t.not_null_checks.end()) {
          it->second.validated = true;
        }
        break;
      case AlterKind::kDropConstraint:
        t.not_null_checks.erase(name);
        not_valid_.erase(ConstraintKey(s.table, name));
        break;
      default:
        break;
    }
  }
}

// Without a block, each statement of a non-transactional script commits on its
// own; BEGIN ... COMMIT (or ROLLBACK, or PREPARE TRANSACTION) makes one
// transaction of the statements between.
void Context::AdvanceTransaction(const ParsedStatement& s) {
  if (options_.transactional) return;
  if (s.kind == StatementKind::kTransaction) {
    const std::string& verb = s.transaction;
    if (verb == "begin" || verb == "start") {
      in_block_ = true;
      return;
    }
    if (verb == "commit" || verb == "rollback" || verb == "prepare") {
      in_block_ = false;
      ++transaction_;
      return;
    }
  }
  if (!in_block_) ++transaction_;
}

std::string Context::ConstraintKey(const QualifiedName& table, const std::string& name) {
  return Key(table) + "\n" + ToLower(name);
}

const NotValidConstraint* Context::AddedNotValid(const QualifiedName& table,
                                                 const std::string& name) const {
  auto it = not_valid_.find(ConstraintKey(table, name));
  return it != not_valid_.end() ? &it->second : nullptr;
}

bool TableState::ProvenNotNull(const std::string& column) const {
  for (const auto& [name, check] : not_null_checks) {
    if (!check.validated) continue;
    if (std::find(check.columns.begin(), check.columns.end(), column) != check.columns.end()) {
      return true;
    }
  }
  return false;
}

std::map<std::string, TableState> Context::After() const {
  std::map<std::string, TableState> out = before_;
  for (const std::string& key : dropped_) out.erase(key);
  for (const auto& [key, state] : changed_) out[key] = state;
  return out;
}

}  // namespace strata::sql::lint
