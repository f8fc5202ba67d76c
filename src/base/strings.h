// Small string helpers shared by every layer. No allocation surprises: views in,
// owned strings out.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

std::string_view Trim(std::string_view s);
std::string ToLower(std::string_view s);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool ContainsIgnoreCase(std::string_view s, std::string_view needle);
// Splits on `sep` and trims each piece; empty pieces are dropped.
std::vector<std::string> SplitAndTrim(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Replaces every "\r\n" and lone "\r" by "\n".
std::string NormalizeLineEndings(std::string s);
// The 1-based line and column (in code points) of byte `offset` within `text`.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn LocateOffset(std::string_view text, size_t offset);
// Line starts of a text, for many offset -> line/column lookups (each O(log n)
// plus the length of its line). Borrows `text`, which must outlive it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  LineColumn Locate(size_t offset) const;
  // The line holding `offset`, without its newline.
  std::string_view LineAt(size_t offset) const;

 private:
  size_t LineStart(size_t offset) const;
  std::string_view text_;
  std::vector<size_t> starts_;
};

// Byte offset of the `chars`-th code point (0-based) in UTF-8 `text`; clamps to size.
size_t CodePointsToBytes(std::string_view text, size_t chars);
// True when `text` is well-formed UTF-8; otherwise `bad_offset` gets the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);
// The first line of `text`, cut to at most `max` bytes with "..." when cut.
std::string Excerpt(std::string_view text, size_t max = 80);

// The word of `known` closest to `word` (ASCII case ignored), for a "did you mean"
// hint; none when the closest is too far to be a misspelling: more edits than a
// third of the word's length, at least 1 and at most 3. An edit inserts, deletes
// or replaces one character, or swaps two adjacent ones. Ties go to the earlier
// word of `known`. Example:
//   NearestSpelling("donw", kWords) -> "down";  NearestSpelling("banana", kWords) -> none
std::optional<std::string_view> NearestSpelling(std::string_view word,
                                                std::span<const std::string_view> known);

}  // namespace strata
