// naming-plural-tables: table names are plural nouns ("users", not "user").
#include <algorithm>
#include <array>
#include <string_view>

#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// Plurals that do not end in "s", and nouns without a plural that name a collection.
constexpr std::array<std::string_view, 15> kIrregular = {
    "data",   "metadata", "media",     "criteria",    "people",   "children", "men",     "women",
    "alumni", "staff",    "equipment", "information", "feedback", "software", "aircraft"};
// Plurals ending in "us", against the singulars that do (status, bonus, campus).
constexpr std::array<std::string_view, 4> kPluralUs = {"menus", "gurus", "emus", "haikus"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// The word a table name is judged by: its last underscore-separated part, skipping
// trailing parts that are all digits ("events_2024" -> "events").
std::string_view LastWord(std::string_view name) {
  while (true) {
    const size_t cut = name.rfind('_');
    std::string_view word = cut == std::string_view::npos ? name : name.substr(cut + 1);
    const bool digits = !word.empty() && std::all_of(word.begin(), word.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || cut == std::string_view::npos) return word;
    name = name.substr(0, cut);
  }
}

// The heuristic: an irregular plural, or a word ending in "s" but not in "ss" (address),
// "us" (status) or "sis" (analysis).
bool LooksPlural(std::string_view word) {
  if (In(kIrregular, word) || In(kPluralUs, word)) return true;
  return EndsWith(word, "s") && !EndsWith(word, "ss") && !EndsWith(word, "us") &&
         !EndsWith(word, "sis");
}

// A plural of `word` by the regular English rules, for the message.
std::string Pluralize(std::string_view word) {
  const std::string w(word);
  if (EndsWith(w, "sis")) return w.substr(0, w.size() - 2) + "es";
  if (EndsWith(w, "y") && w.size() > 1 &&
      std::string_view("aeiou").find(w[w.size() - 2]) == std::string_view::npos) {
    return w.substr(0, w.size() - 1) + "ies";
  }
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
      EndsWith(w, "sh")) {
    return w + "es";
  }
  return w + "s";
}

class NamingPluralTables final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "naming-plural-tables",
        Category::kNaming,
        Severity::kWarning,
        "A table name that does not look plural.",
        "A table holds many rows of one kind, and the convention (seed 004) names it with a "
        "plural noun: `users`, `order_items`. Mixing `user` and `orders` makes every query a "
        "guess. The check is a heuristic on the last word of the name (after trailing numeric "
        "parts such as a year): it is plural when it ends in \"s\" but not in \"ss\", \"us\" or "
        "\"sis\" (address, status, analysis), or is a known irregular plural or collective noun "
        "(data, metadata, media, people, children, series, staff, ...). Partitions (PARTITION "
        "OF) and temporary tables are not checked.",
        "Name the table with the plural of its last word: `user_role` -> `user_roles`, "
        "`category` -> `categories`. If the heuristic is wrong for your word, suppress the "
        "finding with that reason.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& /*ctx*/, const Emit& emit) const override {
    std::string name;
    if (s.kind == StatementKind::kCreateTable && !s.partition_of && !s.temporary) {
      name = s.table.name;
    } else if (s.kind == StatementKind::kRename && s.rename.object == ObjectKind::kTable) {
      name = s.rename.new_name;
    }
    if (name.empty()) return;
    const std::string lower = ToLower(name);
    const std::string_view word = LastWord(lower);
    if (word.empty() || LooksPlural(word)) return;
    std::string message = "table name " + name + " is not plural";
    // Other names are naming-snake-case's to fix first.
    if (schema_rules::IsSnakeCase(name)) {
      const size_t at = word.data() - lower.data();
      message +=
          "; name it " + lower.substr(0, at) + Pluralize(word) + lower.substr(at + word.size());
    }
    emit(s.offset, std::move(message));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNamingPluralTables() { return std::make_unique<NamingPluralTables>(); }

}  // namespace strata::sql::lint
