#include "source/liquibase_attributes.h"

#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <vector>

#include "base/strings.h"

namespace strata::source {
namespace {

Status Error(const TextPlace& at, size_t offset, std::string message) {
  return Status::InvalidInput(std::move(message))
      .WithFile(at.path)
      .WithLocation(at.line, at.column + static_cast<int>(offset));
}

bool ParseBool(std::string_view value, bool* out) {
  if (EqualsIgnoreCase(value, "true")) {
    *out = true;
    return true;
  }
  if (EqualsIgnoreCase(value, "false")) {
    *out = false;
    return true;
  }
  return false;
}

// One `name:value` of a --changeset or --preconditions line.
struct Attribute {
  std::string_view name;
  std::string value;  // without enclosing quotes
  size_t offset = 0;  // of the name, within the text read
};

// `name:value name:"quoted value" ...`
Result<std::vector<Attribute>> ReadAttributes(std::string_view text, const TextPlace& at) {
  std::vector<Attribute> out;
  size_t i = 0;
  while (true) {
    while (i < text.size() && IsLineSpace(text[i])) ++i;
    if (i >= text.size()) return out;
    const size_t start = i;
    while (i < text.size() && !IsLineSpace(text[i]) && text[i] != ':') ++i;
    if (i >= text.size() || text[i] != ':' || i == start) {
      while (i < text.size() && !IsLineSpace(text[i])) ++i;
      return Error(
          at, start,
          "expected attribute:value, found '" + std::string(text.substr(start, i - start)) + "'");
    }
    Attribute a;
    a.name = text.substr(start, i - start);
    a.offset = start;
    ++i;  // ':'
    if (i < text.size() && text[i] == '"') {
      const size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        return Error(at, start, "the quoted value of " + std::string(a.name) + " is not closed");
      }
      a.value = std::string(text.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      const size_t value_start = i;
      while (i < text.size() && !IsLineSpace(text[i])) ++i;
      a.value = std::string(text.substr(value_start, i - value_start));
    }
    out.push_back(std::move(a));
  }
}

std::string Unknown(std::string_view what, std::string_view name,
                    std::span<const std::string_view> known) {
  std::string message = "unknown " + std::string(what) + " '" + std::string(name) + "'";
  if (std::optional<std::string_view> near = NearestSpelling(name, known)) {
    message += "; did you mean " + std::string(*near) + "?";
  } else {
    message += " (known: " + Join(std::vector<std::string>(known.begin(), known.end()), ", ") + ")";
  }
  return message;
}

// The attributes Liquibase 4.28 reads on a --changeset line.
constexpr std::array<std::string_view, 17> kChangesetAttributes = {"runInTransaction",
                                                                   "splitStatements",
                                                                   "rollbackSplitStatements",
                                                                   "endDelimiter",
                                                                   "rollbackEndDelimiter",
                                                                   "stripComments",
                                                                   "dbms",
                                                                   "ignore",
                                                                   "failOnError",
                                                                   "runOnChange",
                                                                   "runAlways",
                                                                   "context",
                                                                   "contextFilter",
                                                                   "labels",
                                                                   "logicalFilePath",
                                                                   "runWith",
                                                                   "runWithSpoolFile"};

Status ApplyAttribute(const Attribute& a, const TextPlace& at, LiquibaseChangeset& cs) {
  auto is = [&](std::string_view name) { return EqualsIgnoreCase(a.name, name); };
  auto boolean = [&](bool* out) -> Status {
    if (ParseBool(a.value, out)) return Status::Ok();
    return Error(at, a.offset, std::string(a.name) + " takes true or false, not '" + a.value + "'");
  };
  auto unsupported = [&](std::string why) {
    return Error(at, a.offset,
                 std::string(a.name) + ":" + a.value + " is not supported yet: " + std::move(why));
  };
  bool flag = false;
  if (is("runInTransaction")) return boolean(&cs.run_in_transaction);
  if (is("splitStatements")) return boolean(&cs.split_statements);
  if (is("rollbackSplitStatements")) return boolean(&cs.rollback_split_statements);
  if (is("stripComments")) return boolean(&flag);  // comments sent or not: the same effect
  if (is("ignore")) return boolean(&cs.ignore);
  if (is("endDelimiter") || is("rollbackEndDelimiter")) {
    if (a.value == ";") return Status::Ok();
    return unsupported("strata ends statements at ';' (and never inside quotes or $$ bodies)");
  }
  if (is("dbms")) {
    for (const std::string& d : SplitAndTrim(a.value, ',')) cs.dbms.push_back(ToLower(d));
    return Status::Ok();
  }
  if (is("failOnError")) {
    STRATA_RETURN_IF_ERROR(boolean(&flag));
    if (flag) return Status::Ok();
    return unsupported("strata stops at a statement that fails");
  }
  if (is("runOnChange") || is("runAlways")) {
    STRATA_RETURN_IF_ERROR(boolean(&flag));
    if (!flag) return Status::Ok();
    return unsupported(
        "strata applies a versioned change once; its repeatable migrations run after "
        "all versioned ones, not in changelog order");
  }
  if (is("context") || is("contextFilter") || is("labels")) {
    if (a.value.empty()) return Status::Ok();
    return unsupported(
        "strata runs every changeset, as Liquibase does without --contexts or --labels; "
        "move the changeset to a directory of its own");
  }
  if (is("logicalFilePath")) return unsupported("strata knows a changeset by its file's name");
  if (is("runWith")) {
    if (EqualsIgnoreCase(a.value, "jdbc")) return Status::Ok();
    return unsupported("strata runs the SQL itself, as runWith:jdbc does");
  }
  if (is("runWithSpoolFile")) return unsupported("strata runs the SQL itself");
  return Error(at, a.offset, Unknown("changeset attribute", a.name, kChangesetAttributes));
}

}  // namespace

Status ReadChangesetAttributes(std::string_view text, const TextPlace& at, LiquibaseChangeset& cs) {
  STRATA_ASSIGN_OR_RETURN(const std::vector<Attribute> attributes, ReadAttributes(text, at));
  for (const Attribute& a : attributes) STRATA_RETURN_IF_ERROR(ApplyAttribute(a, at, cs));
  return Status::Ok();
}

Status ReadPreconditionsLine(std::string_view text, const TextPlace& at, LiquibaseChangeset& cs) {
  if (!cs.sql_checks.empty()) {
    return Status::InvalidInput(
               "--preconditions after a --precondition line: Liquibase would drop the "
               "preconditions above it; put --preconditions first")
        .WithFile(at.path)
        .WithLocation(at.line, 1);
  }
  static constexpr std::array<std::string_view, 4> kKnown = {"onFail", "onError", "onSqlOutput",
                                                             "onUpdateSql"};
  static constexpr std::array<std::string_view, 4> kOutcomes = {"HALT", "CONTINUE", "MARK_RAN",
                                                                "WARN"};
  STRATA_ASSIGN_OR_RETURN(const std::vector<Attribute> attributes, ReadAttributes(text, at));
  for (const Attribute& a : attributes) {
    const bool on_fail = EqualsIgnoreCase(a.name, "onFail");
    const bool on_error = EqualsIgnoreCase(a.name, "onError");
    if (!on_fail && !on_error) {
      if (EqualsIgnoreCase(a.name, "onSqlOutput") || EqualsIgnoreCase(a.name, "onUpdateSql")) {
        continue;  // what update-sql does: strata has no such output
      }
      return Error(at, a.offset, Unknown("preconditions attribute", a.name, kKnown));
    }
    bool known = false;
    for (std::string_view o : kOutcomes) known = known || EqualsIgnoreCase(a.value, o);
    if (!known) {
      return Error(
          at, a.offset,
          std::string(a.name) + " takes HALT, CONTINUE, MARK_RAN or WARN, not '" + a.value + "'");
    }
    if (EqualsIgnoreCase(a.value, "HALT")) {
      if (on_fail) cs.preconditions_warn = false;
      continue;
    }
    if (on_fail && EqualsIgnoreCase(a.value, "WARN")) {
      cs.preconditions_warn = true;
      continue;
    }
    return Error(at, a.offset,
                 std::string(a.name) + ":" + a.value +
                     " is not supported yet: a precondition that fails stops the changeset "
                     "(onFail:HALT) or warns (onFail:WARN); one that cannot run stops it "
                     "(onError:HALT)");
  }
  return Status::Ok();
}

Status ReadPreconditionLine(std::string_view text, const TextPlace& at, LiquibaseChangeset& cs) {
  auto error = [&](std::string message) {
    return Status::InvalidInput(std::move(message)).WithFile(at.path).WithLocation(at.line, 1);
  };
  size_t i = 0;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '-'))
    ++i;
  const std::string name = ToLower(text.substr(0, i));
  const std::string_view body = Trim(text.substr(i));
  if (name == "table-exists" || name == "view-exists") {
    return error("--precondition-" + name +
                 " is not supported yet; write it as --precondition-sql-check");
  }
  if (name != "sql-check") return error("the '" + name + "' precondition type is not supported");
  auto malformed = [&]() {
    return error(
        "expected '--precondition-sql-check expectedResult:<value> <sql>' (docs: "
        "https://docs.liquibase.com/concepts/changelogs/sql-format.html)");
  };
  if (i >= text.size() || text[i] != ' ' || body.empty()) return malformed();
  // [expectedResult:]<word or 'quoted' or "quoted"> <sql>, as Liquibase reads it.
  std::string_view rest = body;
  if (StartsWithIgnoreCase(rest, "expectedResult:")) rest.remove_prefix(15);
  std::string expected;
  size_t end = 0;
  if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"')) {
    const size_t close = rest.find(rest[0], 1);
    if (close == std::string_view::npos || close == 1) return malformed();
    expected = std::string(rest.substr(1, close - 1));
    end = close + 1;
  } else {
    while (end < rest.size() &&
           (std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '_'))
      ++end;
    if (end == 0) return malformed();
    expected = std::string(rest.substr(0, end));
  }
  if (end >= rest.size() || rest[end] != ' ') return malformed();
  std::string_view sql = Trim(rest.substr(end));
  while (!sql.empty() && sql.back() == ';') sql = Trim(sql.substr(0, sql.size() - 1));
  if (sql.empty()) return malformed();
  cs.sql_checks.push_back({std::move(expected), std::string(sql), at.line});
  return Status::Ok();
}

bool DbmsMatches(const std::vector<std::string>& dbms, std::string_view short_name) {
  if (dbms.empty()) return true;
  bool listed = false, only_negations = true;
  for (const std::string& d : dbms) {
    if (d == "all") return true;
    if (d == "none") return false;
  }
  for (const std::string& d : dbms) {
    if (!d.empty() && d[0] == '!') {
      if (d.substr(1) == short_name) return false;
    } else {
      only_negations = false;
      listed = listed || d == short_name;
    }
  }
  return only_negations || listed;
}

}  // namespace strata::source
