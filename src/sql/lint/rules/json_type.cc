// json-type: json, the text-backed JSON type, instead of jsonb.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class JsonType final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "json-type",
        Category::kTypes,
        Severity::kWarning,
        "A column of type json.",
        "json stores the input text as is and reparses it on every access; it has no equality "
        "operator (so no DISTINCT, GROUP BY or UNIQUE on it) and no GIN index support.",
        "Use jsonb: it is stored parsed, supports containment operators and GIN indexes, and "
        "compares by value. Keep json only when the exact input text (key order, duplicate "
        "keys, whitespace) must be preserved; suppress the finding with that reason.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    schema_rules::CheckColumnTypes(s, ctx, emit, [](const TypeRef& t) {
      return t.name == "json" ? std::string("is json; use jsonb") : std::string();
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeJsonType() { return std::make_unique<JsonType>(); }

}  // namespace strata::sql::lint
