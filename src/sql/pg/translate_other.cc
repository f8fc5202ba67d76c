// Every other statement kind the analysis cares about -> our model.
#include "base/strings.h"
#include "sql/pg/json_tree.h"

namespace strata::sql::pg {
namespace {

// DROP's object names come as List of String, String, TypeName or ObjectWithArgs.
QualifiedName DropName(const Json& obj) {
  std::vector<std::string> parts;
  if (const Json* list = Node(obj, "List")) {
    parts = Strings(list->value("items", Json::array()));
  } else if (const Json* s = Node(obj, "String")) {
    parts = {Str(*s, "sval")};
  } else if (const Json* tn = Node(obj, "TypeName")) {
    parts = Strings(tn->value("names", Json::array()));
  } else if (const Json* f = Node(obj, "ObjectWithArgs")) {
    parts = Strings(f->value("objname", Json::array()));
  }
  QualifiedName q;
  if (!parts.empty()) q.name = parts.back();
  if (parts.size() >= 2) q.schema = parts[parts.size() - 2];
  return q;
}

bool HasOption(const Json& n, const char* list_key, const char* option) {
  auto list = n.find(list_key);
  if (list == n.end() || !list->is_array()) return false;
  for (const Json& o : *list) {
    if (const Json* d = Node(o, "DefElem")) {
      if (ToLower(Str(*d, "defname")) == option) return true;
    }
  }
  return false;
}

}  // namespace

void TranslateIndex(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateIndex;
  out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  out.index.name = QualifiedName{out.table.schema, Str(n, "idxname")};
  out.index.unique = Bool(n, "unique");
  out.index.concurrently = Bool(n, "concurrent");
  out.index.if_not_exists = Bool(n, "if_not_exists");
  out.index.has_where = n.contains("whereClause");
  if (auto params = n.find("indexParams"); params != n.end() && params->is_array()) {
    for (const Json& p : *params) {
      if (const Json* e = Node(p, "IndexElem")) {
        const std::string name = Str(*e, "name");
        if (!name.empty()) out.index.columns.push_back(name);
      }
    }
  }
}

void TranslateDrop(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kDrop;
  out.drop.object = ObjectKindOf(Str(n, "removeType"));
  out.drop.concurrently = Bool(n, "concurrent");
  out.drop.if_exists = Bool(n, "missing_ok");
  out.drop.cascade = Str(n, "behavior") == "DROP_CASCADE";
  if (auto objects = n.find("objects"); objects != n.end() && objects->is_array()) {
    for (const Json& o : *objects) out.drop.names.push_back(DropName(o));
  }
  if (out.drop.object == ObjectKind::kTable && !out.drop.names.empty()) out.table = out.drop.names[0];
}

void TranslateRename(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kRename;
  out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  out.rename.object = ObjectKindOf(Str(n, "renameType"));
  out.rename.old_name = out.rename.object == ObjectKind::kTable ? out.table.name : Str(n, "subname");
  out.rename.new_name = Str(n, "newname");
}

void TranslateGrant(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kGrant;
  out.grant.is_grant = Bool(n, "is_grant");
  if (auto grantees = n.find("grantees"); grantees != n.end() && grantees->is_array()) {
    for (const Json& g : *grantees) {
      if (const Json* r = Node(g, "RoleSpec")) {
        if (Str(*r, "roletype") == "ROLESPEC_PUBLIC") out.grant.to_public = true;
      }
    }
  }
  if (auto privs = n.find("privileges"); privs != n.end() && privs->is_array()) {
    for (const Json& p : *privs) {
      if (const Json* a = Node(p, "AccessPriv")) out.grant.privileges.push_back(ToLower(Str(*a, "priv_name")));
    }
  }
}

void TranslateFunction(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateFunction;
  const std::vector<std::string> parts = Strings(n.value("funcname", Json::array()));
  if (!parts.empty()) out.function.name.name = parts.back();
  if (parts.size() >= 2) out.function.name.schema = parts[parts.size() - 2];
  if (auto opts = n.find("options"); opts != n.end() && opts->is_array()) {
    for (const Json& o : *opts) {
      const Json* d = Node(o, "DefElem");
      if (d == nullptr) continue;
      const std::string name = Str(*d, "defname");
      const Json& arg = d->contains("arg") ? (*d)["arg"] : Json();
      if (name == "security") {
        if (const Json* b = Node(arg, "Boolean")) out.function.security_definer = Bool(*b, "boolval");
      } else if (name == "set") {
        if (const Json* v = Node(arg, "VariableSetStmt")) {
          if (ToLower(Str(*v, "name")) == "search_path") out.function.sets_search_path = true;
        }
      } else if (name == "language") {
        if (const Json* s = Node(arg, "String")) out.function.language = ToLower(Str(*s, "sval"));
      }
    }
  }
}

void TranslateSet(const Json& n, ParsedStatement& out) {
  out.kind = StatementKind::kSet;
  out.set.name = ToLower(Str(n, "name"));
  out.set.local = Bool(n, "is_local");
  const std::string kind = Str(n, "kind");
  out.set.reset = kind == "VAR_RESET" || kind == "VAR_RESET_ALL" || kind == "VAR_SET_DEFAULT";
  if (auto args = n.find("args"); args != n.end() && args->is_array() && !args->empty()) {
    if (const Json* c = Node((*args)[0], "A_Const")) {
      if (auto s = c->find("sval"); s != c->end()) out.set.value = s->value("sval", "");
      if (auto i = c->find("ival"); i != c->end()) out.set.value = std::to_string(i->value("ival", 0));
    }
  }
}

void TranslateMaintenance(const std::string& type, const Json& n, ParsedStatement& out) {
  if (type == "VacuumStmt") {
    out.kind = StatementKind::kVacuum;
    out.vacuum_full = HasOption(n, "options", "full");
    if (auto rels = n.find("rels"); rels != n.end() && rels->is_array() && !rels->empty()) {
      if (const Json* vr = Node((*rels)[0], "VacuumRelation")) {
        out.table = RangeVarName(vr->contains("relation") ? &(*vr)["relation"] : nullptr);
      }
    }
  } else if (type == "ClusterStmt") {
    out.kind = StatementKind::kCluster;
    out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  } else if (type == "ReindexStmt") {
    out.kind = StatementKind::kReindex;
    out.reindex_concurrently = HasOption(n, "params", "concurrently");
    const std::string kind = Str(n, "kind");
    out.reindex_object = kind == "REINDEX_OBJECT_INDEX"    ? ObjectKind::kIndex
                         : kind == "REINDEX_OBJECT_TABLE"  ? ObjectKind::kTable
                         : kind == "REINDEX_OBJECT_SCHEMA" ? ObjectKind::kSchema
                                                           : ObjectKind::kDatabase;
    out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  }
}

void TranslateDml(const std::string& type, const Json& n, ParsedStatement& out) {
  out.kind = type == "DeleteStmt"   ? StatementKind::kDelete
             : type == "UpdateStmt" ? StatementKind::kUpdate
                                    : StatementKind::kInsert;
  out.table = RangeVarName(n.contains("relation") ? &n["relation"] : nullptr);
  out.has_where = n.contains("whereClause");
  if (type == "TruncateStmt") {
    out.kind = StatementKind::kTruncate;
    if (auto rels = n.find("relations"); rels != n.end() && rels->is_array() && !rels->empty()) {
      out.table = RangeVarName(Node((*rels)[0], "RangeVar"));
    }
  }
}

}  // namespace strata::sql::pg
