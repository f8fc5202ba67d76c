#include "driver/quote.h"

namespace strata::driver {

std::string QuoteWithDoubleQuotes(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace strata::driver
