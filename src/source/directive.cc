#include "source/directive.h"

#include <algorithm>

#include "base/strings.h"

namespace strata::source {

std::vector<DirectiveLine> FindDirectives(const Script& script, std::string_view name) {
  std::vector<DirectiveLine> out;
  const std::string_view text = script.sql;
  // Jumps from one "--" to the next (a memchr-fast search) instead of walking
  // every line: `status` reads every file of a directory, and most hold no
  // directive at all.
  int line = 1;           // of text
  size_t counted_to = 0;  // newlines before this offset are counted in `line`
  size_t dash = text.find("--");
  while (dash != std::string_view::npos) {
    const size_t eol = text.find('\n', dash);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const size_t previous_eol = text.rfind('\n', dash);
    const size_t start = previous_eol == std::string_view::npos ? 0 : previous_eol + 1;
    // A directive is a line of its own: only blank space before its "--".
    if (Trim(text.substr(start, dash - start)).empty()) {
      const std::string_view t = Trim(text.substr(dash + 2, next - dash - 2));
      if (StartsWithIgnoreCase(t, name) &&
          (t.size() == name.size() || t[name.size()] == ' ' || t[name.size()] == '\t')) {
        line += static_cast<int>(std::count(text.begin() + counted_to, text.begin() + start, '\n'));
        counted_to = start;
        const Script::Place place = script.LocateLine(line);
        out.push_back(
            DirectiveLine{Trim(t.substr(name.size())), start, next, place.line, place.path});
      }
    }
    dash = next < text.size() ? text.find("--", next) : std::string_view::npos;
  }
  return out;
}

Result<std::vector<std::string>> DirectiveWords(std::string_view args) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : args) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote != 0) return Status::InvalidInput(std::string("a quote (") + quote + ") is not closed");
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace strata::source
