// A migration version: the numeric parts of "001", "20250101_090000", "1.2.10" or
// "2". Versions order part by part, numerically, so "1.10" > "1.9" and "001" == "1".
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::source {

class Version {
 public:
  Version() = default;
  // Accepts digits separated by '.' or '_'; nullopt for anything else.
  static std::optional<Version> Parse(std::string_view text);

  const std::string& text() const { return text_; }  // as written in the file name
  bool empty() const { return parts_.empty(); }

  // Compares numerically; trailing zero parts do not count ("1.0" == "1").
  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }

 private:
  std::vector<uint64_t> parts_;
  std::string text_;
};

}  // namespace strata::source
