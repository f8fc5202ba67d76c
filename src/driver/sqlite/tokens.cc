#include "driver/sqlite/tokens.h"

#include <cctype>

#include "base/strings.h"
#include "driver/sql_text.h"

namespace strata::driver::sqlite::ddl {
namespace {

using Kind = Token::Kind;

bool IsWordStart(unsigned char ch) { return std::isalpha(ch) || ch == '_' || ch >= 0x80; }
bool IsWordPart(unsigned char ch) {
  return std::isalnum(ch) || ch == '_' || ch == '$' || ch >= 0x80;
}
bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

size_t EndOfNumber(std::string_view s, size_t i) {
  if (s[i] == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    i += 2;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i;
  }
  while (i < s.size() && (IsDigit(s[i]) || s[i] == '.' || s[i] == '_')) ++i;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && IsDigit(s[j])) {
      i = j;
      while (i < s.size() && IsDigit(s[i])) ++i;
    }
  }
  return i;
}

// Words before which "(" keeps its space: "IN (1, 2)", "CHECK (a > 0)";
// after any other word "(" opens a call or a type's size: "lower(a)".
bool KeepsSpaceBeforeParen(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "AND",  "AS",     "BETWEEN", "BY",        "CASE",       "CHECK",  "DEFAULT", "DO",
      "ELSE", "END",    "EXISTS",  "FILTER",    "FROM",       "GLOB",   "IN",      "INTO",
      "IS",   "JOIN",   "KEY",     "LIKE",      "MATCH",      "NOT",    "ON",      "OR",
      "OVER", "REGEXP", "SELECT",  "SET",       "THEN",       "UNIQUE", "USING",   "VALUES",
      "WHEN", "WHERE",  "WITH",    "RETURNING", "REFERENCES", "BEGIN",  "UPDATE",  "ESCAPE"};
  for (std::string_view w : kWords) {
    if (EqualsIgnoreCase(word, w)) return true;
  }
  return false;
}

// A "-" or "+" is a sign, not an operator, after these (or at the start).
bool SignFollows(const Token* before) {
  if (before == nullptr) return true;
  switch (before->kind) {
    case Kind::kOperator:
    case Kind::kOpen:
    case Kind::kComma:
      return true;
    case Kind::kWord:
      return KeepsSpaceBeforeParen(before->text) || EqualsIgnoreCase(before->text, "RETURN");
    default:
      return false;
  }
}

bool NoSpaceBetween(const Token* before_prev, const Token& prev, const Token& next) {
  switch (next.kind) {
    case Kind::kComma:
    case Kind::kClose:
    case Kind::kDot:
    case Kind::kSemicolon:
      return true;
    default:
      break;
  }
  if (prev.kind == Kind::kOpen || prev.kind == Kind::kDot) return true;
  if (next.kind == Kind::kOpen) {
    return prev.kind == Kind::kQuotedName ||
           (prev.kind == Kind::kWord && !KeepsSpaceBeforeParen(prev.text));
  }
  // A sign sticks to its operand: "-1", "+a". Never "--" or "/*" (comments).
  if (prev.kind == Kind::kOperator && (prev.text == "-" || prev.text == "+") &&
      SignFollows(before_prev)) {
    return next.kind == Kind::kNumber || next.kind == Kind::kWord || next.kind == Kind::kQuotedName;
  }
  return false;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  auto push = [&](Kind kind, size_t end) {
    out.push_back(Token{kind, std::string(s.substr(i, end - i)), i});
    i = end;
  };
  while (i < s.size()) {
    const char ch = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (std::isspace(static_cast<unsigned char>(ch))) {
      ++i;
    } else if (ch == '-' && next == '-') {
      const size_t eol = s.find('\n', i);
      i = eol == std::string_view::npos ? s.size() : eol + 1;
    } else if (ch == '/' && next == '*') {
      const size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else if ((ch == 'x' || ch == 'X') && next == '\'') {
      push(Kind::kBlob, EndOfQuoted(s, i + 1));
    } else if (ch == '\'') {
      push(Kind::kString, EndOfQuoted(s, i));
    } else if (ch == '"' || ch == '`' || ch == '[') {
      push(Kind::kQuotedName, EndOfQuoted(s, i));
    } else if (IsDigit(ch) || (ch == '.' && IsDigit(next))) {
      push(Kind::kNumber, EndOfNumber(s, i));
    } else if (IsWordStart(static_cast<unsigned char>(ch))) {
      size_t end = i + 1;
      while (end < s.size() && IsWordPart(static_cast<unsigned char>(s[end]))) ++end;
      push(Kind::kWord, end);
    } else if (ch == '(') {
      push(Kind::kOpen, i + 1);
    } else if (ch == ')') {
      push(Kind::kClose, i + 1);
    } else if (ch == ',') {
      push(Kind::kComma, i + 1);
    } else if (ch == '.') {
      push(Kind::kDot, i + 1);
    } else if (ch == ';') {
      push(Kind::kSemicolon, i + 1);
    } else {
      size_t len = 1;
      for (std::string_view op : {"->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"}) {
        if (s.substr(i, op.size()) == op) {
          len = op.size();
          break;
        }
      }
      push(Kind::kOperator, i + len);
    }
  }
  return out;
}

std::string JoinTokens(const std::vector<Token>& tokens) {
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && !NoSpaceBetween(i >= 2 ? &tokens[i - 2] : nullptr, tokens[i - 1], tokens[i])) {
      out += ' ';
    }
    out += tokens[i].text;
  }
  return out;
}

std::string NormalizeExpression(std::string_view text) { return JoinTokens(Tokenize(text)); }

std::string NormalizeStatement(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  while (!tokens.empty() && tokens.back().kind == Kind::kSemicolon) tokens.pop_back();
  for (size_t i = 0; i + 2 < tokens.size() && i < 4; ++i) {
    if (EqualsIgnoreCase(tokens[i].text, "IF") && EqualsIgnoreCase(tokens[i + 1].text, "NOT") &&
        EqualsIgnoreCase(tokens[i + 2].text, "EXISTS")) {
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                   tokens.begin() + static_cast<std::ptrdiff_t>(i + 3));
      break;
    }
  }
  return JoinTokens(tokens);
}

std::string NameOf(const Token& token) {
  if (token.kind != Kind::kQuotedName || token.text.size() < 2) return token.text;
  const char close = token.text.back();
  std::string out;
  for (size_t i = 1; i + 1 < token.text.size(); ++i) {
    out += token.text[i];
    if (close != ']' && token.text[i] == close && i + 2 < token.text.size()) ++i;
  }
  return out;
}

}  // namespace strata::driver::sqlite::ddl
