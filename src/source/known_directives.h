// Every directive strata reads from a comment line, in one table, and the check
// that holds a file to it. A misspelled directive would otherwise be a plain
// comment: `-- strata:donw` would run a rollback as part of up, `-- strata:chek
// pre critical ...` would never check anything. So a comment line that begins
// with `strata:<word>` or dbmate's `migrate:<word>` must name a directive of the
// table, with options the directive knows. Adding a directive is one line in
// known_directives.cc (and its reader: header.cc, check.cc, backfill.cc, ...).
//
// Thread-safety: the table is immutable; every function is safe to call from
// any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace strata::source {

// What may follow a directive's name on its line.
enum class DirectiveArgs {
  kNothing,  // `-- strata:no-transaction`
  kOptions,  // only the directive's options
  kAnyText,  // free text: a lint suppression's rule ids and reason
};

struct KnownDirective {
  std::string_view name;  // lower case, as written after "-- ": "strata:check"
  DirectiveArgs args = DirectiveArgs::kNothing;
  // For kOptions: a word ("critical"), or a key that takes a value ("expect=").
  std::span<const std::string_view> options;
  // Read only among the leading comments of a file, or of its down section (the
  // file's header, header.h ParseMetadata); anywhere else it would be ignored.
  bool header_only = false;
};

// The table, in the order suggestions prefer on a tie.
std::span<const KnownDirective> KnownDirectives();

// The table's entry for `name` ("strata:check", any case); null when unknown.
const KnownDirective* FindKnownDirective(std::string_view name);

// The message for a word among a directive's arguments that is none of its
// options, with the nearest option when one is close:
//   'critcal' is not an option of -- strata:check (did you mean critical?); its
//   options: pre, post, critical, expect=<value>
std::string UnknownOptionMessage(const KnownDirective& directive, std::string_view word);

// Checks every directive line of `text`, a whole file as read (ReadSqlFile): a
// line whose comment begins `strata:<word>` or `migrate:<word>` (any case, with or
// without blank space after "--"). An unknown directive, an unknown option, text
// after a directive that takes none, or a header-only directive below the header
// is an InvalidInput naming path:line and the nearest known spelling. Comments
// that do not begin a line are not read as directives by strata, so they are not
// checked either.
Status CheckDirectives(std::string_view text, const std::string& path);

}  // namespace strata::source
