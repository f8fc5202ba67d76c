#include "sql/lexer.h"

namespace strata::sql {
namespace {

// Character classes of the "C" locale, which strata never changes, spelled out:
// the <cctype> calls cost a library call per byte, and every statement is lexed.
bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAlnum(unsigned char c) { return IsAlpha(c) || IsDigit(c); }

bool IsIdentStart(unsigned char c) { return IsAlpha(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(unsigned char c) { return IsAlnum(c) || c == '_' || c == '$' || c >= 0x80; }

// Length of a dollar-quote tag ("$$" or "$name$") starting at `i`, or 0.
size_t DollarTagLength(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '$') return 2;
  if (j >= s.size() || !(IsAlpha(static_cast<unsigned char>(s[j])) || s[j] == '_')) return 0;
  while (j < s.size() && (IsAlnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
  return (j < s.size() && s[j] == '$') ? j - i + 1 : 0;
}

// Scans a quoted run that ends at `close`, where a doubled `close` is an escaped one.
size_t ScanQuoted(std::string_view s, size_t i, char close, bool backslash_escapes) {
  size_t j = i + 1;
  while (j < s.size()) {
    if (backslash_escapes && s[j] == '\\') {
      j += 2;
      continue;
    }
    if (s[j] == close) {
      if (j + 1 < s.size() && s[j + 1] == close) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return s.size();
}

size_t ScanBlockComment(std::string_view s, size_t i, bool nested) {
  int depth = 1;
  size_t j = i + 2;
  while (j < s.size() && depth > 0) {
    if (s[j] == '*' && j + 1 < s.size() && s[j + 1] == '/') {
      --depth;
      j += 2;
    } else if (nested && s[j] == '/' && j + 1 < s.size() && s[j + 1] == '*') {
      ++depth;
      j += 2;
    } else {
      ++j;
    }
  }
  return j;
}

// TokenAt with the traits already chosen: Lex chooses them once per text.
Token TokenAt(std::string_view s, size_t i, const LexicalTraits& traits) {
  const auto c = static_cast<unsigned char>(s[i]);
  const char next = i + 1 < s.size() ? s[i + 1] : '\0';
  size_t end = i + 1;
  TokenKind kind = TokenKind::kPunct;
  if (IsSpace(c)) {
    while (end < s.size() && IsSpace(static_cast<unsigned char>(s[end]))) ++end;
    kind = TokenKind::kSpace;
  } else if (c == '-' && next == '-') {
    end = s.find('\n', i);
    end = end == std::string_view::npos ? s.size() : end;
    kind = TokenKind::kComment;
  } else if (c == '/' && next == '*') {
    end = ScanBlockComment(s, i, traits.nested_block_comments);
    kind = TokenKind::kComment;
  } else if (c == '\'') {
    end = ScanQuoted(s, i, '\'', false);
    kind = TokenKind::kString;
  } else if (traits.escape_strings && (c == 'E' || c == 'e') && next == '\'') {
    end = ScanQuoted(s, i + 1, '\'', true);
    kind = TokenKind::kString;
  } else if (c == '"') {
    end = ScanQuoted(s, i, '"', false);
    kind = TokenKind::kQuotedIdent;
  } else if (traits.backtick_identifiers && c == '`') {
    end = ScanQuoted(s, i, '`', false);
    kind = TokenKind::kQuotedIdent;
  } else if (traits.bracket_identifiers && c == '[') {
    end = s.find(']', i);
    end = end == std::string_view::npos ? s.size() : end + 1;
    kind = TokenKind::kQuotedIdent;
  } else if (c == '$') {
    const size_t tag = traits.dollar_quotes ? DollarTagLength(s, i) : 0;
    if (tag > 0) {
      const size_t close = s.find(s.substr(i, tag), i + tag);
      end = close == std::string_view::npos ? s.size() : close + tag;
      kind = TokenKind::kString;
    } else {
      while (end < s.size() && IsIdentChar(static_cast<unsigned char>(s[end]))) ++end;
      kind = TokenKind::kParam;
    }
  } else if (c == '?') {
    while (end < s.size() && IsDigit(static_cast<unsigned char>(s[end]))) ++end;
    kind = TokenKind::kParam;
  } else if (c == ';') {
    kind = TokenKind::kSemicolon;
  } else if (IsDigit(c) || (c == '.' && IsDigit(static_cast<unsigned char>(next)))) {
    while (end < s.size() && (IsAlnum(static_cast<unsigned char>(s[end])) || s[end] == '.')) ++end;
    kind = TokenKind::kNumber;
  } else if (IsIdentStart(c)) {
    while (end < s.size() && IsIdentChar(static_cast<unsigned char>(s[end]))) ++end;
    kind = TokenKind::kWord;
  }
  return Token{kind, i, end - i};
}

}  // namespace

LexicalTraits LexicalTraitsOf(Dialect dialect) {
  LexicalTraits t;
  switch (dialect) {
    case Dialect::kPostgres:
      t.nested_block_comments = true;
      t.escape_strings = true;
      t.dollar_quotes = true;
      break;
    case Dialect::kSqlite:
      t.backtick_identifiers = true;
      t.bracket_identifiers = true;
      break;
  }
  return t;
}

Token TokenAt(std::string_view text, size_t offset, Dialect dialect) {
  return TokenAt(text, offset, LexicalTraitsOf(dialect));
}

std::vector<Token> Lex(std::string_view text, Dialect dialect) {
  const LexicalTraits traits = LexicalTraitsOf(dialect);
  std::vector<Token> out;
  out.reserve(text.size() / 4);
  // Every token is at least one byte long.
  for (size_t i = 0; i < text.size(); i += out.back().length) {
    out.push_back(TokenAt(text, i, traits));
  }
  return out;
}

}  // namespace strata::sql
