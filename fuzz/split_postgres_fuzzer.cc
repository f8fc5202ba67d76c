// sql::Split for PostgreSQL (libpg_query's splitter, our tokenizer when the
// script does not parse) and Describe on each statement: never a crash, and
// every statement is the text found at its offset, in script order.
#include "fuzz/fuzz_support.h"
#include "sql/statement.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  const std::string_view script = fuzz::AsText(data, size);
  Result<std::vector<sql::Statement>> statements = sql::Split(script, Dialect::kPostgres);
  if (!statements.ok()) return 0;
  size_t previous_end = 0;
  for (const sql::Statement& s : *statements) {
    fuzz::Expect(s.offset >= previous_end && s.offset <= script.size() &&
                     script.substr(s.offset, s.text.size()) == s.text,
                 "a statement is the script's text at its offset, after the one before");
    previous_end = s.offset + s.text.size();
    (void)sql::Describe(s.text, Dialect::kPostgres);
    (void)sql::IsTransactionControl(s.text, Dialect::kPostgres);
  }
  (void)sql::CanonicalTokens(script, Dialect::kPostgres);
  return 0;
}
