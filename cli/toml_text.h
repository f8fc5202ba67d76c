// A check of strata.toml's text before toml++ parses it, for the inputs on
// which Debian 12's toml++ (3.3.0) has undefined behaviour.
//
// toml++ 3.3.0 classifies a code point as blank space with a generated table
// whose lookup ends in __builtin_unreachable() for many non-blank code points
// (U+00A1 to U+049A among them: é, ß, Cyrillic), and it asks that question of
// any character outside a string or comment, and in a multi-line basic string
// of the character after a backslash and of the first one after a line-ending
// backslash. On "é = 1" or 's = """\<newline>§"""' the parser then runs
// wherever the compiler let that branch lead (fixed in toml++ after 3.3.0).
// UndefinedBehaviorSanitizer caught it through fuzz/strata_toml_fuzzer.cc.
//
// So strata refuses those inputs itself: a non-ASCII character outside strings
// and comments (never valid TOML anyway; a quote inside a bare word such as
// 1e"x does not open a string, as toml++ reads through it), and one right after
// a backslash, or after a line-ending backslash's blank space, in a basic
// string (valid TOML, but rare: write it as \uXXXX). Strings and comments may
// hold any text.
//
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace strata::cli {

// Ok, or an InvalidInput naming `file`, the line and the column (in code
// points from 1, as toml++ counts them) of the first such character.
Status CheckTomlText(std::string_view text, const std::string& file);

}  // namespace strata::cli
