// money-type: the locale-dependent money type.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class MoneyType final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "money-type",
        Category::kTypes,
        Severity::kWarning,
        "A column of type money.",
        "money takes its fractional precision, currency symbol and input and output format from "
        "the database's lc_monetary setting: data dumped from one database may not load, or may "
        "load differently, into one with another setting. It holds no currency, and rounds to "
        "that fixed precision on every operation.",
        "Use numeric with an explicit scale, e.g. numeric(19, 4), and store the currency code in "
        "a column of its own; or integer minor units (cents) in a bigint.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    schema_rules::CheckColumnTypes(s, ctx, emit, [](const TypeRef& t) {
      return t.name == "money" ? std::string("is money; use numeric") : std::string();
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMoneyType() { return std::make_unique<MoneyType>(); }

}  // namespace strata::sql::lint
