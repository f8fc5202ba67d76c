#include "source/checksum.h"

// SHA256_Init and friends are deprecated in OpenSSL 3 in favour of EVP, but EVP's
// first digest loads the provider configuration: 5 million instructions, more than
// hashing 500 migration files, paid by every `strata status`. The low-level calls
// are still OpenSSL's own implementation, with no set-up.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include "sql/statement.h"

namespace strata::source {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(digest, &ctx);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

Checksums ComputeChecksums(std::string_view normalized_text, Dialect dialect) {
  return Checksums(Sha256Hex(normalized_text), [text = std::string(normalized_text), dialect] {
    return Sha256Hex(sql::CanonicalTokens(text, dialect));
  });
}

}  // namespace strata::source
