// naming-snake-case: names of tables, columns, indexes and constraints in snake_case.
#include <optional>
#include <string_view>

#include "sql/lexer.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `name` in snake_case: a word boundary before each capital that follows a lower-case
// letter or digit, or that starts a word after an acronym ("HTTPServer" ->
// "http_server"); any other character becomes an underscore, one for a run.
std::string ToSnakeCase(std::string_view name) {
  std::string out;
  auto underscore = [&] {
    if (!out.empty() && out.back() != '_') out += '_';
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (IsUpper(c)) {
      const char prev = i > 0 ? name[i - 1] : '\0';
      const char next = i + 1 < name.size() ? name[i + 1] : '\0';
      if (IsLower(prev) || IsDigit(prev) || (IsUpper(prev) && IsLower(next))) underscore();
      out += static_cast<char>(c - 'A' + 'a');
    } else if (IsLower(c) || IsDigit(c) || c == '_') {
      out += c;
    } else {
      underscore();
    }
  }
  while (!out.empty() && out.back() == '_' && name.back() != '_') out.pop_back();
  return out;
}

// How `stored` was written in the statement: PostgreSQL folds an unquoted name to
// lower case (and the SQLite reader does the same), so `createdAt` arrives as
// "createdat", which looks like snake_case but lost its word boundary. Finds the
// first unquoted word spelled differently that folds to `stored`.
struct Spelling {
  std::string text;
  size_t offset = 0;  // in the script
};

char FoldCase(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `text` holds `stored` spelled in other letter cases anywhere: without
// that, no word of it can be the spelling WrittenAs looks for. Most statements
// spell their names as stored, and this saves lexing them once per name.
bool MaySpellOtherwise(std::string_view text, std::string_view stored) {
  if (stored.empty()) return false;
  for (size_t at = 0; at + stored.size() <= text.size(); ++at) {
    const std::string_view here = text.substr(at, stored.size());
    if (FoldCase(here[0]) != FoldCase(stored[0]) || here == stored) continue;
    if (EqualsIgnoreCase(here, stored)) return true;
  }
  return false;
}

std::optional<Spelling> WrittenAs(const ParsedStatement& s, const std::string& stored) {
  if (!MaySpellOtherwise(s.text, stored)) return std::nullopt;
  // The PostgreSQL lexer serves SQLite too here: only unquoted words matter.
  for (size_t at = 0; at < s.text.size();) {
    const Token t = TokenAt(s.text, at, Dialect::kPostgres);
    at += t.length;
    if (t.kind != TokenKind::kWord || t.length != stored.size()) continue;
    const std::string_view word = TokenText(s.text, t);
    if (word != stored && EqualsIgnoreCase(word, stored)) {
      return Spelling{std::string(word), s.offset + t.offset};
    }
  }
  return std::nullopt;
}

class NamingSnakeCase final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "naming-snake-case",
        Category::kNaming,
        Severity::kWarning,
        "A table, column, index or constraint name that is not snake_case.",
        "Names with capitals or other characters must be double-quoted in every query, or "
        "PostgreSQL folds them to lower case and `createdAt` silently becomes `createdat`; "
        "mixed conventions make a schema harder to read and to query from tools. The rule "
        "checks names as written: lower-case letters, digits and underscores, not starting "
        "with a digit.",
        "Rename to snake_case: words in lower case joined by underscores (`created_at`, "
        "`user_accounts`, `idx_users_email`).",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    auto check = [&](const std::string& what, const std::string& name, size_t offset) {
      if (name.empty()) return;
      const std::optional<Spelling> written = WrittenAs(s, name);
      const std::string& as_written = written ? written->text : name;
      const std::string suggestion = ToSnakeCase(as_written);
      if (schema_rules::IsSnakeCase(name) && suggestion == name) return;
      std::string message = what + " " + as_written + " is not snake_case";
      if (schema_rules::IsSnakeCase(suggestion)) message += "; name it " + suggestion;
      emit(written ? written->offset : offset, std::move(message));
    };
    auto constraint = [&](const Constraint& c, size_t fallback) {
      check("constraint", c.name, c.offset ? c.offset : fallback);
    };

    if (s.temporary) return;
    if (s.kind == StatementKind::kCreateTable) check("table", s.table.name, s.offset);
    for (const schema_rules::ColumnUse& c :
         schema_rules::ColumnsOf(s, ctx, schema_rules::kDefined)) {
      check("column", c.name, c.offset);
      for (const Constraint& fk : c.def->references) constraint(fk, c.offset);
    }
    for (const Constraint& c : s.constraints) constraint(c, s.offset);
    for (const AlterCmd& a : s.alters) {
      if (a.kind == AlterKind::kAddConstraint) constraint(a.constraint, a.offset);
    }
    if (s.kind == StatementKind::kCreateIndex) check("index", s.index.name.name, s.offset);
    if (s.kind == StatementKind::kRename) {
      const ObjectKind o = s.rename.object;
      const char* what = o == ObjectKind::kTable        ? "table"
                         : o == ObjectKind::kColumn     ? "column"
                         : o == ObjectKind::kIndex      ? "index"
                         : o == ObjectKind::kConstraint ? "constraint"
                                                        : nullptr;
      if (what) check(what, s.rename.new_name, s.offset);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNamingSnakeCase() { return std::make_unique<NamingSnakeCase>(); }

}  // namespace strata::sql::lint
