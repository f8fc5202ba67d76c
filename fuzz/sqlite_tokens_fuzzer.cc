// The SQLite tokenizers: sql::Lex (statement boundaries, checksums, lint), the
// token reader behind SQLite lint (ReadSqliteScript) and the driver's tokens
// for canonical DDL text (driver/sqlite/tokens.h). Lex must cover the input
// exactly, token after token, and TokenAt must agree with it.
#include "driver/sqlite/tokens.h"
#include "fuzz/fuzz_support.h"
#include "sql/lexer.h"
#include "sql/sqlite_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  const std::string_view text = fuzz::AsText(data, size);
  size_t next = 0;
  for (const sql::Token& t : sql::Lex(text, Dialect::kSqlite)) {
    fuzz::Expect(t.offset == next && t.length > 0, "tokens follow each other, none empty");
    const sql::Token at = sql::TokenAt(text, t.offset, Dialect::kSqlite);
    fuzz::Expect(at.kind == t.kind && at.length == t.length, "TokenAt finds Lex's token");
    next = t.offset + t.length;
  }
  fuzz::Expect(next == text.size(), "the tokens cover the whole input");

  (void)sql::ReadSqliteScript(text);

  for (const driver::sqlite::ddl::Token& t : driver::sqlite::ddl::Tokenize(text)) {
    fuzz::Expect(t.offset <= text.size(), "a token starts inside the input");
    (void)driver::sqlite::ddl::NameOf(t);
  }
  (void)driver::sqlite::ddl::NormalizeStatement(text);
  return 0;
}
