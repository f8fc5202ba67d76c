// security-definer-search-path: SECURITY DEFINER functions must pin search_path.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class SecurityDefinerSearchPath final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "security-definer-search-path",
        Category::kSecurity,
        Severity::kError,
        "CREATE FUNCTION ... SECURITY DEFINER without SET search_path.",
        "A SECURITY DEFINER function runs with its owner's privileges but resolves unqualified "
        "names through the caller's search_path. A caller who can create objects in any "
        "schema on that path (or in pg_temp) can shadow a table, function or operator the "
        "function uses and run their own code as the owner: a privilege escalation.",
        "Add SET search_path to the definition, listing only trusted schemas with pg_temp "
        "last (e.g. SET search_path = pg_catalog, app, pg_temp), and schema-qualify the names "
        "in the body; or drop SECURITY DEFINER if the function does not need it.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context&, const Emit& emit) const override {
    if (s.kind != StatementKind::kCreateFunction) return;
    if (!s.function.security_definer || s.function.sets_search_path) return;
    emit(s.offset, "function " + s.function.name.Display() +
                       " is SECURITY DEFINER but does not set search_path");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSecurityDefinerSearchPath() {
  return std::make_unique<SecurityDefinerSearchPath>();
}

}  // namespace strata::sql::lint
