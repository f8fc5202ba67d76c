#include "base/numbers.h"

#include <charconv>
#include <limits>
#include <string>
#include <system_error>

#include "base/strings.h"

namespace strata {
namespace {

// The text as it appears in a message: quoted as it is (spaces show), or its
// first line cut to 40 bytes when long.
std::string Quoted(std::string_view text) {
  const bool short_line = text.size() <= 40 && text.find('\n') == std::string_view::npos;
  return "'" + (short_line ? std::string(text) : Excerpt(text, 40)) + "'";
}

template <typename T>
Result<T> Parse(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range) {
    return Status::InvalidInput(Quoted(text) + " is out of range (" +
                                std::to_string(std::numeric_limits<T>::min()) + " to " +
                                std::to_string(std::numeric_limits<T>::max()) + ")");
  }
  if (text.empty() || ec != std::errc() || stop != end) {
    return Status::InvalidInput(Quoted(text) + " is not a whole number");
  }
  return value;
}

}  // namespace

Result<int64_t> ParseInt64(std::string_view text) { return Parse<int64_t>(text); }
Result<int> ParseInt(std::string_view text) { return Parse<int>(text); }

}  // namespace strata
