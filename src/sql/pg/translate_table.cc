// CREATE TABLE and ALTER TABLE -> our model.
#include "sql/pg/json_tree.h"

namespace strata::sql::pg {

void TranslateCreateTable(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateTable;
  out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  out.if_not_exists = Bool(n, "if_not_exists");
  out.partitioned = n.contains("partspec");
  out.partition_of = n.contains("partbound");
  if (n.contains("relation")) out.temporary = Str(n["relation"], "relpersistence") == "t";
  if (auto elts = n.find("tableElts"); elts != n.end() && elts->is_array()) {
    for (const Json& e : *elts) {
      if (const Json* col = Node(e, "ColumnDef")) out.columns.push_back(ColumnOf(*col));
      if (const Json* c = Node(e, "Constraint")) out.constraints.push_back(ConstraintOf(*c));
    }
  }
}

void TranslateAlterTable(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kAlterTable;
  out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  const size_t fallback = n.contains("relation") ? Location(n["relation"], out.offset) : out.offset;
  auto cmds = n.find("cmds");
  if (cmds == n.end() || !cmds->is_array()) return;
  for (const Json& w : *cmds) {
    const Json* c = Node(w, "AlterTableCmd");
    if (c == nullptr) continue;
    AlterCmd cmd;
    const std::string sub = Str(*c, "subtype");
    cmd.column = Str(*c, "name");
    cmd.if_exists = Bool(*c, "missing_ok");
    cmd.cascade = Str(*c, "behavior") == "DROP_CASCADE";
    cmd.offset = fallback;
    const Json* def = c->contains("def") ? &(*c)["def"] : nullptr;
    if (sub == "AT_AddColumn") {
      cmd.kind = AlterKind::kAddColumn;
      if (def) {
        if (const Json* col = Node(*def, "ColumnDef")) {
          cmd.column_def = ColumnOf(*col);
          cmd.column = cmd.column_def.name;
          cmd.offset = cmd.column_def.offset;
        }
      }
    } else if (sub == "AT_DropColumn") {
      cmd.kind = AlterKind::kDropColumn;
    } else if (sub == "AT_AlterColumnType") {
      cmd.kind = AlterKind::kAlterColumnType;
      if (def) {
        if (const Json* col = Node(*def, "ColumnDef")) {
          cmd.new_type = TypeOf(col->contains("typeName") ? &(*col)["typeName"] : nullptr);
          cmd.has_using = col->contains("raw_default");
          cmd.offset = Location(*col, fallback);
        }
      }
    } else if (sub == "AT_SetNotNull") {
      cmd.kind = AlterKind::kSetNotNull;
    } else if (sub == "AT_DropNotNull") {
      cmd.kind = AlterKind::kDropNotNull;
    } else if (sub == "AT_ColumnDefault") {
      cmd.kind = def ? AlterKind::kSetDefault : AlterKind::kDropDefault;
      if (def) cmd.default_kind = ClassifyDefault(*def);
    } else if (sub == "AT_AddConstraint") {
      cmd.kind = AlterKind::kAddConstraint;
      if (def) {
        if (const Json* con = Node(*def, "Constraint")) {
          cmd.constraint = ConstraintOf(*con);
          cmd.name = cmd.constraint.name;
          cmd.offset = cmd.constraint.offset ? cmd.constraint.offset : fallback;
        }
      }
    } else if (sub == "AT_ValidateConstraint") {
      cmd.kind = AlterKind::kValidateConstraint;
      cmd.name = cmd.column;
      cmd.column.clear();
    } else if (sub == "AT_DropConstraint") {
      cmd.kind = AlterKind::kDropConstraint;
      cmd.name = cmd.column;
      cmd.column.clear();
    }
    out.alters.push_back(std::move(cmd));
  }
}

}  // namespace strata::sql::pg
