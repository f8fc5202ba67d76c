// naming-boolean-prefix: boolean columns start with one of the configured prefixes (is_, has_).
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// PostgreSQL's name (after libpg_query's normalization) and SQLite's usual spellings.
bool IsBoolean(const TypeRef& t) { return !t.array && (t.name == "bool" || t.name == "boolean"); }

class NamingBooleanPrefix final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "naming-boolean-prefix",
        Category::kNaming,
        Severity::kWarning,
        "A boolean column whose name does not start with a boolean prefix (is_, has_).",
        "A prefix makes a column read as a yes/no question: `is_active`, `has_discount` (seed "
        "004), where `active` or `discount` could hold a status or an amount. It applies to "
        "boolean columns that CREATE TABLE or ALTER TABLE ADD COLUMN defines or RENAME COLUMN "
        "names.",
        "Start the name with one of the prefixes: `active` -> `is_active`. The prefixes are "
        "boolean_prefixes under [lint.naming] in strata.toml (seed 004 also uses can_ and "
        "should_); an empty list turns the rule off.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    const std::vector<std::string>& prefixes = ctx.naming().boolean_prefixes;
    if (prefixes.empty()) return;
    using schema_rules::ColumnUse;
    for (const ColumnUse& c :
         schema_rules::ColumnsOf(s, ctx, schema_rules::kDefined | schema_rules::kRenamed)) {
      if (!IsBoolean(c.type)) continue;
      bool ok = false;
      for (const std::string& p : prefixes) ok = ok || StartsWithIgnoreCase(c.name, p);
      if (ok) continue;
      std::string message = "boolean column " + schema_rules::ColumnLabel(s, c.name) +
                            " does not start with " + Join(prefixes, " or ");
      // Other names are naming-snake-case's to fix first.
      if (schema_rules::IsSnakeCase(c.name))
        message += "; name it e.g. " + prefixes.front() + c.name;
      emit(c.offset, std::move(message));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNamingBooleanPrefix() { return std::make_unique<NamingBooleanPrefix>(); }

}  // namespace strata::sql::lint
