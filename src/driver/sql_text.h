// Small pieces of SQL text the drivers share: quoting names and literals for
// their plans (schema SQL) and engine statements, and splitting a parenthesized
// list without being fooled by quotes for their inspectors. Pure functions of
// their input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/dialect.h"
#include "catalog/catalog.h"

namespace strata::driver {

// "name" with embedded double quotes doubled: the SQL standard's quoted identifier,
// which PostgreSQL and SQLite both accept.
std::string QuoteWithDoubleQuotes(std::string_view name);

// A name as SQL text. PostgreSQL: quoted only when quote_ident() would quote
// it (not lower-case letters, digits and '_', or a reserved keyword), so the
// dump reads like the server's own renderings. SQLite: always double-quoted,
// which is correct whatever its large keyword list holds.
std::string QuoteName(Dialect dialect, std::string_view name);
// "schema.name", or just the name when the schema is empty (SQLite).
std::string QuoteQualified(Dialect dialect, const catalog::QualifiedName& name);
// 'text' with quotes doubled (standard_conforming_strings, as both dialects use).
std::string QuoteLiteral(std::string_view text);

// Splits `text` at `separator` where it is outside parentheses, quotes ('...',
// "...", `...`, [...]) and brackets; trims each piece. "a, f(b, c), 'x,y'" ->
// {"a", "f(b, c)", "'x,y'"}.
std::vector<std::string> SplitTopLevel(std::string_view text, char separator);
// The offset of the ')' that closes the '(' at `open`, skipping quotes;
// std::string_view::npos when unbalanced.
size_t MatchingParen(std::string_view text, size_t open);
// The offset just past the quoted run that opens at `at` ('...', "...", `...`
// or [...]; a doubled quote stands for itself); text.size() when unclosed.
size_t EndOfQuoted(std::string_view text, size_t at);

}  // namespace strata::driver
