// A tolerant SQL tokenizer: enough to find statement boundaries, strip comments
// for the semantic checksum, and read the first keywords of a statement. It never
// fails; unterminated strings or comments run to the end of the input.
#pragma once

#include <string_view>
#include <vector>

#include "base/dialect.h"

namespace strata::sql {

enum class TokenKind {
  kWord,         // keyword or unquoted identifier
  kQuotedIdent,  // "name", `name`, [name]
  kString,       // 'text', E'text', $tag$text$tag$
  kNumber,
  kParam,  // $1, ?, :name
  kSemicolon,
  kPunct,    // operators and punctuation
  kComment,  // -- line or /* block */
  kSpace,
};

struct Token {
  TokenKind kind;
  size_t offset;  // byte offset in the input
  size_t length;  // bytes
};

// What the lexer reads differently from one dialect to another; what is not
// here (quotes, -- and /* */ comments, ? and $1 parameters) every dialect shares.
struct LexicalTraits {
  bool nested_block_comments = false;  // /* a /* b */ c */ is one comment
  bool escape_strings = false;         // E'it\'s': backslash escapes after E
  bool dollar_quotes = false;          // $tag$ ... $tag$ and $$ ... $$ strings
  bool backtick_identifiers = false;   // `name`
  bool bracket_identifiers = false;    // [name]
};
LexicalTraits LexicalTraitsOf(Dialect dialect);

std::vector<Token> Lex(std::string_view text, Dialect dialect);

// The token that starts at byte `offset` (< text.size()) of `text`, as Lex would
// find it there. For callers that step through tokens without keeping them: Lex
// allocates a vector of every token, which dominated trimming each statement.
Token TokenAt(std::string_view text, size_t offset, Dialect dialect);

inline std::string_view TokenText(std::string_view text, const Token& t) {
  return text.substr(t.offset, t.length);
}

}  // namespace strata::sql
