#include "source/placeholders.h"

#include <cctype>

#include "base/strings.h"

namespace strata::source {
namespace {

bool NameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == ':' ||
         c == '-';
}

}  // namespace

Result<std::string> ReplacePlaceholders(std::string text, const Placeholders& placeholders,
                                        const std::string& path) {
  if (!placeholders.any()) return text;
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = text.find(placeholders.prefix, pos);
    if (start == std::string::npos) break;
    const size_t name_start = start + placeholders.prefix.size();
    size_t name_end = name_start;
    while (name_end < text.size() && NameChar(text[name_end])) ++name_end;
    const bool closed = name_end > name_start && text.compare(name_end, placeholders.suffix.size(),
                                                              placeholders.suffix) == 0;
    if (!closed) {  // not a placeholder: the prefix is text
      out.append(text, pos, name_start - pos);
      pos = name_start;
      continue;
    }
    const std::string name = text.substr(name_start, name_end - name_start);
    const auto value = placeholders.values.find(name);
    if (value == placeholders.values.end()) {
      std::string known;
      for (const auto& [k, v] : placeholders.values) known += (known.empty() ? "" : ", ") + k;
      const LineColumn at = LocateOffset(text, start);
      return Status::InvalidInput("placeholder " + placeholders.prefix + name +
                                  placeholders.suffix + " has no value in strata.toml's " +
                                  "[placeholders] (it has: " + known + ")")
          .WithFile(path)
          .WithLocation(at.line, at.column);
    }
    out.append(text, pos, start - pos);
    out += value->second;
    pos = name_end + placeholders.suffix.size();
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace strata::source
