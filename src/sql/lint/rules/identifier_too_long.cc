// identifier-too-long: PostgreSQL cuts identifiers to 63 bytes without an error.
//
// The parser has already cut the names in our model, so the rule reads the
// statement's tokens: a quoted or unquoted identifier longer than 63 bytes whose
// cut form is a name the statement defines.
#include <cctype>
#include <set>
#include <string_view>

#include "sql/lexer.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// NAMEDATALEN - 1.
constexpr size_t kMaxIdentifierBytes = 63;

// The names `s` gives to new objects: tables, columns, constraints, indexes,
// views, functions, domains and the new names of renames, as the parser left them.
std::set<std::string> DefinedNames(const ParsedStatement& s) {
  std::set<std::string> names;
  auto constraint = [&](const Constraint& c) {
    if (!c.name.empty()) names.insert(c.name);
  };
  switch (s.kind) {
    case StatementKind::kCreateTable:
    case StatementKind::kCreateView:
      names.insert(s.table.name);
      break;
    case StatementKind::kCreateIndex:
      names.insert(s.index.name.name);
      break;
    case StatementKind::kRename:
      names.insert(s.rename.new_name);
      break;
    case StatementKind::kCreateFunction:
      names.insert(s.function.name.name);
      break;
    case StatementKind::kCreateDomain:
      names.insert(s.domain.name.name);
      break;
    case StatementKind::kAlterDomain:
      constraint(s.domain.constraint);
      break;
    default:
      break;
  }
  for (const ColumnDef& c : s.columns) {
    names.insert(c.name);
    for (const Constraint& fk : c.references) constraint(fk);
  }
  for (const Constraint& c : s.constraints) constraint(c);
  for (const AlterCmd& a : s.alters) {
    if (a.kind == AlterKind::kAddColumn) names.insert(a.column_def.name);
    if (a.kind == AlterKind::kAddConstraint) constraint(a.constraint);
  }
  names.erase("");
  return names;
}

// The identifier a token stands for: unquoted ASCII letters folded to lower case,
// quotes removed and doubled quotes undone.
std::string IdentifierOf(std::string_view token, TokenKind kind) {
  if (kind == TokenKind::kWord) return ToLower(token);
  std::string out;
  if (token.size() < 2) return out;
  const char quote = token.front();
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    out += token[i];
    if (token[i] == quote && token[i + 1] == quote) ++i;
  }
  return out;
}

// Whether `text` could hold an identifier over 63 bytes: a run of more than 63
// bytes that can make up an unquoted name, or a double quote (a quoted name
// may hold any byte). Most statements have neither, and are not lexed at all.
bool MayHoldLongName(std::string_view text) {
  if (text.find('"') != std::string_view::npos) return true;
  size_t run = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool word = std::isalnum(u) != 0 || c == '_' || c == '$' || u >= 0x80;
    run = word ? run + 1 : 0;
    if (run > kMaxIdentifierBytes) return true;
  }
  return false;
}

// The first 63 bytes of `name`, not cutting a UTF-8 character in two.
std::string_view Truncated(std::string_view name) {
  if (name.size() <= kMaxIdentifierBytes) return name;
  size_t cut = kMaxIdentifierBytes;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut);
}

class IdentifierTooLong final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "identifier-too-long",
        Category::kNaming,
        Severity::kError,
        "A table, column, index, constraint or other name longer than 63 bytes.",
        "PostgreSQL keeps at most 63 bytes of a name and cuts the rest off with only a notice. "
        "The object then has a name the migration never wrote: two long names that share their "
        "first 63 bytes collide (\"already exists\", or nothing at all with IF NOT EXISTS, "
        "which silently skips the second index), and anything that looks the name up as "
        "written, application code, monitoring queries, strata's own drift and diff checks, "
        "finds nothing. An error, not a warning: the name is wrong, whatever else goes right, "
        "and the fix costs nothing.",
        "Shorten the name to 63 bytes or fewer (mind multi-byte characters), e.g. by "
        "abbreviating the table part of index and constraint names.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& /*ctx*/, const Emit& emit) const override {
    if (!s.parsed || !MayHoldLongName(s.text)) return;
    const std::set<std::string> defined = DefinedNames(s);
    if (defined.empty()) return;
    for (const Token& t : Lex(s.text, Dialect::kPostgres)) {
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kQuotedIdent) continue;
      if (t.length <= kMaxIdentifierBytes) continue;
      const std::string name = IdentifierOf(TokenText(s.text, t), t.kind);
      if (name.size() <= kMaxIdentifierBytes) continue;
      const std::string kept(Truncated(name));
      if (!defined.count(kept)) continue;
      emit(s.offset + t.offset, "name " + name + " is " + std::to_string(name.size()) +
                                    " bytes; PostgreSQL keeps only " + kept);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeIdentifierTooLong() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace strata::sql::lint
