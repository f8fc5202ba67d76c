// sql::Split for SQLite (our tokenizer, with CREATE TRIGGER ... BEGIN ... END
// bodies kept whole): fuzz/split_check.h, and no empty statement.
#include "fuzz/split_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  strata::fuzz::CheckSplit(strata::fuzz::AsText(data, size), strata::Dialect::kSqlite,
                           /*no_empty_statement=*/true);
  return 0;
}
