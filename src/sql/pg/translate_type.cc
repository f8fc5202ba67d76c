// CREATE DOMAIN, ALTER DOMAIN and ALTER TYPE ... ADD/RENAME VALUE -> our model.
#include "sql/pg/json_tree.h"

namespace strata::sql::pg {
namespace {

// ["s", "d"] -> s.d
QualifiedName NameOf(const JsonValue* list) {
  const std::vector<std::string> parts = Strings(list);
  QualifiedName q;
  if (!parts.empty()) q.name = parts.back();
  if (parts.size() >= 2) q.schema = parts[parts.size() - 2];
  return q;
}

}  // namespace

void TranslateCreateDomain(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kCreateDomain;
  out.domain.name = NameOf(n.Find("domainname"));
}

void TranslateAlterDomain(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kAlterDomain;
  out.domain.name = NameOf(n.Find("typeName"));
  // AlterDomainStmt's subtype is one letter: C add constraint, O set not null,
  // V validate constraint, X drop constraint (T default, N drop not null).
  const std::string subtype = Str(n, "subtype");
  if (subtype == "C") {
    out.domain.action = DomainAction::kAddConstraint;
    if (const JsonValue* def = n.Find("def")) {
      if (const JsonValue* c = Node(*def, "Constraint")) out.domain.constraint = ConstraintOf(*c);
    }
    out.domain.constraint_name = out.domain.constraint.name;
  } else if (subtype == "O") {
    out.domain.action = DomainAction::kSetNotNull;
  } else if (subtype == "V" || subtype == "X") {
    out.domain.action =
        subtype == "V" ? DomainAction::kValidateConstraint : DomainAction::kDropConstraint;
    out.domain.constraint_name = Str(n, "name");
  }
}

void TranslateAlterEnum(const JsonValue& n, ParsedStatement& out) {
  out.kind = StatementKind::kAlterEnum;
  out.enum_value.type = NameOf(n.Find("typeName"));
  out.enum_value.value = Str(n, "newVal");
  out.enum_value.rename = n.Has("oldVal");
  out.enum_value.neighbor = Str(n, "newValNeighbor");
  out.enum_value.after = Bool(n, "newValIsAfter");
}

}  // namespace strata::sql::pg
