// char-type: char(n), the blank-padded fixed-length string type.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class CharType final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "char-type",
        Category::kTypes,
        Severity::kWarning,
        "A column of type char(n) (character, bpchar).",
        "char(n) pads every value with spaces to n characters and ignores trailing spaces in "
        "comparisons, which surprises applications and ORMs; it is no faster than text or "
        "varchar in PostgreSQL, and widening it later rewrites the table.",
        "Use text, with a CHECK (length(col) <= n) constraint if the length matters, or "
        "varchar(n).",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    // libpg_query spells char(n) and character(n) "bpchar"; the single-byte internal
    // type written "char" (quoted) is a different type and is left alone.
    schema_rules::CheckColumnTypes(s, ctx, emit, [](const TypeRef& t) {
      if (t.name != "bpchar") return std::string();
      const std::string n = t.modifiers.empty() ? "1" : std::to_string(t.modifiers[0]);
      return "is char(" + n + "), padded with spaces; use text or varchar(" + n + ")";
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCharType() { return std::make_unique<CharType>(); }

}  // namespace strata::sql::lint
