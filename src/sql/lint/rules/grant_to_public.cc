// grant-to-public: GRANT ... TO PUBLIC gives every role, present and future, access.
#include "base/strings.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class GrantToPublic final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "grant-to-public",
        Category::kSecurity,
        Severity::kError,
        "GRANT ... TO PUBLIC gives a privilege to every role in the database.",
        "PUBLIC includes every role that exists now or is created later, including read-only "
        "reporting users, other applications' roles and any account an attacker obtains; the "
        "grant is easy to miss in review and hard to audit afterwards.",
        "Grant to a named group role (CREATE ROLE app_readers NOLOGIN; GRANT SELECT ... TO "
        "app_readers) and add the login roles that need it to that group.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context&, const Emit& emit) const override {
    if (s.kind != StatementKind::kGrant || !s.grant.is_grant || !s.grant.to_public) return;
    const std::string what =
        s.grant.privileges.empty() ? std::string("all privileges") : Join(s.grant.privileges, ", ");
    emit(s.offset, "grants " + what + " to PUBLIC, that is to every role");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeGrantToPublic() { return std::make_unique<GrantToPublic>(); }

}  // namespace strata::sql::lint
