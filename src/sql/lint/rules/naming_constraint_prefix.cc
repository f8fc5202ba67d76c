// naming-constraint-prefix: named constraints start with the prefix of their kind.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// The configured prefix for constraints of `kind`, or nullptr for kinds without one.
const std::string* PrefixFor(ConstraintKind kind, const NamingOptions& naming) {
  switch (kind) {
    case ConstraintKind::kPrimaryKey:
      return &naming.primary_key_prefix;
    case ConstraintKind::kUnique:
      return &naming.unique_prefix;
    case ConstraintKind::kForeignKey:
      return &naming.foreign_key_prefix;
    case ConstraintKind::kCheck:
      return &naming.check_prefix;
    default:
      return nullptr;
  }
}

const char* KindName(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::kPrimaryKey:
      return "primary key";
    case ConstraintKind::kUnique:
      return "unique constraint";
    case ConstraintKind::kForeignKey:
      return "foreign key";
    default:
      return "check constraint";
  }
}

class NamingConstraintPrefix final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "naming-constraint-prefix",
        Category::kNaming,
        Severity::kWarning,
        "A named constraint without the prefix of its kind (pk_, uq_, fk_, ck_).",
        "The prefix says what a constraint is when it appears in an error message "
        "(`violates check constraint ck_orders_total_non_negative`) or a migration that drops "
        "it. Only names the migration writes are checked: an unnamed constraint gets "
        "PostgreSQL's predictable name (users_pkey, orders_user_id_fkey), which seed 004 "
        "accepts, and requiring a name on every inline PRIMARY KEY or REFERENCES would flag "
        "nearly every table. A renamed constraint (RENAME CONSTRAINT) must start with one of "
        "the prefixes, since the rename does not say its kind. Exclusion constraints have no "
        "configured prefix and are not "
        "checked.",
        "Name constraints `<prefix><table>_<columns or purpose>`: `CONSTRAINT fk_orders_user_id "
        "FOREIGN KEY (user_id) REFERENCES users (id)`, `CONSTRAINT ck_orders_total_positive "
        "CHECK (total > 0)`, `pk_users`, `uq_users_email`. The prefixes are "
        "primary_key_prefix, unique_prefix, foreign_key_prefix and check_prefix under "
        "[lint.naming] in strata.toml; an empty prefix turns its check off.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    const NamingOptions& naming = ctx.naming();
    auto check = [&](const Constraint& c, size_t fallback) {
      const std::string* prefix = PrefixFor(c.kind, naming);
      if (c.name.empty() || prefix == nullptr || prefix->empty() ||
          StartsWithIgnoreCase(c.name, *prefix)) {
        return;
      }
      emit(c.offset ? c.offset : fallback, std::string(KindName(c.kind)) + " " + c.name + " on " +
                                               s.table.Display() + " does not start with " +
                                               *prefix);
    };
    if (s.kind == StatementKind::kRename && s.rename.object == ObjectKind::kConstraint) {
      // The rename does not say what kind of constraint it is: any prefix will do.
      const std::string& name = s.rename.new_name;
      std::string list;
      for (ConstraintKind k : {ConstraintKind::kPrimaryKey, ConstraintKind::kUnique,
                               ConstraintKind::kForeignKey, ConstraintKind::kCheck}) {
        const std::string& prefix = *PrefixFor(k, naming);
        if (prefix.empty() || StartsWithIgnoreCase(name, prefix)) return;
        list += (list.empty() ? "" : ", ") + prefix;
      }
      emit(s.offset, "constraint name " + name + " starts with none of " + list);
      return;
    }
    if (s.temporary) return;
    for (const Constraint& c : s.constraints) check(c, s.offset);
    for (const ColumnDef& col : s.columns) {
      for (const Constraint& fk : col.references) check(fk, col.offset);
    }
    for (const AlterCmd& a : s.alters) {
      if (a.kind == AlterKind::kAddConstraint) check(a.constraint, a.offset);
      for (const Constraint& fk : a.column_def.references) check(fk, a.offset);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNamingConstraintPrefix() {
  return std::make_unique<NamingConstraintPrefix>();
}

}  // namespace strata::sql::lint
