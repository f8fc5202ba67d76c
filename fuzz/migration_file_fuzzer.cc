// One migration file's text as LoadDirectory reads it (source/directory.cc):
// the checks ReadSqlFile makes (UTF-8, no NUL, a BOM dropped, line endings
// normalized), every directive line checked (known_directives.h), the header
// (`-- Version:`, `-- Depends:`, `-- strata:no-transaction`, ...), the sections
// (`-- strata:up`/`down`, dbmate's `-- migrate:up`/`down`, the phases), the
// psql commands, check and backfill directives of each script, and the checksums.
#include <string>

#include "base/strings.h"
#include "fuzz/fuzz_support.h"
#include "source/backfill.h"
#include "source/check.h"
#include "source/checksum.h"
#include "source/header.h"
#include "source/known_directives.h"
#include "source/psql_commands.h"

namespace {

using namespace strata;

// ReadDirectives in directory.cc: what each script of a file goes through.
void ReadScript(source::Script script, Dialect dialect) {
  const size_t size = script.sql.size();
  if (!source::ReadPsqlCommands(script, dialect).ok()) return;
  fuzz::Expect(script.sql.size() == size, "psql commands are blanked out in place");
  if (!source::ReadBackfills(script).ok()) return;
  if (!source::ReadChecks(script, dialect).ok()) return;
  fuzz::Expect(script.sql.size() == size, "check queries are blanked out in place");
}

void ReadFile(const std::string& text, Dialect dialect) {
  const std::string path = "fuzz/001_input.sql";
  if (!source::CheckDirectives(text, path).ok()) return;
  if (!source::ParseMetadata(text, path).ok()) return;
  Result<source::Sections> sections = source::SplitSections(text, path);
  if (!sections.ok()) return;
  ReadScript(sections->up, dialect);
  if (sections->down) {
    (void)source::ParseMetadata(sections->down->sql, path);
    ReadScript(*sections->down, dialect);
  }
  for (const source::PhaseScripts& phase : sections->phases) {
    ReadScript(phase.up, dialect);
    if (phase.down) ReadScript(*phase.down, dialect);
  }
  (void)source::ComputeChecksums(text, dialect).semantic();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(fuzz::AsText(data, size));
  // What ReadSqlFile refuses never reaches the readers.
  if (!IsValidUtf8(text) || text.find('\0') != std::string::npos) return 0;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  text = NormalizeLineEndings(std::move(text));
  // The length picks the dialect, so that both grow from one corpus.
  ReadFile(text, text.size() % 2 ? Dialect::kPostgres : Dialect::kSqlite);
  return 0;
}
