#include "source/psql_commands.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "base/strings.h"
#include "source/directory.h"
#include "source/known_directives.h"
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
// Includes nest at most this deep: deeper is a cycle in all likelihood, which
// the path check below names when it is one.
constexpr int kMaxIncludeDepth = 16;

bool OneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list) {
    if (word == w) return true;
  }
  return false;
}

bool IsInclude(std::string_view name) {
  return OneOf(name, {"i", "ir", "include", "include_relative"});
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
  if (OneOf(name, {"c", "connect"})) {
    return "connects to another database; strata runs a migration on its target only";
  }
  if (OneOf(name, {"q", "quit"})) {
    return "stops psql before the rest of the file; remove the lines after it, or the command";
  }
  return "is a psql command strata does not run (it runs SQL only); remove it";
}

// The file an include names: quotes removed; relative to the including file's
// directory (psql's \ir; \i is taken the same way, since a migration runs from
// wherever strata does, not from the directory psql was started in).
std::string IncludedPath(const std::string& including, std::string_view arg) {
  std::string name(Trim(arg));
  if (name.size() >= 2 && (name.front() == '\'' || name.front() == '"') &&
      name.back() == name.front()) {
    name = name.substr(1, name.size() - 2);
  }
  if (name.empty() || name.front() == '/') return name;
  const std::filesystem::path dir = std::filesystem::path(including).parent_path();
  return (dir / name).lexically_normal().string();
}

// One backslash line of a script: what to do with it.
struct Command {
  size_t line_start = 0;  // where its line starts
  size_t end = 0;         // its line's end (the '\n' or the end of the text)
  size_t backslash = 0;
  std::string include;  // the path of an \i or \ir; empty for a command to blank
};

Status ReadCommands(Script& script, int depth, std::vector<std::string>& chain);

// Reads the file `path` that `script` includes at `at`, with its own commands read.
Result<Script> ReadIncluded(const Script& script, const Command& c, int depth,
                            std::vector<std::string>& chain) {
  const LineColumn at = LocateOffset(script.sql, c.backslash);
  const Script::Place place = script.Locate(c.backslash);
  auto fail = [&](std::string message) {
    return Status::InvalidInput(std::move(message))
        .WithFile(std::string(place.path))
        .WithLocation(place.line, at.column);
  };
  if (c.include.empty()) return fail("the include names no file");
  if (std::find(chain.begin(), chain.end(), c.include) != chain.end()) {
    return fail("includes " + c.include + ", which includes this file again (a cycle)");
  }
  if (depth >= kMaxIncludeDepth) {
    return fail("includes nest more than " + std::to_string(kMaxIncludeDepth) + " files deep");
  }
  Result<std::string> text = ReadSqlFile(c.include);
  if (!text.ok()) return fail("cannot include " + c.include + ": " + text.status().message());
  STRATA_RETURN_IF_ERROR(CheckDirectives(*text, c.include));
  Script included;
  included.path = c.include;
  included.sql = *text;
  included.included.push_back({c.include, std::move(*text)});
  chain.push_back(c.include);
  STRATA_RETURN_IF_ERROR(ReadCommands(included, depth + 1, chain));
  chain.pop_back();
  return included;
}

Status ReadCommands(Script& script, int depth, std::vector<std::string>& chain) {
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
  for (const sql::Token& t : sql::Lex(sql, Dialect::kPostgres)) {
    if (t.kind != sql::TokenKind::kString && t.kind != sql::TokenKind::kComment) continue;
    for (size_t i = t.offset + 1; i < t.offset + t.length; ++i) in_text[i] = true;
  }
  std::vector<Command> includes;
  for (size_t start : starts) {
    if (in_text[start]) continue;
    Command c;
    c.backslash = start;
    c.end = sql.find('\n', start);
    if (c.end == std::string::npos) c.end = sql.size();
    const size_t previous_eol = start == 0 ? std::string::npos : sql.rfind('\n', start - 1);
    c.line_start = previous_eol == std::string::npos ? 0 : previous_eol + 1;
    const std::string_view line = std::string_view(sql).substr(start + 1, c.end - start - 1);
    const size_t name_end = line.find_first_of(" \t");
    const std::string_view name = line.substr(0, name_end);
    const std::string_view args = name_end == std::string_view::npos ? "" : line.substr(name_end);
    if (IsInclude(name)) {
      c.include = IncludedPath(script.path, args);
      includes.push_back(std::move(c));
      continue;
    }
    if (const std::string why = WhyNot(name, Trim(args)); !why.empty()) {
      const LineColumn at = LocateOffset(sql, start);
      const Script::Place place = script.Locate(start);
      return Status::InvalidInput("'\\" + std::string(name) + "' " + why)
          .WithFile(std::string(place.path))
          .WithLocation(place.line, at.column);
    }
    for (size_t i = start; i < c.end; ++i) sql[i] = ' ';
  }
  if (includes.empty()) return Status::Ok();
  // Each include line is replaced by the file's text; `origins` says which file
  // and line each line of the result came from, so that errors name them.
  std::vector<Script> texts;
  for (const Command& c : includes) {
    STRATA_ASSIGN_OR_RETURN(Script included, ReadIncluded(script, c, depth, chain));
    texts.push_back(std::move(included));
  }
  std::string out;
  std::vector<Script::LineOrigin> origins;
  int out_line = 1;
  // The lines of script.sql in [from, to) go out as they are.
  auto copy = [&](size_t from, size_t to) {
    if (from >= to) return;
    const Script::Place place = script.Locate(from);
    origins.push_back({out_line, std::string(place.path), place.line});
    out.append(sql, from, to - from);
    out_line += static_cast<int>(std::count(sql.data() + from, sql.data() + to, '\n'));
  };
  size_t pos = 0;
  for (size_t i = 0; i < includes.size(); ++i) {
    const Command& c = includes[i];
    copy(pos, c.line_start);
    Script& inc = texts[i];
    std::string text = std::move(inc.sql);
    if (!text.empty() && text.back() == '\n') text.pop_back();  // the include line's '\n' ends it
    if (inc.origins.empty()) {
      origins.push_back({out_line, inc.path, 1});
    } else {
      for (const Script::LineOrigin& o : inc.origins) {
        origins.push_back({out_line + o.sql_line - 1, o.path, o.file_line});
      }
    }
    out += text;
    out_line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    for (auto& f : inc.included) script.included.push_back(std::move(f));
    pos = c.end;  // the '\n' after the include line stays; copy() says where the rest is from
    if (pos < sql.size()) {
      out += '\n';
      ++out_line;
      pos += 1;
    }
  }
  copy(pos, sql.size());
  sql = std::move(out);
  script.origins = std::move(origins);
  return Status::Ok();
}

}  // namespace

Status ReadPsqlCommands(Script& script, Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres: {
      std::vector<std::string> chain = {script.path};
      return ReadCommands(script, 0, chain);
    }
    case Dialect::kSqlite:
      break;  // no psql: a backslash is the database's to refuse
  }
  return Status::Ok();
}

}  // namespace strata::source
