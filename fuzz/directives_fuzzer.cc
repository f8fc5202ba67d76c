// The check and backfill directives (`-- strata:check pre|post [critical]
// expect=<value>`, `-- strata:backfill table= key= batch= ...`) read straight
// from a script, without the file-level check before them (CheckDirectives),
// so that their readers hold on their own; and each check's expectation
// compared with a few answers as the engine would.
#include <string>

#include "fuzz/fuzz_support.h"
#include "source/backfill.h"
#include "source/check.h"
#include "source/directive.h"
#include "source/known_directives.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  source::Script script;
  script.path = "fuzz/001_input.sql";
  script.sql = std::string(fuzz::AsText(data, size));
  script.first_line = 1 + static_cast<int>(size % 3);

  for (const source::KnownDirective& known : source::KnownDirectives()) {
    for (const source::DirectiveLine& line : source::FindDirectives(script, known.name)) {
      fuzz::Expect(line.offset <= line.end && line.end <= script.sql.size(),
                   "a directive line lies inside the script");
      Result<std::vector<std::string>> words = source::DirectiveWords(line.args);
      if (!words.ok()) continue;
      for (const std::string& word : *words) (void)source::UnknownOptionMessage(known, word);
    }
  }

  const size_t length = script.sql.size();
  if (!source::ReadBackfills(script).ok()) return 0;
  for (const source::Backfill& b : script.backfills) {
    fuzz::Expect(
        !b.table.empty() && !b.key.empty() && b.batch >= 1 && b.pause_ms >= 0 && b.max_rate >= 0,
        "a backfill read has its table, key and a batch of at least 1");
  }
  if (!source::ReadChecks(script, size % 2 ? Dialect::kPostgres : Dialect::kSqlite).ok()) return 0;
  fuzz::Expect(script.sql.size() == length, "check queries are blanked out in place");
  for (const source::Check& check : script.checks) {
    fuzz::Expect(check.query_offset + check.query.size() <= length,
                 "a check's query lies inside the script");
    (void)source::DescribeCheck(check, script.path);
    for (const source::CheckAnswer& answer :
         {source::CheckAnswer{}, source::CheckAnswer{true, std::nullopt},
          source::CheckAnswer{true, check.expect}, source::CheckAnswer{true, "1e308"},
          source::CheckAnswer{true, "-0"}}) {
      (void)source::ExpectationHolds(check.expect, answer);
      (void)source::DescribeAnswer(answer);
    }
  }
  return 0;
}
