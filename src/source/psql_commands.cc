#include "source/psql_commands.h"

#include <vector>

#include "base/strings.h"
#include "sql/lexer.h"

namespace strata::source {
namespace {

// Commands that change only what psql shows, or make it stop at the first
// error (which strata always does).
constexpr std::string_view kHarmless[] = {"echo", "qecho", "warn", "timing",  "pset",
                                          "x",    "a",     "t",    "conninfo"};
// psql variables that \set may set: none changes what the SQL does.
constexpr std::string_view kHarmlessVariables[] = {"ON_ERROR_STOP", "ECHO",      "ECHO_HIDDEN",
                                                   "QUIET",         "VERBOSITY", "SHOW_CONTEXT"};

bool OneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list) {
    if (word == w) return true;
  }
  return false;
}

// Why the command `name` with `args` cannot be skipped; empty when it can.
std::string WhyNot(std::string_view name, std::string_view args) {
  for (std::string_view h : kHarmless) {
    if (name == h) return "";
  }
  if (name == "set" || name == "unset") {
    const std::string_view variable = Trim(args.substr(0, args.find_first_of(" \t")));
    for (std::string_view v : kHarmlessVariables) {
      if (variable == v) return "";
    }
    return "sets the psql variable '" + std::string(variable) +
           "', which strata does not interpolate into the SQL (:name); write the value into "
           "the SQL, or use a strata.toml placeholder";
  }
  if (OneOf(name, {"i", "ir", "include", "include_relative"})) {
    return "includes another file, which strata cannot do yet; paste its SQL into the migration";
  }
  if (OneOf(name, {"c", "connect"})) {
    return "connects to another database; strata runs a migration on its target only";
  }
  if (OneOf(name, {"q", "quit"})) {
    return "stops psql before the rest of the file; remove the lines after it, or the command";
  }
  return "is a psql command strata does not run (it runs SQL only); remove it";
}

}  // namespace

Status ReadPsqlCommands(Script& script, Dialect dialect) {
  if (dialect != Dialect::kPostgres) return Status::Ok();
  std::string& sql = script.sql;
  // Where lines start with a backslash; most files have none, and are not lexed.
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < sql.size();) {
    const size_t first = sql.find_first_not_of(" \t", pos);
    if (first != std::string::npos && sql[first] == '\\') starts.push_back(first);
    const size_t eol = sql.find('\n', pos);
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  if (starts.empty()) return Status::Ok();
  // A backslash inside a string, a dollar-quoted body or a comment is text.
  std::vector<bool> in_text(sql.size(), false);
  for (const sql::Token& t : sql::Lex(sql, dialect)) {
    if (t.kind != sql::TokenKind::kString && t.kind != sql::TokenKind::kComment) continue;
    for (size_t i = t.offset + 1; i < t.offset + t.length; ++i) in_text[i] = true;
  }
  for (size_t start : starts) {
    if (in_text[start]) continue;
    size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    const std::string_view line = std::string_view(sql).substr(start + 1, end - start - 1);
    const size_t name_end = line.find_first_of(" \t");
    const std::string_view name = line.substr(0, name_end);
    const std::string_view args = name_end == std::string_view::npos ? "" : line.substr(name_end);
    if (const std::string why = WhyNot(name, Trim(args)); !why.empty()) {
      const LineColumn at = LocateOffset(sql, start);
      return Status::InvalidInput("'\\" + std::string(name) + "' " + why)
          .WithFile(script.path)
          .WithLocation(script.first_line + at.line - 1, at.column);
    }
    for (size_t i = start; i < end; ++i) sql[i] = ' ';
  }
  return Status::Ok();
}

}  // namespace strata::source
