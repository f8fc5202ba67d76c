#include "source/liquibase_changelog.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/strings.h"
#include "source/liquibase_attributes.h"

namespace strata::source {
namespace {

constexpr std::string_view kFormatHelp =
    " (docs: https://docs.liquibase.com/concepts/changelogs/sql-format.html)";

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsLineSpace(s[i])) ++i;
  return i;
}

bool Blank(std::string_view s) { return SkipSpace(s, 0) == s.size(); }

// After leading spaces, `dashes` dashes (exactly), optional spaces, then
// `keyword` in any case: the position just after the keyword.
std::optional<size_t> Keyword(std::string_view line, int dashes, std::string_view keyword) {
  size_t i = SkipSpace(line, 0);
  for (int d = 0; d < dashes; ++d, ++i) {
    if (i >= line.size() || line[i] != '-') return std::nullopt;
  }
  if (i < line.size() && line[i] == '-') return std::nullopt;  // more dashes than asked
  i = SkipSpace(line, i);
  if (!StartsWithIgnoreCase(line.substr(i), keyword)) return std::nullopt;
  return i + keyword.size();
}

// `--keyword` followed by blank space.
std::optional<size_t> KeywordThenSpace(std::string_view line, int dashes,
                                       std::string_view keyword) {
  const std::optional<size_t> end = Keyword(line, dashes, keyword);
  if (!end || *end == line.size()) return std::nullopt;
  return IsLineSpace(line[*end]) ? end : std::nullopt;
}

// "--liquibase formatted ...", as Liquibase tells the first line of a changelog.
bool IsHeaderLine(std::string_view line) {
  const std::optional<size_t> end = Keyword(line, 2, "liquibase");
  return end && StartsWithIgnoreCase(line.substr(SkipSpace(line, *end)), "formatted");
}

// `--keyword[:] text`, as Liquibase reads --comment and --validCheckSum: the text
// after the one space.
std::optional<std::string_view> ColonSpaceValue(std::string_view line, std::string_view keyword) {
  std::optional<size_t> end = Keyword(line, 2, keyword);
  if (!end) return std::nullopt;
  size_t i = *end;
  if (i < line.size() && line[i] == ':') ++i;
  if (i >= line.size() || line[i] != ' ') return std::nullopt;
  return line.substr(i + 1);
}

std::string StripQuotes(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& path) : text_(text), path_(path) {
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      starts_.push_back(start);
      lines_.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }

  Result<std::vector<LiquibaseChangeset>> Run();

 private:
  // A line of the changeset being read, as each script sees it.
  struct BodyLine {
    int line = 0;
    std::string up;                       // the SQL on it; "" for a metadata line
    std::optional<std::string> rollback;  // the rollback SQL on it
  };

  Status Error(int line, int column, std::string message) const {
    return Status::InvalidInput(std::move(message)).WithFile(path_).WithLocation(line, column);
  }
  TextPlace Place(size_t line_index, size_t offset) const {
    return {path_, static_cast<int>(line_index + 1), static_cast<int>(offset) + 1};
  }
  int Column(size_t line_index, std::string_view part) const {
    return static_cast<int>(part.data() - lines_[line_index].data()) + 1;
  }

  Status ReadHeader(size_t* next);
  Status StartChangeset(size_t index, size_t after_keyword);
  Status ReadBodyLine(size_t* index);
  Status FinishChangeset(size_t end_index);
  // Lines [first, last] that Liquibase skips (--ignoreLines): blank in the scripts.
  void SkipLines(size_t first, size_t last) {
    if (!current_) return;
    for (size_t k = first; k <= last; ++k) body_.push_back({static_cast<int>(k + 1), "", {}});
  }

  std::string_view text_;
  const std::string& path_;
  std::vector<size_t> starts_;
  std::vector<std::string_view> lines_;

  std::vector<LiquibaseChangeset> done_;
  std::map<std::pair<std::string, std::string>, int> seen_;  // author:id -> line
  std::optional<LiquibaseChangeset> current_;
  size_t current_index_ = 0;  // of its --changeset line
  std::vector<BodyLine> body_;
};

