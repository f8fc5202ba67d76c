#include "catalog/change.h"

namespace strata::catalog {

std::string_view ObjectKindName(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kSchema:
      return "schema";
    case ObjectKind::kExtension:
      return "extension";
    case ObjectKind::kEnum:
      return "enum";
    case ObjectKind::kDomain:
      return "domain";
    case ObjectKind::kCompositeType:
      return "composite_type";
    case ObjectKind::kSequence:
      return "sequence";
    case ObjectKind::kSequenceOwner:
      return "sequence_owner";
    case ObjectKind::kFunction:
      return "function";
    case ObjectKind::kTable:
      return "table";
    case ObjectKind::kColumn:
      return "column";
    case ObjectKind::kConstraint:
      return "constraint";
    case ObjectKind::kIndex:
      return "index";
    case ObjectKind::kView:
      return "view";
    case ObjectKind::kTrigger:
      return "trigger";
    case ObjectKind::kPolicy:
      return "policy";
  }
  return "object";
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kCreate:
      return "create";
    case Action::kDrop:
      return "drop";
    case Action::kAlter:
      return "alter";
  }
  return "alter";
}

std::string ChangeTarget(const Change& change) {
  std::string out = change.name.schema.empty() ? "" : change.name.schema + ".";
  out += change.name.name;
  if (change.member.empty()) return out;
  if (change.kind == ObjectKind::kFunction) return out + "(" + change.member + ")";
  return out + "." + change.member;
}

}  // namespace strata::catalog
