#include "source/sqitch_plan.h"

#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "base/strings.h"

namespace strata::source {
namespace {

// [:punct:] without '_', as sqitch's names use it.
constexpr std::string_view kPunct = "-!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";
constexpr std::array<std::string_view, 3> kPragmas = {"syntax-version", "project", "uri"};

bool IsPunct(char c) { return kPunct.find(c) != std::string_view::npos; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Why `name` cannot name a change, tag or project (sqitch's rules); empty when it can.
std::string NameProblem(std::string_view name) {
  if (name.empty()) return "a name is missing";
  const std::string quoted = "'" + std::string(name) + "'";
  if (IsPunct(name.front())) return quoted + " begins with punctuation";
  if (IsPunct(name.back())) return quoted + " ends in punctuation";
  for (char c : name) {
    if (IsBlank(c) || c == ':' || c == '@' || c == '#' || c == '\\') {
      return quoted + " contains '" + std::string(1, c) + "'";
    }
  }
  size_t digits = name.size();
  while (digits > 0 && IsDigit(name[digits - 1])) --digits;
  if (digits > 0 && digits < name.size() &&
      std::string_view("~/=%^").find(name[digits - 1]) != std::string_view::npos) {
    return quoted + " ends in digits after " + std::string(1, name[digits - 1]) +
           " (sqitch reads that as a relative reference)";
  }
  if (name == "HEAD" || name == "ROOT") return quoted + " is a name sqitch reserves";
  if (name.size() >= 40) {
    bool hex = true;
    for (size_t i = 0; i < 40; ++i) {
      hex = hex && std::string_view("0123456789abcdef").find(name[i]) != std::string_view::npos;
    }
    if (hex) return quoted + " could be confused with a change ID (40 hex digits)";
  }
  return "";
}

constexpr std::string_view kNameRules =
    " (names must not begin or end with punctuation, nor contain blanks, ':', '@', '#' or '\\')";

// Every 1-based column below is a byte column; plan lines are nearly always ASCII.
struct Line {
  std::string_view text;  // the line without its note
  std::string note;
  int number = 0;
};

Line CutNote(std::string_view raw, int number) {
  Line line;
  line.number = number;
  const size_t hash = raw.find('#');
  line.text = raw.substr(0, hash);
  while (!line.text.empty() && IsBlank(line.text.back())) line.text.remove_suffix(1);
  if (hash != std::string_view::npos) line.note = std::string(Trim(raw.substr(hash + 1)));
  return line;
}

bool IsBlankOrComment(std::string_view raw) {
  const std::string_view t = Trim(raw);
  return t.empty() || t.front() == '#';
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  Result<SqitchPlan> Parse();

 private:
  Status Fail(int line, size_t column, std::string message) const {
    return Status::InvalidInput(std::move(message))
        .WithFile(path_)
        .WithLocation(line, static_cast<int>(column));
  }
  Status ParsePragma(const Line& line);
  Status ParseEntry(const Line& line);
  // A requirement resolved to a change's index, or a conflict checked.
  // `self` is the name of the change being read, not yet in plan_.changes: a
  // requirement on its own name resolves to its earlier instance (a rework's
  // `name@tag`).
  Status ReadDependency(const Line& line, size_t column, std::string_view dep,
                        const std::string& self, std::vector<size_t>& requires_changes);
  // The latest change named `name` at or before index `limit`; nullopt: none.
  std::optional<size_t> LatestBefore(const std::string& name, size_t limit) const;

  std::string_view text_;
  const std::string& path_;
  SqitchPlan plan_;
  std::map<std::string, int> pragma_lines_;
  struct TagAt {
    int line = 0;
    size_t change = 0;  // the change it tags
  };
  std::map<std::string, TagAt> tags_;
  std::map<std::string, std::vector<size_t>> instances_;  // name -> indexes, in order
  std::map<std::string, int> since_tag_;  // changes since the last tag -> their line
};

Status Parser::ParsePragma(const Line& line) {
  std::string_view t = Trim(line.text);
  t.remove_prefix(1);  // '%'
  while (!t.empty() && IsBlank(t.front())) t.remove_prefix(1);
  const size_t eq = t.find('=');
  const std::string name(Trim(t.substr(0, eq)));
  const std::string value = eq == std::string_view::npos ? "" : std::string(Trim(t.substr(eq + 1)));
  const size_t column = line.text.find('%') + 1;
  bool known = false;
  for (std::string_view k : kPragmas) known = known || k == name;
  if (!known) {
    std::string message = "unknown pragma %" + name;
    if (const auto near = NearestSpelling(name, kPragmas)) {
      message += " (did you mean %" + std::string(*near) + "?)";
    }
    return Fail(line.number, column, message + "; strata reads %syntax-version, %project and %uri");
  }
  if (auto [it, fresh] = pragma_lines_.emplace(name, line.number); !fresh) {
    return Fail(line.number, column,
                "%" + name + " is given twice (first on line " + std::to_string(it->second) + ")");
  }
  if (value.empty())
    return Fail(line.number, column, "%" + name + " needs a value (%" + name + "=...)");
  if (name == "syntax-version") {
    if (!value.starts_with("1.")) {
      return Fail(line.number, column,
                  "%syntax-version=" + value + ": strata reads plans of syntax version 1.0.0");
    }
    plan_.syntax_version = value;
  } else if (name == "project") {
    if (std::string problem = NameProblem(value); !problem.empty()) {
      return Fail(line.number, column,
                  "invalid project name: " + problem + std::string(kNameRules));
    }
    plan_.project = value;
  } else {
    plan_.uri = value;
  }
  return Status::Ok();
}

std::optional<size_t> Parser::LatestBefore(const std::string& name, size_t limit) const {
  const auto it = instances_.find(name);
  if (it == instances_.end()) return std::nullopt;
  std::optional<size_t> found;
  for (size_t i : it->second) {
    if (i <= limit) found = i;
  }
  return found;
}

Status Parser::ReadDependency(const Line& line, size_t column, std::string_view dep,
                              const std::string& self, std::vector<size_t>& requires_changes) {
  const std::string written(dep);
  auto fail = [&](const std::string& why) { return Fail(line.number, column, why); };
  const bool conflict = dep.starts_with('!');
  if (conflict) dep.remove_prefix(1);
  if (const size_t colon = dep.find(':'); colon != std::string_view::npos) {
    const std::string project(dep.substr(0, colon));
    if (!NameProblem(project).empty()) {
      return fail("'" + written + "' is not a valid dependency" + std::string(kNameRules));
    }
    if (project != plan_.project) {
      return fail("'" + written + "' names a change of project " + project +
                  ": dependencies on other projects are not supported yet");
    }
    dep.remove_prefix(colon + 1);
  }
  const size_t at = dep.find('@');
  const std::string change(dep.substr(0, at));
  const std::string tag = at == std::string_view::npos ? "" : std::string(dep.substr(at + 1));
  const bool id = change.size() == 40 && at == std::string_view::npos &&
                  change.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (id) return fail("'" + written + "' names a change by its ID, which strata does not read yet");
  const bool bad_change = !change.empty() && !NameProblem(change).empty();
  const bool bad_tag = at != std::string_view::npos && tag != "HEAD" && !NameProblem(tag).empty();
  if ((change.empty() && tag.empty()) || bad_change || bad_tag) {
    return fail("'" + written + "' is not a valid dependency" + std::string(kNameRules));
  }
  std::optional<size_t> target;
  if (tag.empty() || tag == "HEAD") {
    if (change.empty()) return fail("'" + written + "' does not name a change");
    if (!plan_.changes.empty()) target = LatestBefore(change, plan_.changes.size() - 1);
  } else {
    const auto t = tags_.find(tag);
    if (t == tags_.end()) {
      return fail("'" + written + "' names tag @" + tag + ", which is not declared earlier in " +
                  "the plan");
    }
    target = change.empty() ? std::optional<size_t>(t->second.change)
                            : LatestBefore(change, t->second.change);
    if (!target) {
      return fail("'" + written + "': " + change + " is not in the plan before @" + tag +
                  " (line " + std::to_string(t->second.line) + ")");
    }
  }
  if (conflict) {
    if (target) {
      return fail("conflicts with " + written.substr(1) + " (line " +
                  std::to_string(plan_.changes[*target].line) +
                  "), which is deployed before it: strata deploys every change of the plan in "
                  "order, so the deploy would always stop here");
    }
    return Status::Ok();  // not deployed when this change is: nothing to check
  }
  if (!target) {
    if (change == self) {
      return fail("a change cannot require itself (only its earlier instance, as " + change +
                  "@tag)");
    }
    return fail("requires " + change +
                ", which is not earlier in the plan (a change requires changes planned before it)");
  }
  requires_changes.push_back(*target);
  return Status::Ok();
}

Status Parser::ParseEntry(const Line& line) {
  const std::string_view t = line.text;
  size_t pos = 0;
  auto skip_blanks = [&] {
    while (pos < t.size() && IsBlank(t[pos])) ++pos;
  };
  auto fail = [&](size_t at, const std::string& why) { return Fail(line.number, at + 1, why); };
  skip_blanks();
  const bool is_tag = pos < t.size() && t[pos] == '@';
  if (is_tag) {
    ++pos;
  } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    if (t[pos] == '-') {
      return fail(pos, "a revert entry (-change): strata reads plans that only deploy");
    }
    ++pos;
    skip_blanks();
  }
  const size_t name_at = pos;
  while (pos < t.size() && !IsBlank(t[pos]) && t[pos] != '[') ++pos;
  const std::string name(t.substr(name_at, pos - name_at));
  if (std::string problem = NameProblem(name); !problem.empty()) {
    return fail(name_at, "invalid " + std::string(is_tag ? "tag" : "change") + " name: " + problem +
                             std::string(kNameRules));
  }
  skip_blanks();
  std::vector<size_t> requires_changes;
  if (pos < t.size() && t[pos] == '[') {
    if (is_tag) return fail(pos, "a tag cannot have dependencies");
    const size_t close = t.find(']', pos);
    if (close == std::string_view::npos) return fail(pos, "'[' without its ']'");
    std::set<std::string, std::less<>> seen;
    size_t d = pos + 1;
    while (d < close) {
      while (d < close && IsBlank(t[d])) ++d;
      const size_t start = d;
      while (d < close && !IsBlank(t[d])) ++d;
      if (d == start) break;
      const std::string_view dep = t.substr(start, d - start);
      if (!seen.emplace(dep).second) {
        return fail(start, "dependency " + std::string(dep) + " is given twice");
      }
      STRATA_RETURN_IF_ERROR(ReadDependency(line, start + 1, dep, name, requires_changes));
    }
    pos = close + 1;
    skip_blanks();
  }
  // YYYY-MM-DDTHH:MM:SSZ
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  bool timestamp = t.size() - pos >= kShape.size();
  for (size_t i = 0; timestamp && i < kShape.size(); ++i) {
    timestamp = kShape[i] == 'd' ? IsDigit(t[pos + i]) : t[pos + i] == kShape[i];
  }
  if (!timestamp) {
    return fail(pos, "missing timestamp (YYYY-MM-DDTHH:MM:SSZ, UTC) after the " +
                         std::string(is_tag ? "tag" : "change") + " name" +
                         (is_tag ? "" : " and its [dependencies]"));
  }
  auto number = [&](size_t at, size_t n) {  // digits, checked above
    int value = 0;
    for (size_t i = 0; i < n; ++i) value = value * 10 + (t[pos + at + i] - '0');
    return value;
  };
  if (number(5, 2) < 1 || number(5, 2) > 12 || number(8, 2) < 1 || number(8, 2) > 31 ||
      number(11, 2) > 23 || number(14, 2) > 59 || number(17, 2) > 60) {
    return fail(pos, "invalid timestamp " + std::string(t.substr(pos, kShape.size())));
  }
  pos += kShape.size();
  skip_blanks();
  const size_t lt = t.find('<', pos);
  const bool planner = lt != std::string_view::npos && lt > pos && IsBlank(t[lt - 1]) &&
                       t.back() == '>' && lt + 2 < t.size() && t.find('>', lt) == t.size() - 1;
  if (!planner)
    return fail(pos, "missing planner name and email (Name <email>) after the timestamp");

  if (is_tag) {
    if (name.find('/') != std::string::npos) return fail(name_at, "a tag name cannot contain '/'");
    if (plan_.changes.empty()) return fail(name_at, "tag @" + name + " before any change");
    if (const auto it = tags_.find(name); it != tags_.end()) {
      return fail(name_at, "tag @" + name + " is declared twice (first on line " +
                               std::to_string(it->second.line) + ")");
    }
    tags_[name] = TagAt{line.number, plan_.changes.size() - 1};
    plan_.changes.back().tags.push_back(name);
    since_tag_.clear();
    return Status::Ok();
  }
  if (const auto it = since_tag_.find(name); it != since_tag_.end()) {
    return fail(name_at, "change " + name + " is declared twice (first on line " +
                             std::to_string(it->second) +
                             "); to rework it, tag the plan in between");
  }
  if (const auto it = instances_.find(name); it != instances_.end()) {
    // A rework: the earlier instance's scripts are renamed after a tag.
    const size_t earlier = it->second.back();
    std::vector<std::string> rework_tags;
    for (size_t i = plan_.changes.size() - 1; i > earlier; --i) {
      for (const std::string& tag : plan_.changes[i].tags) rework_tags.push_back(tag);
    }
    for (const std::string& tag : plan_.changes[earlier].tags) rework_tags.push_back(tag);
    plan_.changes[earlier].rework_tags = std::move(rework_tags);
  }
  since_tag_[name] = line.number;
  instances_[name].push_back(plan_.changes.size());
  plan_.changes.push_back(
      SqitchChange{name, line.number, line.note, {}, std::move(requires_changes), {}});
  return Status::Ok();
}

Result<SqitchPlan> Parser::Parse() {
  bool in_header = true;
  int number = 0;
  size_t start = 0;
  while (start < text_.size()) {
    size_t end = text_.find('\n', start);
    if (end == std::string_view::npos) end = text_.size();
    const std::string_view raw = text_.substr(start, end - start);
    start = end + 1;
    ++number;
    if (IsBlankOrComment(raw)) {
      if (Trim(raw).empty()) in_header = false;  // a comment line does not end the pragmas
      continue;
    }
    const Line line = CutNote(raw, number);
    const bool pragma = Trim(line.text).starts_with('%');
    if (in_header) {
      if (pragma) {
        STRATA_RETURN_IF_ERROR(ParsePragma(line));
        continue;
      }
      if (!pragma_lines_.empty()) {
        return Fail(number, 1, "a blank line must come between the pragmas and the first change");
      }
      in_header = false;
    }
    if (plan_.project.empty()) {
      return Fail(number, 1,
                  "missing %project pragma: a plan opens with %syntax-version=1.0.0 and "
                  "%project=NAME, then a blank line");
    }
    if (pragma) {
      return Fail(number, 1,
                  "a pragma after the first blank line; pragmas come first, then a blank line");
    }
    STRATA_RETURN_IF_ERROR(ParseEntry(line));
  }
  if (plan_.project.empty()) {
    return Status::InvalidInput("missing %project pragma (%project=NAME)")
        .WithFile(path_)
        .WithLocation(1, 1);
  }
  if (plan_.syntax_version.empty()) plan_.syntax_version = "1.0.0";
  return std::move(plan_);
}

}  // namespace

Result<SqitchPlan> ParseSqitchPlan(std::string_view text, const std::string& path) {
  return Parser(text, path).Parse();
}

}  // namespace strata::source
