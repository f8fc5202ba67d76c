#include "source/directive.h"

#include "base/strings.h"

namespace strata::source {

std::vector<DirectiveLine> FindDirectives(const Script& script, std::string_view name) {
  std::vector<DirectiveLine> out;
  const std::string_view text = script.sql;
  // Most scripts have none: one search instead of a walk over every line.
  if (!ContainsIgnoreCase(text, name)) return out;
  size_t pos = 0;
  int line = script.first_line;
  while (pos < text.size()) {
    const size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view t = Trim(text.substr(pos, next - pos));
    if (t.substr(0, 2) == "--") {
      t = Trim(t.substr(2));
      if (StartsWithIgnoreCase(t, name) && (t.size() == name.size() || t[name.size()] == ' ')) {
        out.push_back(DirectiveLine{Trim(t.substr(name.size())), pos, next, line});
      }
    }
    pos = next;
    ++line;
  }
  return out;
}

}  // namespace strata::source
