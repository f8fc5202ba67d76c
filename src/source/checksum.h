// The two checksums of a migration file. Both use SHA-256 (OpenSSL).
// - content: the file's bytes with line endings normalized, so a checkout on
//   Windows does not look like an edit;
// - semantic: the token stream without comments or blank space, so that
//   `validate` can tell a formatting-only edit (warning) from a real change (error).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/dialect.h"
#include "source/migration.h"

namespace strata::source {

std::string Sha256Hex(std::string_view data);
Checksums ComputeChecksums(std::string_view normalized_text, Dialect dialect);

// Other tools' checksums of a file, so that `strata adopt` can tell whether it
// changed since the peer applied it:
// Flyway's: CRC-32 (zlib) over the file's lines without their line endings (so
// LF and CRLF files agree), a BOM left out, as the signed 32-bit integer it stores.
int32_t FlywayChecksum(std::string_view text);
// sqitch's script_hash: the SHA-1 of the deploy script, in lower-case hex.
std::string Sha1Hex(std::string_view data);
// The MD5 of `data` in lower-case hex, as Liquibase sums changesets
// (liquibase_checksum.h).
std::string Md5Hex(std::string_view data);

}  // namespace strata::source
