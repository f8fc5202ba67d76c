// Dialect-neutral splitting and description on our own lexer. PostgreSQL scripts
// go to libpg_query instead (sql/pg/), which knows every corner of its grammar.
#include <optional>

#include "base/strings.h"
#include "sql/lexer.h"
#include "sql/pg/pg_split.h"
#include "sql/statement.h"

namespace strata::sql {
namespace {

bool IsWord(std::string_view script, const Token& t, std::string_view word) {
  return t.kind == TokenKind::kWord && EqualsIgnoreCase(TokenText(script, t), word);
}

// Cuts on semicolons, except inside a CREATE TRIGGER body (BEGIN ... END), where
// the statements of the body end with semicolons of their own. CASE ... END nests.
std::vector<Statement> SplitOnTokens(std::string_view script, Dialect dialect) {
  std::vector<Statement> out;
  const std::vector<Token> tokens = Lex(script, dialect);
  std::optional<size_t> first;  // first significant token of the current statement
  size_t last = 0;              // end byte of the last significant token
  bool is_trigger = false;
  int block_depth = 0;  // BEGIN/CASE ... END nesting inside a trigger
  int words = 0;
  auto flush = [&] {
    if (first) out.push_back(Statement{std::string(script.substr(*first, last - *first)), *first});
    first.reset();
    is_trigger = false;
    block_depth = 0;
    words = 0;
  };
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kSpace || t.kind == TokenKind::kComment) continue;
    if (t.kind == TokenKind::kSemicolon && block_depth == 0) {
      flush();
      continue;
    }
    if (!first) first = t.offset;
    last = t.offset + t.length;
    if (t.kind != TokenKind::kWord) continue;
    ++words;
    if (words <= 4 && IsWord(script, t, "trigger")) is_trigger = true;
    if (!is_trigger) continue;
    if (IsWord(script, t, "begin") || (block_depth > 0 && IsWord(script, t, "case"))) {
      ++block_depth;
    } else if (block_depth > 0 && IsWord(script, t, "end")) {
      --block_depth;
    }
  }
  flush();
  return out;
}

// The significant words of a statement, lower-cased, up to `max`.
std::vector<std::string> LeadingWords(std::string_view statement, Dialect dialect, size_t max) {
  std::vector<std::string> words;
  for (const Token& t : Lex(statement, dialect)) {
    if (t.kind == TokenKind::kSpace || t.kind == TokenKind::kComment) continue;
    if (words.size() >= max) break;
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kQuotedIdent) {
      words.push_back(t.kind == TokenKind::kWord ? ToLower(TokenText(statement, t))
                                                 : std::string(TokenText(statement, t)));
    } else {
      words.push_back(std::string(TokenText(statement, t)));
    }
  }
  return words;
}

// The name inside "name", `name` or [name], with doubled quotes undone; other
// words as they are.
std::string Unquote(const std::string& word) {
  const char open = word.empty() ? '\0' : word.front();
  const char close = open == '[' ? ']' : open;
  if (word.size() < 2 || (open != '"' && open != '`' && open != '[') || word.back() != close)
    return word;
  std::string out;
  for (size_t i = 1; i + 1 < word.size(); ++i) {
    out += word[i];
    if (word[i] == close && open != '[') ++i;
  }
  return out;
}

// PostgreSQL: libpg_query's reading, for the statements that need one.
StatementInfo DescribePostgres(std::string_view statement, const std::string& first) {
  // Only these can create or drop an index or refuse a transaction block;
  // parsing every INSERT of a data migration would cost time for nothing.
  static constexpr std::string_view kParsed[] = {"create", "drop",    "reindex",
                                                 "vacuum", "cluster", "alter"};
  for (std::string_view word : kParsed) {
    if (first == word) return pg::DescribeStatement(statement);
  }
  return {};
}

// SQLite: VACUUM, and CREATE and DROP INDEX read from the leading words.
StatementInfo DescribeSqlite(std::string_view statement, const std::string& first) {
  const Dialect dialect = Dialect::kSqlite;
  StatementInfo info;
  if (first == "vacuum") {
    info.outside_transaction = true;  // SQLite: "cannot VACUUM from within a transaction"
    return info;
  }
  if (first != "create" && first != "drop") return {};
  const std::vector<std::string> more = LeadingWords(statement, dialect, 10);
  size_t i = 1;
  if (first == "create" && i < more.size() && more[i] == "unique") ++i;
  if (i >= more.size() || more[i] != "index") return {};
  ++i;
  const bool creates = first == "create";
  const std::vector<std::string> guard = creates ? std::vector<std::string>{"if", "not", "exists"}
                                                 : std::vector<std::string>{"if", "exists"};
  if (i + guard.size() <= more.size() &&
      std::equal(guard.begin(), guard.end(), more.begin() + static_cast<std::ptrdiff_t>(i))) {
    i += guard.size();
  }
  info.kind = creates ? DescribedKind::kCreateIndex : DescribedKind::kDropIndex;
  if (i + 2 < more.size() && more[i + 1] == ".") {  // schema.name
    info.index_schema = Unquote(more[i]);
    i += 2;
  }
  if (i < more.size()) info.index_name = Unquote(more[i]);
  return info;
}

}  // namespace

Result<std::vector<Statement>> Split(std::string_view script, Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres: {
      Result<std::vector<Statement>> parsed = pg::Split(script);
      if (parsed.ok()) return parsed;
      // A script that does not parse is cut on our tokenizer, which knows strings,
      // comments and dollar quotes; the server then reports the error in place.
      break;
    }
    case Dialect::kSqlite:
      break;
  }
  return SplitOnTokens(script, dialect);
}

StatementInfo Describe(std::string_view statement, Dialect dialect) {
  if (IsTransactionControl(statement, dialect)) {
    StatementInfo info;
    info.kind = DescribedKind::kTransactionControl;
    return info;
  }
  const std::vector<std::string> w = LeadingWords(statement, dialect, 1);
  if (w.empty()) return {};
  switch (dialect) {
    case Dialect::kPostgres:
      return DescribePostgres(statement, w[0]);
    case Dialect::kSqlite:
      return DescribeSqlite(statement, w[0]);
  }
  return {};
}

std::string CanonicalTokens(std::string_view script, Dialect dialect) {
  std::string out;
  out.reserve(script.size());
  for (const Token& t : Lex(script, dialect)) {
    if (t.kind == TokenKind::kSpace) continue;
    std::string_view text = TokenText(script, t);
    if (t.kind == TokenKind::kComment) {
      // Directives change behaviour, so they count; other comments do not. The blank
      // after "--" is formatting: "--strata:x" and "--  strata:x" are one directive.
      const std::string_view body = Trim(text.substr(2));
      if (!StartsWithIgnoreCase(body, "strata:")) continue;
      out += text.substr(0, 2);
      out += ' ';
      out += ToLower(body);
    } else if (t.kind == TokenKind::kWord) {
      out += ToLower(text);
    } else {
      out += text;
    }
    out += '\x1f';
  }
  return out;
}

}  // namespace strata::sql
