#include "driver/redact.h"

#include <regex>

namespace strata::driver {

std::string MaskSecret(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.size() < 3) return out;
  for (size_t pos = out.find(secret); pos != std::string::npos;
       pos = out.find(secret, pos + 8)) {
    out.replace(pos, secret.size(), "********");
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  static const std::regex kUserInfo(R"(^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@/]*@)");
  static const std::regex kKeyword(R"((^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+))");
  static const std::regex kQuery(R"(([?&]password=)[^&]*)");
  std::string out = std::regex_replace(std::string(url), kUserInfo, "$1:********@");
  out = std::regex_replace(out, kKeyword, "$1password=********");
  return std::regex_replace(out, kQuery, "$1********");
}

}  // namespace strata::driver