Status Parser::ReadHeader(size_t* next) {
  size_t i = 0;
  while (i < lines_.size() && Blank(lines_[i])) ++i;
  if (i == lines_.size() || !IsHeaderLine(lines_[i])) {
    return Error(static_cast<int>(i < lines_.size() ? i + 1 : 1), 1,
                 "a Liquibase changelog must open with the line '--liquibase formatted sql'");
  }
  if (ContainsIgnoreCase(lines_[i], "logicalFilePath:")) {
    return Error(static_cast<int>(i + 1), 1,
                 "logicalFilePath is not supported yet: strata knows a changeset by its file's "
                 "name");
  }
  *next = i + 1;
  return Status::Ok();
}

Status Parser::StartChangeset(size_t index, size_t after_keyword) {
  const std::string_view line = lines_[index];
  const int line_no = static_cast<int>(index + 1);
  auto malformed = [&]() {
    return Error(
        line_no, 1,
        "expected '--changeset author:id [attribute:value ...]'" + std::string(kFormatHelp));
  };
  size_t i = SkipSpace(line, after_keyword);
  if (i == after_keyword) return malformed();
  // author: "quoted" or up to the first ':'; then ':' and at once the id,
  // "quoted" or up to the next space.
  size_t author_end = 0;
  if (i < line.size() && line[i] == '"') {
    const size_t close = line.find('"', i + 1);
    if (close == std::string_view::npos || close == i + 1) return malformed();
    author_end = close + 1;
  } else {
    author_end = line.find(':', i);
    if (author_end == std::string_view::npos || author_end == i) return malformed();
  }
  if (author_end >= line.size() || line[author_end] != ':') return malformed();
  const std::string author = StripQuotes(Trim(line.substr(i, author_end - i)));
  size_t id_start = author_end + 1;
  size_t id_end = id_start;
  if (id_start < line.size() && line[id_start] == '"') {
    const size_t close = line.find('"', id_start + 1);
    if (close == std::string_view::npos || close == id_start + 1) return malformed();
    id_end = close + 1;
  } else {
    while (id_end < line.size() && !IsLineSpace(line[id_end])) ++id_end;
  }
  const std::string id = StripQuotes(line.substr(id_start, id_end - id_start));
  if (author.empty() || id.find_first_not_of(": ") == std::string::npos) {
    return Error(line_no, static_cast<int>(id_start) + 1,
                 "a changeset needs an author and an id: '--changeset author:id'" +
                     std::string(kFormatHelp));
  }
  if (author.find(':') != std::string::npos) {
    return Error(line_no, static_cast<int>(i) + 1,
                 "an author holding ':' is not supported yet (strata describes a changeset as "
                 "author:id)");
  }
  auto [it, fresh] = seen_.emplace(std::make_pair(author, id), line_no);
  if (!fresh) {
    return Error(line_no, static_cast<int>(i) + 1,
                 "changeset " + author + ":" + id + " is also at line " +
                     std::to_string(it->second) +
                     " of this file; Liquibase knows a changeset by author, id and file");
  }
  current_.emplace();
  current_->author = author;
  current_->id = id;
  current_->line = line_no;
  current_index_ = index;
  body_.clear();
  return ReadChangesetAttributes(line.substr(id_end), Place(index, id_end), *current_);
}

