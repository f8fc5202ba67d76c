// SQLite statement text as tokens, and tokens back as text in one canonical
// spacing: what makes two differently written but equal expressions compare
// equal (ddl_reader.h). Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::driver::sqlite::ddl {

struct Token {
  enum class Kind {
    kWord,
    kQuotedName,
    kString,
    kBlob,
    kNumber,
    kOperator,
    kOpen,
    kClose,
    kComma,
    kDot,
    kSemicolon
  };
  Kind kind = Kind::kWord;
  std::string text;   // as written
  size_t offset = 0;  // where it starts in the statement
};

// Tokens of `sql`, without blank space and comments.
std::vector<Token> Tokenize(std::string_view sql);
// `tokens` as one line: "f(a, b)", "x > -1", "a IN (1, 2)".
std::string JoinTokens(const std::vector<Token>& tokens);
// An expression's text in canonical spacing.
std::string NormalizeExpression(std::string_view text);
// A whole statement in canonical spacing, with "IF NOT EXISTS" removed (a dump
// loads into an empty database).
std::string NormalizeStatement(std::string_view sql);
// A name token without its quotes: "a""b" -> a"b, [x] -> x.
std::string NameOf(const Token& token);

}  // namespace strata::driver::sqlite::ddl
