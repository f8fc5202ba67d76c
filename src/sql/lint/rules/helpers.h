// Small helpers that several lint rules share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "sql/lint/context.h"
#include "sql/lint/rule.h"
#include "sql/model.h"

namespace strata::sql::lint {

// A destructive finding's message: in a contract phase the loss is the planned
// step, and the message says so (the severity stays the linter's business).
inline std::string DestructiveMessage(const Context& ctx, std::string message) {
  if (ctx.options().contract_phase) message += " (the planned contract step of this phase)";
  return message;
}

// The ALTER TABLE subcommands of `kind` in `s`, when `s` alters a table that
// existed before this migration (a table created here has no traffic yet).
inline std::vector<const AlterCmd*> AltersOfExistingTable(const ParsedStatement& s,
                                                          const Context& ctx, AlterKind kind) {
  std::vector<const AlterCmd*> out;
  if (s.kind != StatementKind::kAlterTable || ctx.CreatedHere(s.table)) return out;
  for (const AlterCmd& a : s.alters) {
    if (a.kind == kind) out.push_back(&a);
  }
  return out;
}

// The type `column` of the table `s` acts on has before `s`, or null when
// strata does not know it.
inline const TypeRef* KnownColumnType(const ParsedStatement& s, const Context& ctx,
                                      const std::string& column) {
  const TableState* table = ctx.Table(s.table);
  if (table == nullptr) return nullptr;
  auto it = table->columns.find(ToLower(column));
  return it != table->columns.end() && !it->second.empty() ? &it->second : nullptr;
}

// True for smallserial, serial and bigserial (serial2, serial4, serial8): a column
// of one of these has an implicit DEFAULT nextval(...), a new value per row.
inline bool IsSerialType(const TypeRef& type) {
  const std::string name = ToLower(type.name);
  return !type.array && (name == "smallserial" || name == "serial" || name == "bigserial" ||
                         name == "serial2" || name == "serial4" || name == "serial8");
}

namespace schema_rules {

// A column that a statement defines, retypes or renames.
struct ColumnUse {
  std::string name;                // as the parser gives it (PostgreSQL folds unquoted names)
  TypeRef type;                    // empty when strata does not know it
  size_t offset = 0;               // in the script
  const ColumnDef* def = nullptr;  // the definition; nullptr for ALTER COLUMN TYPE and RENAME
};

// Which columns ColumnsOf returns; combine with |.
enum ColumnSet : unsigned {
  kDefined = 1,  // CREATE TABLE columns and ALTER TABLE ADD COLUMN
  kRetyped = 2,  // ALTER TABLE ALTER COLUMN ... TYPE, with the new type
  kRenamed = 4,  // ALTER TABLE RENAME COLUMN, with the new name and the type from `ctx`
};

// The columns of `which` in `s`, in statement order. Temporary tables are left out:
// they last one session and never become part of the schema.
inline std::vector<ColumnUse> ColumnsOf(const ParsedStatement& s, const Context& ctx,
                                        unsigned which) {
  std::vector<ColumnUse> out;
  if (s.temporary) return out;
  if (which & kDefined) {
    for (const ColumnDef& c : s.columns)
      out.push_back({c.name, c.type, c.offset ? c.offset : s.offset, &c});
  }
  for (const AlterCmd& a : s.alters) {
    if ((which & kDefined) && a.kind == AlterKind::kAddColumn) {
      const ColumnDef& c = a.column_def;
      out.push_back({c.name, c.type, c.offset ? c.offset : a.offset, &c});
    }
    if ((which & kRetyped) && a.kind == AlterKind::kAlterColumnType) {
      out.push_back({a.column, a.new_type, a.offset ? a.offset : s.offset, nullptr});
    }
  }
  if ((which & kRenamed) && s.kind == StatementKind::kRename &&
      s.rename.object == ObjectKind::kColumn) {
    ColumnUse use{s.rename.new_name, {}, s.offset, nullptr};
    if (const TableState* t = ctx.Table(s.table)) {
      if (auto it = t->columns.find(ToLower(s.rename.old_name)); it != t->columns.end()) {
        use.type = it->second;
      }
    }
    out.push_back(std::move(use));
  }
  return out;
}

// Lower-case letters, digits and underscores, not starting with a digit.
inline bool IsSnakeCase(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') return false;
  }
  return true;
}

// "table.column" for messages.
inline std::string ColumnLabel(const ParsedStatement& s, const std::string& column) {
  return s.table.Display() + "." + column;
}

// The shared body of the rules that discourage a column type: for each column `s`
// defines or retypes, `problem(type)` says what is wrong with its type, or returns
// an empty string when nothing is.
template <typename Problem>
void CheckColumnTypes(const ParsedStatement& s, const Context& ctx, const Emit& emit,
                      const Problem& problem) {
  for (const ColumnUse& c : ColumnsOf(s, ctx, kDefined | kRetyped)) {
    std::string what = problem(c.type);
    if (!what.empty()) emit(c.offset, "column " + ColumnLabel(s, c.name) + " " + what);
  }
}

}  // namespace schema_rules
}  // namespace strata::sql::lint
