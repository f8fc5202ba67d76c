#include "source/liquibase_checksum.h"

#include "base/strings.h"
#include "source/checksum.h"

namespace strata::source {
namespace {

// Java's String.trim(): every character up to U+0020 goes at both ends.
std::string_view JavaTrim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// The four characters Liquibase's normalizing stream drops inside the SQL.
bool Dropped(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string LiquibaseChecksumV9(std::string_view sql) {
  std::string kept;
  for (char c : JavaTrim(sql)) {
    if (!Dropped(c)) kept += c;
  }
  const std::string prefix = std::to_string(kLiquibaseChecksumVersion) + ":";
  // The changeset's sum is over its one change's sum, written with its version.
  return prefix + Md5Hex(prefix + Md5Hex(kept) + ":");
}

std::optional<int> LiquibaseChecksumVersionOf(std::string_view stored) {
  if (stored.size() < 2 || stored[1] != ':' || stored[0] < '0' || stored[0] > '9') {
    return std::nullopt;
  }
  return stored[0] - '0';
}

Result<std::string> LiquibaseChecksumLike(std::string_view stored, std::string_view sql) {
  const std::optional<int> version = LiquibaseChecksumVersionOf(stored);
  if (version == kLiquibaseChecksumVersion) return LiquibaseChecksumV9(sql);
  return Status::InvalidInput(
      "cannot verify Liquibase checksum version " + (version ? std::to_string(*version) : "1") +
      " (MD5SUM " + std::string(stored) + "): strata computes version " +
      std::to_string(kLiquibaseChecksumVersion) + ", which Liquibase 4.22 and later write");
}

bool LiquibaseChecksumListedValid(const std::vector<std::string>& valid, std::string_view stored) {
  for (const std::string& v : valid) {
    if (EqualsIgnoreCase(v, "any") || EqualsIgnoreCase(v, "all") || v == "*" || v == stored) {
      return true;
    }
  }
  return false;
}

}  // namespace strata::source
