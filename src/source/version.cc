#include "source/version.h"

#include <algorithm>
#include <cctype>

namespace strata::source {

std::optional<Version> Version::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  Version v;
  v.text_ = std::string(text);
  uint64_t current = 0;
  bool in_part = false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (current > (UINT64_MAX - 9) / 10) return std::nullopt;  // overflow
      current = current * 10 + static_cast<uint64_t>(c - '0');
      in_part = true;
    } else if ((c == '.' || c == '_') && in_part) {
      v.parts_.push_back(current);
      current = 0;
      in_part = false;
    } else {
      return std::nullopt;
    }
  }
  if (!in_part) return std::nullopt;
  v.parts_.push_back(current);
  return v;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  const size_t n = std::max(parts_.size(), other.parts_.size());
  for (size_t i = 0; i < n; ++i) {
    const uint64_t a = i < parts_.size() ? parts_[i] : 0;
    const uint64_t b = i < other.parts_.size() ? other.parts_[i] : 0;
    if (a != b) return a <=> b;
  }
  return std::strong_ordering::equal;
}

}  // namespace strata::source
