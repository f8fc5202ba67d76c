// enum-value-not-at-end: ALTER TYPE ... ADD VALUE ... BEFORE/AFTER inserts an enum
// value among the existing ones instead of appending it.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class EnumValueNotAtEnd final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "enum-value-not-at-end",
        Category::kTypes,
        Severity::kWarning,
        "ALTER TYPE ... ADD VALUE with BEFORE or AFTER: a new enum value placed among the "
        "existing ones.",
        "An enum sorts by the position of its values, not by name. Inserting one in the middle "
        "changes what ORDER BY, <, > and min/max return for queries and reports that relied "
        "on the old positions, and code that maps values by their ordinal shifts. It also "
        "costs speed: PostgreSQL gives values that sort in OID order even OIDs, so comparing "
        "two of them is a plain OID comparison; a value inserted in the middle usually gets an "
        "odd OID, and every comparison involving it looks up the sort order (until the type is "
        "dropped and recreated, or the database dumped and reloaded). Like any ADD VALUE, it "
        "cannot run in a transaction block before PostgreSQL 12, and from 12 on the new value "
        "cannot be used until the transaction that added it commits.",
        "Append new values at the end (ADD VALUE without BEFORE or AFTER) and let code that "
        "needs another order sort by an explicit rank column or CASE expression. If the order "
        "really must change, create a new enum type and convert the columns to it in an "
        "expand/contract change. Use the new value only in a later migration, or add it in a "
        "-- strata:no-transaction one.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kAlterEnum || s.enum_value.rename) return;
    if (s.enum_value.neighbor.empty()) return;  // appended at the end
    std::string message = "adds value '" + s.enum_value.value + "' to enum " +
                          s.enum_value.type.Display() +
                          (s.enum_value.after ? " after '" : " before '") + s.enum_value.neighbor +
                          "': enums sort by position, so ORDER BY and comparisons on this type "
                          "see it between existing values, and comparisons with it are slower";
    if (ctx.options().transactional) {
      message += "; it cannot be used before this migration's transaction commits";
    }
    emit(s.offset, std::move(message));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeEnumValueNotAtEnd() { return std::make_unique<EnumValueNotAtEnd>(); }

}  // namespace strata::sql::lint