// One line inside a changeset: metadata, a rollback, or SQL. May read more lines
// (a rollback block); `*index` is left on the last line read.
Status Parser::ReadBodyLine(size_t* index) {
  const size_t i = *index;
  const std::string_view line = lines_[i];
  const int line_no = static_cast<int>(i + 1);
  BodyLine body{line_no, "", std::nullopt};
  if (std::optional<std::string_view> comment = ColonSpaceValue(line, "comment")) {
    current_->comment = std::string(*comment);
  } else if (ColonSpaceValue(line, "comments") || KeywordThenSpace(line, 1, "comment")) {
    return Error(line_no, 1, "expected '--comment: <text>'" + std::string(kFormatHelp));
  } else if (std::optional<std::string_view> sum = ColonSpaceValue(line, "validCheckSum")) {
    current_->valid_checksums.emplace_back(Trim(*sum));
  } else if (Keyword(line, 1, "validCheckSum")) {
    return Error(line_no, 1, "expected '--validCheckSum: <checksum>'" + std::string(kFormatHelp));
  } else if (std::optional<size_t> end = Keyword(line, 2, "rollback");
             end && *end < line.size() && line[*end] == ' ') {
    // The prefix becomes spaces: the rollback keeps its columns.
    body.rollback = std::string(*end + 1, ' ') + std::string(line.substr(*end + 1));
    if (current_->rollback_line == 0) current_->rollback_line = line_no;
  } else if (KeywordThenSpace(line, 1, "rollback")) {
    return Error(line_no, 1, "expected '--rollback <sql>'" + std::string(kFormatHelp));
  } else if (std::optional<size_t> open = [&]() -> std::optional<size_t> {
               const size_t s = SkipSpace(line, 0);
               if (line.substr(s, 2) != "/*") return std::nullopt;
               const size_t k = SkipSpace(line, s + 2);
               if (!StartsWithIgnoreCase(line.substr(k), "liquibase")) return std::nullopt;
               const size_t r = SkipSpace(line, k + 9);
               if (!StartsWithIgnoreCase(line.substr(r), "rollback")) return std::nullopt;
               if (!Blank(line.substr(r + 8))) return std::nullopt;
               return s;
             }()) {
    if (current_->rollback_line == 0) current_->rollback_line = line_no;
    body_.push_back(std::move(body));
    for (size_t j = i + 1; j < lines_.size(); ++j) {
      std::string_view content = lines_[j];
      BodyLine inner{static_cast<int>(j + 1), "", std::nullopt};
      std::string_view trimmed = content;
      while (!trimmed.empty() && IsLineSpace(trimmed.back())) trimmed.remove_suffix(1);
      const bool last = trimmed.size() >= 2 && trimmed.substr(trimmed.size() - 2) == "*/";
      if (last) {
        inner.rollback = std::string(trimmed.substr(0, trimmed.size() - 2));
      } else {
        inner.rollback = std::string(content);
      }
      body_.push_back(std::move(inner));
      if (last) {
        *index = j;
        return Status::Ok();
      }
    }
    return Error(line_no, static_cast<int>(*open) + 1,
                 "the '/* liquibase rollback' block is not closed with '*/'");
  } else if (std::optional<size_t> end = Keyword(line, 2, "preconditions")) {
    STRATA_RETURN_IF_ERROR(ReadPreconditionsLine(line.substr(*end), Place(i, *end), *current_));
  } else if (KeywordThenSpace(line, 1, "preconditions")) {
    return Error(
        line_no, 1,
        "expected '--preconditions onFail:<HALT|WARN> onError:HALT'" + std::string(kFormatHelp));
  } else if (std::optional<size_t> end = Keyword(line, 2, "precondition-")) {
    STRATA_RETURN_IF_ERROR(ReadPreconditionLine(line.substr(*end), Place(i, *end), *current_));
  } else if (Keyword(line, 1, "precondition")) {
    return Error(line_no, 1, "expected '--precondition-sql-check'" + std::string(kFormatHelp));
  } else {
    body.up = std::string(line);
  }
  body_.push_back(std::move(body));
  return Status::Ok();
}

