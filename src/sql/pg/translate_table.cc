// CREATE TABLE and ALTER TABLE -> our model.
#include "sql/pg/json_tree.h"

namespace strata::sql::pg {

void TranslateCreateTable(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateTable;
  const JsonValue* relation = n.Find("relation");
  out.table = RangeVarName(relation);
  out.if_not_exists = Bool(n, "if_not_exists");
  out.partitioned = n.Has("partspec");
  out.partition_of = n.Has("partbound");
  if (relation) out.temporary = Str(*relation, "relpersistence") == "t";
  if (const JsonValue* elts = n.Find("tableElts"); elts != nullptr && elts->IsArray()) {
    for (const JsonValue& e : *elts) {
      if (const JsonValue* col = Node(e, "ColumnDef")) out.columns.push_back(ColumnOf(*col));
      if (const JsonValue* c = Node(e, "Constraint")) out.constraints.push_back(ConstraintOf(*c));
    }
  }
}

void TranslateAlterTable(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kAlterTable;
  const JsonValue* relation = n.Find("relation");
  out.table = RangeVarName(relation);
  const size_t fallback = relation ? Location(*relation, out.offset) : out.offset;
  const JsonValue* cmds = n.Find("cmds");
  if (cmds == nullptr || !cmds->IsArray()) return;
  for (const JsonValue& w : *cmds) {
    const JsonValue* c = Node(w, "AlterTableCmd");
    if (c == nullptr) continue;
    AlterCmd cmd;
    const std::string sub = Str(*c, "subtype");
    cmd.column = Str(*c, "name");
    cmd.if_exists = Bool(*c, "missing_ok");
    cmd.cascade = Str(*c, "behavior") == "DROP_CASCADE";
    cmd.offset = fallback;
    const JsonValue* def = c->Find("def");
    if (sub == "AT_AddColumn") {
      cmd.kind = AlterKind::kAddColumn;
      if (def) {
        if (const JsonValue* col = Node(*def, "ColumnDef")) {
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
        if (const JsonValue* col = Node(*def, "ColumnDef")) {
          cmd.new_type = TypeOf(col->Find("typeName"));
          cmd.has_using = col->Has("raw_default");
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
        if (const JsonValue* con = Node(*def, "Constraint")) {
          cmd.constraint = ConstraintOf(*con);
          cmd.name = cmd.constraint.name;
          cmd.offset = cmd.constraint.offset ? cmd.constraint.offset : fallback;
        }
      }
    } else if (sub == "AT_ValidateConstraint") {
      cmd.kind = AlterKind::kValidateConstraint;
      cmd.name = cmd.column;
      cmd.column.clear();
    } else if (sub == "AT_DetachPartition") {
      cmd.kind = AlterKind::kDetachPartition;
      if (const JsonValue* part = def ? Node(*def, "PartitionCmd") : nullptr) {
        cmd.concurrently = Bool(*part, "concurrent");
        cmd.partition = RangeVarName(part->Find("name"));
      }
    } else if (sub == "AT_DropConstraint") {
      cmd.kind = AlterKind::kDropConstraint;
      cmd.name = cmd.column;
      cmd.column.clear();
    }
    out.alters.push_back(std::move(cmd));
  }
}

}  // namespace strata::sql::pg
