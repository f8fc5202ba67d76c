#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace strata {

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

bool ContainsIgnoreCase(std::string_view s, std::string_view needle) {
  const auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(s.begin(), s.end(), needle.begin(), needle.end(), same) != s.end();
}

std::vector<std::string> SplitAndTrim(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view piece = Trim(s.substr(start, end - start));
    if (!piece.empty()) out.emplace_back(piece);
    start = end + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string NormalizeLineEndings(std::string s) {
  // Most files have no '\r' at all: then nothing is copied or moved.
  size_t from = s.find('\r');
  if (from == std::string::npos) return s;
  size_t to = from;
  while (from < s.size()) {
    if (s[from] == '\r') {
      s[to++] = '\n';
      from += (from + 1 < s.size() && s[from + 1] == '\n') ? 2 : 1;
    } else {
      s[to++] = s[from++];
    }
  }
  s.resize(to);
  return s;
}

LineColumn LocateOffset(std::string_view text, size_t offset) {
  LineColumn lc;
  offset = std::min(offset, text.size());
  for (size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++lc.column;
    }
  }
  return lc;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

size_t LineIndex::LineStart(size_t offset) const {
  return *(std::upper_bound(starts_.begin(), starts_.end(), offset) - 1);
}

LineColumn LineIndex::Locate(size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
  LineColumn lc;
  lc.line = static_cast<int>(it - starts_.begin()) + 1;
  lc.column = LocateOffset(text_.substr(*it, offset - *it), offset - *it).column;
  return lc;
}

std::string_view LineIndex::LineAt(size_t offset) const {
  const size_t begin = LineStart(std::min(offset, text_.size()));
  const size_t end = text_.find('\n', begin);
  return text_.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

size_t CodePointsToBytes(std::string_view text, size_t chars) {
  size_t i = 0;
  while (i < text.size() && chars > 0) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    --chars;
  }
  return i;
}

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  size_t i = 0;
  while (i < text.size()) {
    // SQL is mostly ASCII: skip eight such bytes at a time.
    while (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    int extra;
    uint32_t min;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    uint32_t cp = c & (0x3F >> extra);
    if (i + extra >= text.size()) {  // truncated sequence
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string Excerpt(std::string_view text, size_t max) {
  text = Trim(text);
  size_t nl = text.find('\n');
  bool cut = nl != std::string_view::npos;
  std::string_view line = text.substr(0, nl);
  if (line.size() > max) {
    // Cut on a character boundary: excerpts end up in JSON, which must be UTF-8.
    while (max > 0 && (static_cast<unsigned char>(line[max]) & 0xC0) == 0x80) --max;
    line = line.substr(0, max);
    cut = true;
  }
  std::string out(line);
  if (cut) out += " ...";
  return out;
}

namespace {

// Optimal string alignment distance: Levenshtein plus adjacent transpositions.
size_t EditDistance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  // Three rows of the (a.size() + 1) x (b.size() + 1) table: two back, one back, current.
  std::vector<size_t> two(b.size() + 1), one(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) one[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({one[j] + 1, row[j - 1] + 1, one[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        row[j] = std::min(row[j], two[j - 2] + 1);
      }
    }
    std::swap(two, one);
    std::swap(one, row);
  }
  return one[b.size()];
}

}  // namespace

std::optional<std::string_view> NearestSpelling(std::string_view word,
                                                std::span<const std::string_view> known) {
  const size_t max_edits = std::clamp<size_t>(word.size() / 3, 1, 3);
  std::optional<std::string_view> best;
  size_t best_distance = max_edits + 1;
  for (std::string_view candidate : known) {
    const size_t d = EditDistance(word, candidate);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace strata
