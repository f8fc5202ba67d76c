// serial-type: serial, bigserial and smallserial instead of identity columns.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class SerialType final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "serial-type",
        Category::kTypes,
        Severity::kWarning,
        "A column of type serial, bigserial or smallserial.",
        "serial is not a type but shorthand for an integer column with a DEFAULT nextval() on a "
        "separate sequence: inserting roles need their own grant on the sequence, a copy made "
        "with CREATE TABLE ... LIKE keeps drawing from the original's sequence, and explicit ids "
        "inserted past the sequence collide with the values it hands out later.",
        "Use an identity column: `id bigint GENERATED ALWAYS AS IDENTITY` (or BY DEFAULT). It is "
        "the SQL-standard form, its sequence belongs to the column, and ALWAYS rejects explicit "
        "values unless OVERRIDING SYSTEM VALUE is given.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    schema_rules::CheckColumnTypes(s, ctx, emit, [](const TypeRef& t) {
      const std::string& n = t.name;
      const char* base = n == "serial" || n == "serial4"        ? "integer"
                         : n == "bigserial" || n == "serial8"   ? "bigint"
                         : n == "smallserial" || n == "serial2" ? "smallint"
                                                                : nullptr;
      if (base == nullptr) return std::string();
      return "is " + n + "; use " + base + " GENERATED ALWAYS AS IDENTITY";
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSerialType() { return std::make_unique<SerialType>(); }

}  // namespace strata::sql::lint
