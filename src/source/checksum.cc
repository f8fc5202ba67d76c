#include "source/checksum.h"

// SHA256_Init and friends are deprecated in OpenSSL 3 in favour of EVP, but EVP's
// first digest loads the provider configuration: 5 million instructions, more than
// hashing 500 migration files, paid by every `strata status`. The low-level calls
// are still OpenSSL's own implementation, with no set-up.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <zlib.h>

#include "sql/statement.h"

namespace strata::source {

namespace {

std::string Hex(const unsigned char* digest, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (size_t i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(digest, &ctx);
  return Hex(digest, sizeof digest);
}

std::string Sha1Hex(std::string_view data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof digest);
}

std::string Md5Hex(std::string_view data) {
  unsigned char digest[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof digest);
}

int32_t FlywayChecksum(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  uLong crc = crc32(0L, Z_NULL, 0);
  while (!text.empty()) {
    size_t end = text.find_first_of("\r\n");
    const std::string_view line = text.substr(0, end);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(line.data()), static_cast<uInt>(line.size()));
    if (end == std::string_view::npos) break;
    // "\r\n" is one line ending, as Java's readLine reads it.
    end += (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1;
    text.remove_prefix(end);
  }
  return static_cast<int32_t>(static_cast<uint32_t>(crc));
}

Checksums ComputeChecksums(std::string_view normalized_text, Dialect dialect) {
  return Checksums(Sha256Hex(normalized_text), [text = std::string(normalized_text), dialect] {
    return Sha256Hex(sql::CanonicalTokens(text, dialect));
  });
}

}  // namespace strata::source
