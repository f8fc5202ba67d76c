// The two checksums of a migration file. Both use SHA-256 (OpenSSL).
// - content: the file's bytes with line endings normalized, so a checkout on
//   Windows does not look like an edit;
// - semantic: the token stream without comments or blank space, so that
//   `validate` can tell a formatting-only edit (warning) from a real change (error).
#pragma once

#include <string>
#include <string_view>

#include "base/dialect.h"
#include "source/migration.h"

namespace strata::source {

std::string Sha256Hex(std::string_view data);
Checksums ComputeChecksums(std::string_view normalized_text, Dialect dialect);

}  // namespace strata::source
