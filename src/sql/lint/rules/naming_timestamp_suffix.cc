// naming-timestamp-suffix: timestamp columns end with the configured suffix (_at).
#include <array>
#include <string_view>

#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// PostgreSQL's names (after libpg_query's normalization) and SQLite's usual spellings.
bool IsTimestamp(const TypeRef& t) {
  return !t.array && (t.name == "timestamp" || t.name == "timestamptz" || t.name == "datetime");
}

// Endings people use instead of the suffix, replaced in the suggested name.
constexpr std::array<std::string_view, 7> kOtherSuffixes = {
    "_timestamp", "_datetime", "_time", "_date", "_ts", "_on", "_at"};

std::string Suggest(const std::string& name, const std::string& suffix) {
  for (std::string_view other : kOtherSuffixes) {
    if (name.size() > other.size() &&
        name.compare(name.size() - other.size(), other.size(), other) == 0) {
      return name.substr(0, name.size() - other.size()) + suffix;
    }
  }
  return name + suffix;
}

class NamingTimestampSuffix final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "naming-timestamp-suffix",
        Category::kNaming,
        Severity::kWarning,
        "A timestamp column whose name does not end in the timestamp suffix (_at).",
        "A suffix makes an instant recognisable in every query: `created_at`, `deleted_at`, "
        "`last_login_at` (seed 004), where `created` or `deleted` could be a flag. It applies "
        "to timestamp and timestamptz (and SQLite's datetime) columns that CREATE TABLE or "
        "ALTER TABLE ADD COLUMN defines or RENAME COLUMN names. date columns are not checked: "
        "the seed names dates differently (`birth_date`, `_on`), and time or arrays of "
        "timestamps are not instants.",
        "End the name with the suffix: `created` -> `created_at`, `updated_time` -> "
        "`updated_at`. The suffix is timestamp_suffix under [lint.naming] in strata.toml; "
        "an empty suffix turns the rule off.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    const std::string& suffix = ctx.naming().timestamp_suffix;
    if (suffix.empty()) return;
    using schema_rules::ColumnUse;
    for (const ColumnUse& c :
         schema_rules::ColumnsOf(s, ctx, schema_rules::kDefined | schema_rules::kRenamed)) {
      if (!IsTimestamp(c.type)) continue;
      const std::string lower = ToLower(c.name);
      if (lower.size() >= suffix.size() &&
          lower.compare(lower.size() - suffix.size(), suffix.size(), ToLower(suffix)) == 0) {
        continue;
      }
      std::string message = c.type.name + " column " + schema_rules::ColumnLabel(s, c.name) +
                            " does not end in " + suffix;
      // Other names are naming-snake-case's to fix first.
      if (schema_rules::IsSnakeCase(c.name)) message += "; name it " + Suggest(c.name, suffix);
      emit(c.offset, std::move(message));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNamingTimestampSuffix() {
  return std::make_unique<NamingTimestampSuffix>();
}

}  // namespace strata::sql::lint
