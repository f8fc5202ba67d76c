// The parts of a Liquibase changelog's metadata lines that are lists of
// `name:value`: the attributes of a --changeset line, the outcomes of a
// --preconditions line, and the body of a --precondition-sql-check line, each
// read into a LiquibaseChangeset. Used by liquibase_changelog.cc, which finds
// the lines; errors name the file, the line and the column.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "source/liquibase_changelog.h"

namespace strata::source {

// Where a piece of text starts: its file, line and 1-based column.
struct TextPlace {
  const std::string& path;
  int line = 0;
  int column = 1;
};

// Blank space within a line, as the changelog reader skips it.
inline bool IsLineSpace(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

// The attributes after `--changeset author:id` (`text`, starting at `at`) into
// `cs`: an unknown one is an error with the nearest spelling; one strata cannot
// run exactly is "not supported yet" with the reason.
Status ReadChangesetAttributes(std::string_view text, const TextPlace& at, LiquibaseChangeset& cs);

// What follows `--preconditions`: onFail:HALT|WARN, onError:HALT (others are
// not supported yet), onSqlOutput / onUpdateSql (no effect).
Status ReadPreconditionsLine(std::string_view text, const TextPlace& at, LiquibaseChangeset& cs);

// What follows `--precondition-` (`sql-check expectedResult:0 SELECT ...`) as a
// check of `cs`; other kinds are refused.
Status ReadPreconditionLine(std::string_view text, const TextPlace& at, LiquibaseChangeset& cs);

}  // namespace strata::source
