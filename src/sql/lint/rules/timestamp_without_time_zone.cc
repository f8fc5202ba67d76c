// timestamp-without-time-zone: a timestamp column that does not know its time zone.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class TimestampWithoutTimeZone final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "timestamp-without-time-zone",
        Category::kTypes,
        Severity::kWarning,
        "A column of type timestamp (without time zone).",
        "A timestamp without time zone stores a wall-clock reading, not an instant: the same "
        "value means different moments for servers and clients in different zones, and "
        "arithmetic across a daylight-saving change is off by an hour. Converting later rewrites "
        "the table under an ACCESS EXCLUSIVE lock (PostgreSQL 12+ skips the rewrite only when "
        "the session time zone is UTC).",
        "Use timestamptz (timestamp with time zone): it stores an instant and converts to the "
        "session's zone on output. It takes the same 8 bytes.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    schema_rules::CheckColumnTypes(s, ctx, emit, [](const TypeRef& t) {
      return t.name == "timestamp" ? std::string("is timestamp without time zone; use timestamptz")
                                   : std::string();
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTimestampWithoutTimeZone() {
  return std::make_unique<TimestampWithoutTimeZone>();
}

}  // namespace strata::sql::lint
