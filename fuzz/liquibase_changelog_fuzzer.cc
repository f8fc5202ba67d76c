// One Liquibase formatted SQL changelog as the liquibase layout reads it
// (source/liquibase_changelog.h, liquibase_attributes.h): the header line, --changeset lines and
// their attributes, rollbacks (lines, blocks, empty, by changeset), preconditions,
// --ignoreLines. Every script it gives must sit inside the file: its first line
// and its line count within the file's lines, so that errors name real lines.
#include <algorithm>
#include <string>

#include "base/strings.h"
#include "fuzz/fuzz_support.h"
#include "source/liquibase_changelog.h"

namespace {

using namespace strata;

size_t Lines(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) +
         (text.empty() || text.back() == '\n' ? 0 : 1);
}

void CheckScript(const source::LiquibaseScript& s, size_t file_lines) {
  if (s.first_line == 0) {
    fuzz::Expect(s.sql.empty(), "a script without a first line has no SQL");
    return;
  }
  fuzz::Expect(s.first_line >= 1, "a script starts on a line of the file");
  fuzz::Expect(s.first_line - 1 + Lines(s.sql) <= file_lines, "a script ends inside the file");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(fuzz::AsText(data, size));
  if (!IsValidUtf8(text) || text.find('\0') != std::string::npos) return 0;
  text = NormalizeLineEndings(std::move(text));
  (void)source::OpensAsLiquibaseChangelog(text);
  Result<std::vector<source::LiquibaseChangeset>> sets =
      source::ParseLiquibaseChangelog(text, "fuzz/changelog.sql");
  if (!sets.ok()) {
    fuzz::Expect(sets.status().context().line >= 1, "an error names a line");
    return 0;
  }
  const size_t file_lines = Lines(text);
  for (const source::LiquibaseChangeset& cs : *sets) {
    fuzz::Expect(!cs.author.empty() && cs.author.find(':') == std::string::npos,
                 "a changeset has an author without ':'");
    fuzz::Expect(cs.up.first_line > cs.line, "the SQL follows the --changeset line");
    CheckScript(cs.up, file_lines);
    CheckScript(cs.rollback, file_lines);
    (void)source::DbmsMatches(cs.dbms, "postgresql");
  }
  return 0;
}