Status Parser::FinishChangeset(size_t end_index) {
  LiquibaseChangeset cs = std::move(*current_);
  current_.reset();
  // The checksum text: the --changeset line to the last line that is not blank.
  size_t last = end_index;
  while (last > current_index_ + 1 && Blank(lines_[last - 1])) --last;
  const size_t from = starts_[current_index_];
  const size_t to = starts_[last - 1] + lines_[last - 1].size();
  cs.text = std::string(text_.substr(from, to - from)) + "\n";

  auto assemble = [&](auto pick) {
    LiquibaseScript s;
    size_t first = body_.size(), final_line = 0;
    for (size_t k = 0; k < body_.size(); ++k) {
      const std::string* t = pick(body_[k]);
      if (t == nullptr || Blank(*t)) continue;
      if (first == body_.size()) first = k;
      final_line = k;
    }
    if (first == body_.size()) return s;
    s.first_line = body_[first].line;
    for (size_t k = first; k <= final_line; ++k) {
      const std::string* t = pick(body_[k]);
      if (t != nullptr) s.sql += *t;
      s.sql += '\n';
    }
    return s;
  };
  cs.up = assemble([](const BodyLine& b) { return &b.up; });
  if (cs.up.first_line == 0) {
    return Error(cs.line, 1, "changeset " + cs.author + ":" + cs.id + " has no SQL");
  }
  bool has_rollback = false;
  for (const BodyLine& b : body_) has_rollback = has_rollback || b.rollback.has_value();
  if (has_rollback) {
    std::string all;
    for (const BodyLine& b : body_) {
      if (b.rollback) all += *b.rollback + "\n";
    }
    // As Liquibase tells them: the whole rollback one line that starts so.
    const std::string lower = ToLower(Trim(all));
    const bool one_line = lower.find('\n') == std::string::npos;
    if (one_line && (lower.rfind("not required", 0) == 0 || lower.rfind("empty", 0) == 0)) {
      cs.rollback_empty = true;
    } else if (lower.find("changesetid") != std::string::npos) {
      // --rollback changesetId:<id> changesetAuthor:<author> [changesetPath:<file>]
      std::string joined;
      for (const BodyLine& b : body_) {
        if (b.rollback) joined += *b.rollback + " ";
      }
      const int line = cs.rollback_line;
      for (std::string_view token : SplitAndTrim(joined, ' ')) {
        const size_t colon = token.find(':');
        const std::string_view key = token.substr(0, colon);
        const std::string value =
            colon == std::string_view::npos ? "" : std::string(token.substr(colon + 1));
        if (EqualsIgnoreCase(key, "changesetId")) {
          cs.rollback_id = value;
        } else if (EqualsIgnoreCase(key, "changesetAuthor")) {
          cs.rollback_author = value;
        } else if (EqualsIgnoreCase(key, "changesetPath")) {
          return Error(line, 1,
                       "a rollback naming changesetPath is not supported yet: name a changeset "
                       "of this file");
        }
      }
      if (cs.rollback_id.empty() || cs.rollback_author.empty()) {
        return Error(line, 1,
                     "a rollback by changeset needs changesetId:<id> and "
                     "changesetAuthor:<author>");
      }
      bool found = false;
      for (const LiquibaseChangeset& earlier : done_) {
        found = found || (earlier.author == cs.rollback_author && earlier.id == cs.rollback_id);
      }
      if (!found) {
        return Error(line, 1,
                     "the rollback names changeset " + cs.rollback_author + ":" + cs.rollback_id +
                         ", which is not earlier in this file");
      }
    } else {
      cs.rollback = assemble([](const BodyLine& b) -> const std::string* {
        return b.rollback ? &*b.rollback : nullptr;
      });
      if (cs.rollback.first_line == 0) {
        return Error(cs.rollback_line, 1,
                     "the rollback of " + cs.author + ":" + cs.id +
                         " is empty; write '--rollback empty' for a "
                         "rollback that does nothing");
      }
    }
  }
  done_.push_back(std::move(cs));
  body_.clear();
  return Status::Ok();
}

