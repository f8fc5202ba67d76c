// alter-domain-add-constraint: a constraint added to an existing domain is checked
// against every column of that type, in every table, under a lock that blocks
// writes.
//
// CREATE DOMAIN ... CHECK is fine: no column uses a new domain yet. So is a
// domain created earlier in the same migration.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class AlterDomainAddConstraint final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "alter-domain-add-constraint",
        Category::kLocking,
        Severity::kError,
        "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID, or SET NOT NULL, on an existing "
        "domain.",
        "PostgreSQL checks the new constraint against every stored value of every column, in "
        "every table, whose type is the domain, and holds a SHARE lock on each of those tables "
        "while it scans them: writes to all of them wait for the whole check. Which tables "
        "that is cannot be seen from the statement, and a column added later with the domain "
        "widens it without anyone noticing.",
        "Add a CHECK constraint with NOT VALID (only new values are checked, no scan), then "
        "run ALTER DOMAIN ... VALIDATE CONSTRAINT in a later migration, at a quiet time: on "
        "PostgreSQL 18 and older it still holds SHARE locks on those tables while it scans "
        "(reads go on, writes wait). A NOT NULL constraint cannot be added NOT VALID; prefer NOT "
        "NULL on the "
        "columns (see set-not-null) over NOT NULL on the domain.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kAlterDomain || ctx.DomainCreatedHere(s.domain.name)) return;
    const std::string domain = s.domain.name.Display();
    const std::string scan =
        ": every column of that type, in every table, is checked while "
        "writes to those tables wait";
    if (s.domain.action == DomainAction::kSetNotNull) {
      emit(s.offset, "sets domain " + domain + " NOT NULL" + scan);
      return;
    }
    if (s.domain.action != DomainAction::kAddConstraint) return;
    const Constraint& c = s.domain.constraint;
    if (c.not_valid) return;
    const std::string what = c.name.empty() ? "a constraint" : "constraint " + c.name;
    const std::string hint = c.kind == ConstraintKind::kCheck ? " (add it NOT VALID)" : "";
    emit(c.offset ? c.offset : s.offset, "adds " + what + " to domain " + domain + scan + hint);
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAlterDomainAddConstraint() {
  return std::make_unique<AlterDomainAddConstraint>();
}

}  // namespace strata::sql::lint
