// The check both splitter targets make (split_postgres_fuzzer.cc,
// split_sqlite_fuzzer.cc): sql::Split and Describe on each statement never
// crash, and every statement is the text found at its offset, in script order.
#pragma once

#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "sql/statement.h"

namespace strata::fuzz {

// `no_empty_statement`: the dialect's splitter never returns an empty one.
inline void CheckSplit(std::string_view script, Dialect dialect, bool no_empty_statement) {
  Result<std::vector<sql::Statement>> statements = sql::Split(script, dialect);
  if (!statements.ok()) return;
  size_t previous_end = 0;
  for (const sql::Statement& s : *statements) {
    Expect(s.offset >= previous_end && s.offset <= script.size() &&
               script.substr(s.offset, s.text.size()) == s.text,
           "a statement is the script's text at its offset, after the one before");
    if (no_empty_statement) Expect(!s.text.empty(), "no empty statement");
    previous_end = s.offset + s.text.size();
    (void)sql::Describe(s.text, dialect);
    (void)sql::IsTransactionControl(s.text, dialect);
  }
  (void)sql::CanonicalTokens(script, dialect);
}

}  // namespace strata::fuzz
