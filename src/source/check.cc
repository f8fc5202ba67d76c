#include "source/check.h"

#include <cctype>
#include <charconv>
#include <vector>

#include "base/strings.h"
#include "source/directive.h"
#include "source/known_directives.h"
#include "sql/statement.h"

namespace strata::source {
namespace {

constexpr std::string_view kDirective = "strata:check";
constexpr std::string_view kExample = " (example: -- strata:check post critical expect=0)";

Status ParseArguments(std::string_view args, Check& check) {
  STRATA_ASSIGN_OR_RETURN(std::vector<std::string> words, DirectiveWords(args));
  bool when_given = false;
  bool expect_given = false;
  for (const std::string& word : words) {
    const std::string lower = ToLower(word);
    if (lower == "pre" || lower == "post") {
      if (when_given) return Status::InvalidInput("a check is either pre or post, not both");
      check.when = lower == "pre" ? Check::When::kPre : Check::When::kPost;
      when_given = true;
    } else if (lower == "critical") {
      check.critical = true;
    } else if (lower.starts_with("expect=")) {
      check.expect = word.substr(7);
      expect_given = true;
    } else {
      return Status::InvalidInput(UnknownOptionMessage(*FindKnownDirective(kDirective), word));
    }
  }
  if (!when_given) return Status::InvalidInput("a check directive needs pre or post");
  if (!expect_given) return Status::InvalidInput("a check directive needs expect=<value>");
  return Status::Ok();
}

// A check reads; it must not change what the migration is checking.
bool IsQuery(std::string_view statement) {
  for (std::string_view word : {"select", "with", "values", "table"}) {
    if (StartsWithIgnoreCase(statement, word) &&
        (statement.size() == word.size() ||
         !std::isalnum(static_cast<unsigned char>(statement[word.size()])))) {
      return true;
    }
  }
  return false;
}

// Replaces the query (and the ';' that ends it) by blank space, newlines kept.
void BlankOut(std::string& sql, size_t offset, size_t length) {
  size_t end = offset + length;
  size_t after = end;
  while (after < sql.size() && std::isspace(static_cast<unsigned char>(sql[after]))) ++after;
  if (after < sql.size() && sql[after] == ';') end = after + 1;
  for (size_t i = offset; i < end; ++i) {
    if (sql[i] != '\n') sql[i] = ' ';
  }
}

bool ParseNumber(std::string_view text, double* out) {
  text = Trim(text);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool OneOf(std::string_view value, std::initializer_list<std::string_view> spellings) {
  for (std::string_view s : spellings) {
    if (EqualsIgnoreCase(value, s)) return true;
  }
  return false;
}

}  // namespace

Status ReadChecks(Script& script, Dialect dialect) {
  const std::vector<DirectiveLine> directives = FindDirectives(script, kDirective);
  if (directives.empty()) return Status::Ok();
  Result<std::vector<sql::Statement>> split = sql::Split(script.sql, dialect);
  if (!split.ok()) return split.take_status().WithFile(script.path);
  std::vector<std::pair<size_t, size_t>> blanks;  // after the loop: `directives` views sql
  for (size_t i = 0; i < directives.size(); ++i) {
    const DirectiveLine& d = directives[i];
    auto fail = [&](Status st) {
      return std::move(st).WithFile(std::string(d.path)).WithLocation(d.line, 1);
    };
    Check check;
    check.line = d.line;
    if (d.path != script.path) check.path = d.path;  // in a file the script includes
    Status parsed = ParseArguments(d.args, check);
    if (!parsed.ok()) return fail(std::move(parsed));
    const size_t next_directive =
        i + 1 < directives.size() ? directives[i + 1].offset : script.sql.size();
    const sql::Statement* query = nullptr;
    for (const sql::Statement& s : *split) {
      if (s.offset >= d.end) {
        query = &s;
        break;
      }
    }
    if (query == nullptr || query->offset >= next_directive) {
      return fail(
          Status::InvalidInput("a check directive needs one query after it, before the "
                               "next check" +
                               std::string(kExample)));
    }
    if (!IsQuery(query->text)) {
      return fail(
          Status::InvalidInput("the query of a check must read (SELECT, WITH, VALUES or "
                               "TABLE), not '" +
                               Excerpt(query->text, 40) + "'"));
    }
    check.query = query->text;
    check.query_offset = query->offset;
    check.query_line = script.Locate(query->offset).line;
    blanks.emplace_back(query->offset, query->text.size());
    script.checks.push_back(std::move(check));
  }
  for (const auto& [offset, length] : blanks) BlankOut(script.sql, offset, length);
  return Status::Ok();
}

namespace {

// Whether a verify script may hold DO blocks (anonymous code blocks that can
// RAISE), beside queries.
bool HasDoBlocks(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return true;
    case Dialect::kSqlite:
      return false;
  }
  return false;
}

}  // namespace

Status AddVerifyChecks(Script& up, const std::string& path, std::string_view sql, Dialect dialect) {
  Result<std::vector<sql::Statement>> split = sql::Split(sql, dialect);
  if (!split.ok()) return split.take_status().WithFile(path);
  for (const sql::Statement& s : *split) {
    if (sql::IsTransactionControl(s.text, dialect)) continue;
    const int line = LocateOffset(sql, s.offset).line;
    const bool do_block =
        HasDoBlocks(dialect) && StartsWithIgnoreCase(s.text, "do") &&
        (s.text.size() == 2 || !std::isalnum(static_cast<unsigned char>(s.text[2])));
    if (!IsQuery(s.text) && !do_block) {
      return Status::InvalidInput(
                 "a verify script holds queries (SELECT, WITH, VALUES, TABLE" +
                 std::string(HasDoBlocks(dialect) ? " or a DO block" : "") + "), not '" +
                 Excerpt(s.text, 40) +
                 "': strata runs them inside the change's transaction, whose changes stay")
          .WithFile(path)
          .WithLocation(line, 1);
    }
    Check check;
    check.when = Check::When::kPost;
    check.critical = true;
    check.expect = "any";
    check.query = s.text;
    check.line = line;
    check.query_line = line;
    check.path = path;
    up.checks.push_back(std::move(check));
  }
  return Status::Ok();
}

bool ExpectsAny(std::string_view expect) { return EqualsIgnoreCase(expect, "any"); }

bool ExpectationHolds(std::string_view expect, const CheckAnswer& answer) {
  if (ExpectsAny(expect)) return true;
  if (EqualsIgnoreCase(expect, "none")) return !answer.has_row;
  if (!answer.has_row) return false;
  if (EqualsIgnoreCase(expect, "null")) return !answer.value;
  if (!answer.value) return false;
  const std::string& value = *answer.value;
  if (EqualsIgnoreCase(expect, "true")) return OneOf(value, {"t", "true", "1"});
  if (EqualsIgnoreCase(expect, "false")) return OneOf(value, {"f", "false", "0"});
  double want = 0, got = 0;
  if (ParseNumber(expect, &want) && ParseNumber(value, &got)) return want == got;
  return value == expect;
}

std::string DescribeAnswer(const CheckAnswer& answer) {
  if (!answer.has_row) return "no row";
  if (!answer.value) return "NULL";
  return "'" + *answer.value + "'";
}

std::string DescribeCheck(const Check& check, const std::string& path) {
  std::string out = std::string(check.critical ? "critical " : "") +
                    (check.when == Check::When::kPre ? "pre" : "post") + " check";
  if (!path.empty()) out += " (" + check.File(path) + ":" + std::to_string(check.line) + ")";
  return out;
}

}  // namespace strata::source