Result<std::vector<LiquibaseChangeset>> Parser::Run() {
  size_t i = 0;
  STRATA_RETURN_IF_ERROR(ReadHeader(&i));
  bool in_block_comment = false;  // before the first changeset
  for (; i < lines_.size(); ++i) {
    const std::string_view line = lines_[i];
    const int line_no = static_cast<int>(i + 1);
    if (KeywordThenSpace(line, 2, "property") || KeywordThenSpace(line, 1, "property")) {
      return Error(line_no, 1,
                   "--property is not supported yet; give the value in strata.toml's "
                   "[placeholders], which replaces ${name} as Liquibase does");
    }
    if (std::optional<size_t> end = Keyword(line, 2, "ignoreLines:")) {
      const std::string_view arg = Trim(line.substr(*end));
      if (EqualsIgnoreCase(arg, "start")) {
        size_t j = i + 1;
        while (j < lines_.size()) {
          std::optional<size_t> e = Keyword(lines_[j], 2, "ignoreLines:");
          if (e && EqualsIgnoreCase(Trim(lines_[j].substr(*e)), "end")) break;
          ++j;
        }
        if (j == lines_.size()) {
          return Error(line_no, 1, "--ignoreLines:start without its --ignoreLines:end");
        }
        SkipLines(i, j);
        i = j;
        continue;
      }
      uint64_t count = 0;
      bool digits = !arg.empty();
      for (char c : arg) {
        digits = digits && std::isdigit(static_cast<unsigned char>(c));
        if (digits) count = count * 10 + static_cast<uint64_t>(c - '0');
        if (count > lines_.size()) count = lines_.size();
      }
      if (!digits) {
        return Error(line_no, 1,
                     "expected '--ignoreLines:start', '--ignoreLines:end' or "
                     "'--ignoreLines:<count>'");
      }
      const size_t last = std::min(i + static_cast<size_t>(count), lines_.size() - 1);
      SkipLines(i, last);
      i = last;
      continue;
    }
    if (std::optional<size_t> end = Keyword(line, 2, "changeset")) {
      if (current_) STRATA_RETURN_IF_ERROR(FinishChangeset(i));
      STRATA_RETURN_IF_ERROR(StartChangeset(i, *end));
      continue;
    }
    if (KeywordThenSpace(line, 1, "changeset")) {
      return Error(
          line_no, 1,
          "expected '--changeset author:id [attribute:value ...]'" + std::string(kFormatHelp));
    }
    if (current_) {
      STRATA_RETURN_IF_ERROR(ReadBodyLine(&i));
      continue;
    }
    // Before the first changeset: blank lines and comments only.
    if (ColonSpaceValue(line, "comment")) {
      return Error(line_no, 1, "a --comment outside a changeset; put it after its --changeset");
    }
    std::string_view rest = Trim(line);
    if (in_block_comment) {
      const size_t close = rest.find("*/");
      if (close == std::string_view::npos) continue;
      in_block_comment = false;
      rest = Trim(rest.substr(close + 2));
    }
    if (rest.empty() || rest.substr(0, 2) == "--") continue;
    if (rest.substr(0, 2) == "/*") {
      const size_t close = rest.find("*/", 2);
      if (close == std::string_view::npos) {
        in_block_comment = true;
        continue;
      }
      if (Trim(rest.substr(close + 2)).empty()) continue;
    }
    return Error(line_no, Column(i, rest),
                 "SQL before the first '--changeset author:id' line, which Liquibase would not "
                 "run; put it in a changeset");
  }
  if (current_) STRATA_RETURN_IF_ERROR(FinishChangeset(lines_.size()));
  return std::move(done_);
}

}  // namespace

Result<std::vector<LiquibaseChangeset>> ParseLiquibaseChangelog(std::string_view text,
                                                                const std::string& path) {
  Parser parser(text, path);
  return parser.Run();
}

bool OpensAsLiquibaseChangelog(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!Blank(line)) return IsHeaderLine(line);
    start = end + 1;
  }
  return false;
}

}  // namespace strata::source
