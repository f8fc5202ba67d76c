// sql::Split for PostgreSQL (libpg_query's splitter, our tokenizer when the
// script does not parse): fuzz/split_check.h.
#include "fuzz/split_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  strata::fuzz::CheckSplit(strata::fuzz::AsText(data, size), strata::Dialect::kPostgres,
                           /*no_empty_statement=*/false);
  return 0;
}
