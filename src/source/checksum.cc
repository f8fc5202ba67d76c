#include "source/checksum.h"

#include <openssl/evp.h>

#include "sql/statement.h"

namespace strata::source {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

Checksums ComputeChecksums(std::string_view normalized_text, Dialect dialect) {
  return Checksums{Sha256Hex(normalized_text),
                   Sha256Hex(sql::CanonicalTokens(normalized_text, dialect))};
}

}  // namespace strata::source
