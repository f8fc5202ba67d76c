// Every other statement kind the analysis cares about -> our model.
#include "base/strings.h"
#include "sql/pg/json_tree.h"

namespace strata::sql::pg {
namespace {

// DROP's object names come as List of String, String, TypeName or ObjectWithArgs.
QualifiedName DropName(const JsonValue& obj) {
  std::vector<std::string> parts;
  if (const JsonValue* list = Node(obj, "List")) {
    parts = Strings(list->Find("items"));
  } else if (const JsonValue* s = Node(obj, "String")) {
    parts = {Str(*s, "sval")};
  } else if (const JsonValue* tn = Node(obj, "TypeName")) {
    parts = Strings(tn->Find("names"));
  } else if (const JsonValue* f = Node(obj, "ObjectWithArgs")) {
    parts = Strings(f->Find("objname"));
  }
  QualifiedName q;
  if (!parts.empty()) q.name = parts.back();
  if (parts.size() >= 2) q.schema = parts[parts.size() - 2];
  return q;
}

bool HasOption(const JsonValue& n, const char* list_key, const char* option) {
  const JsonValue* list = n.Find(list_key);
  if (list == nullptr || !list->IsArray()) return false;
  for (const JsonValue& o : *list) {
    if (const JsonValue* d = Node(o, "DefElem")) {
      if (ToLower(Str(*d, "defname")) == option) return true;
    }
  }
  return false;
}

}  // namespace

void TranslateIndex(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateIndex;
  out.table = RangeVarName(n.Find("relation"));
  out.index.name = QualifiedName{out.table.schema, Str(n, "idxname")};
  out.index.unique = Bool(n, "unique");
  out.index.concurrently = Bool(n, "concurrent");
  out.index.if_not_exists = Bool(n, "if_not_exists");
  out.index.has_where = n.Has("whereClause");
  if (const JsonValue* params = n.Find("indexParams"); params != nullptr && params->IsArray()) {
    for (const JsonValue& p : *params) {
      if (const JsonValue* e = Node(p, "IndexElem")) {
        const std::string name = Str(*e, "name");
        if (!name.empty()) out.index.columns.push_back(name);
      }
    }
  }
}

void TranslateDrop(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kDrop;
  out.drop.object = ObjectKindOf(Str(n, "removeType"));
  out.drop.concurrently = Bool(n, "concurrent");
  out.drop.if_exists = Bool(n, "missing_ok");
  out.drop.cascade = Str(n, "behavior") == "DROP_CASCADE";
  if (const JsonValue* objects = n.Find("objects"); objects != nullptr && objects->IsArray()) {
    for (const JsonValue& o : *objects) out.drop.names.push_back(DropName(o));
  }
  if (out.drop.object == ObjectKind::kTable && !out.drop.names.empty())
    out.table = out.drop.names[0];
}

void TranslateDropDatabase(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kDrop;
  out.drop.object = ObjectKind::kDatabase;
  out.drop.if_exists = Bool(n, "missing_ok");
  out.drop.names.push_back(QualifiedName{"", Str(n, "dbname")});
}

void TranslateRename(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kRename;
  out.table = RangeVarName(n.Find("relation"));
  out.rename.object = ObjectKindOf(Str(n, "renameType"));
  out.rename.old_name =
      out.rename.object == ObjectKind::kTable ? out.table.name : Str(n, "subname");
  out.rename.new_name = Str(n, "newname");
}

void TranslateGrant(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kGrant;
  out.grant.is_grant = Bool(n, "is_grant");
  if (const JsonValue* grantees = n.Find("grantees"); grantees != nullptr && grantees->IsArray()) {
    for (const JsonValue& g : *grantees) {
      if (const JsonValue* r = Node(g, "RoleSpec")) {
        if (Str(*r, "roletype") == "ROLESPEC_PUBLIC") out.grant.to_public = true;
      }
    }
  }
  if (const JsonValue* privs = n.Find("privileges"); privs != nullptr && privs->IsArray()) {
    for (const JsonValue& p : *privs) {
      if (const JsonValue* a = Node(p, "AccessPriv"))
        out.grant.privileges.push_back(ToLower(Str(*a, "priv_name")));
    }
  }
}

void TranslateFunction(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateFunction;
  const std::vector<std::string> parts = Strings(n.Find("funcname"));
  if (!parts.empty()) out.function.name.name = parts.back();
  if (parts.size() >= 2) out.function.name.schema = parts[parts.size() - 2];
  if (const JsonValue* opts = n.Find("options"); opts != nullptr && opts->IsArray()) {
    for (const JsonValue& o : *opts) {
      const JsonValue* d = Node(o, "DefElem");
      if (d == nullptr) continue;
      const std::string name = Str(*d, "defname");
      const JsonValue* arg = d->Find("arg");
      if (arg == nullptr) continue;
      if (name == "security") {
        if (const JsonValue* b = Node(*arg, "Boolean"))
          out.function.security_definer = Bool(*b, "boolval");
      } else if (name == "set") {
        if (const JsonValue* v = Node(*arg, "VariableSetStmt")) {
          if (ToLower(Str(*v, "name")) == "search_path") out.function.sets_search_path = true;
        }
      } else if (name == "language") {
        if (const JsonValue* s = Node(*arg, "String"))
          out.function.language = ToLower(Str(*s, "sval"));
      }
    }
  }
}

void TranslateSet(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kSet;
  out.set.name = ToLower(Str(n, "name"));
  out.set.local = Bool(n, "is_local");
  const std::string kind = Str(n, "kind");
  out.set.reset = kind == "VAR_RESET" || kind == "VAR_RESET_ALL" || kind == "VAR_SET_DEFAULT";
  if (const JsonValue* args = n.Find("args");
      args != nullptr && args->IsArray() && !args->empty()) {
    if (const JsonValue* c = Node(*args->begin(), "A_Const")) {
      // {"sval": {"sval": "2s"}} or {"ival": {"ival": 0}}; an empty or zero value is left out.
      if (const JsonValue* s = c->Find("sval")) out.set.value = Str(*s, "sval");
      if (const JsonValue* i = c->Find("ival")) out.set.value = std::to_string(Int(*i, "ival"));
    }
  }
}

void TranslateMaintenance(std::string_view type, const JsonValue& n, ParsedStatement& out) {
  if (type == "VacuumStmt") {
    out.kind = StatementKind::kVacuum;
    out.vacuum_full = HasOption(n, "options", "full");
    if (const JsonValue* rels = n.Find("rels");
        rels != nullptr && rels->IsArray() && !rels->empty()) {
      if (const JsonValue* vr = Node(*rels->begin(), "VacuumRelation")) {
        out.table = RangeVarName(vr->Find("relation"));
      }
    }
  } else if (type == "ClusterStmt") {
    out.kind = StatementKind::kCluster;
    out.table = RangeVarName(n.Find("relation"));
  } else if (type == "ReindexStmt") {
    out.kind = StatementKind::kReindex;
    out.reindex_concurrently = HasOption(n, "params", "concurrently");
    const std::string kind = Str(n, "kind");
    out.reindex_object = kind == "REINDEX_OBJECT_INDEX"    ? ObjectKind::kIndex
                         : kind == "REINDEX_OBJECT_TABLE"  ? ObjectKind::kTable
                         : kind == "REINDEX_OBJECT_SCHEMA" ? ObjectKind::kSchema
                                                           : ObjectKind::kDatabase;
    out.table = RangeVarName(n.Find("relation"));
  }
}

void TranslateDml(std::string_view type, const JsonValue& n, ParsedStatement& out) {
  out.kind = type == "DeleteStmt"   ? StatementKind::kDelete
             : type == "UpdateStmt" ? StatementKind::kUpdate
                                    : StatementKind::kInsert;
  out.table = RangeVarName(n.Find("relation"));
  out.has_where = n.Has("whereClause");
  if (const JsonValue* targets = n.Find("targetList");
      type == "UpdateStmt" && targets != nullptr && targets->IsArray()) {
    for (const JsonValue& t : *targets) {
      const JsonValue* r = Node(t, "ResTarget");
      if (r == nullptr) continue;
      out.assignments.push_back({Str(*r, "name"), r->Has("indirection"), Location(*r, out.offset)});
    }
  }
  if (type == "TruncateStmt") {
    out.kind = StatementKind::kTruncate;
    if (const JsonValue* rels = n.Find("relations");
        rels != nullptr && rels->IsArray() && !rels->empty()) {
      out.table = RangeVarName(Node(*rels->begin(), "RangeVar"));
    }
  }
}

}  // namespace strata::sql::pg
