// Liquibase's checksum of a formatted SQL changeset, as DATABASECHANGELOG's
// MD5SUM column keeps it, so that `strata adopt` can tell a changeset edited
// since Liquibase ran it.
//
// What Liquibase 4.22 and later (checksum version 9) hash, established from its
// documentation and issues (liquibase/liquibase#3549, #3616) and checked against
// the values Liquibase 4.28.0 writes (liquibase_checksum_test.cc, and
// tests/integration/liquibase_checksum_test.cc):
//   1. the changeset's SQL: its lines other than --comment, --rollback,
//      /* liquibase rollback */ blocks, --precondition*, --validCheckSum and
//      --ignoreLines, with properties replaced; SQL comments are part of it;
//   2. trimmed at both ends, then with every space, tab, CR and LF removed: a
//      change of indentation, blank lines or line endings does not count (nor,
//      as Liquibase has it, a space inside a string literal);
//   3. the MD5 of those bytes (UTF-8), written "9:<hex>", followed by ':';
//   4. the MD5 of that text (one change per changeset: the changeset's sum is
//      the sum of its changes' sums), written "9:<hex>".
// Attributes (splitStatements, runInTransaction, dbms, ...) are not part of it.
// Version 8 (Liquibase up to 4.21) hashed differently (endDelimiter,
// splitStatements and stripComments summed too, blank space collapsed rather
// than removed); strata does not compute it, having no Liquibase of that age to
// check against, and says so rather than pass such a row.
// Pure functions: no file system, no database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace strata::source {

// The checksum version strata computes: Liquibase 4.22 and later write it.
inline constexpr int kLiquibaseChecksumVersion = 9;

// Liquibase's version-9 checksum of a changeset whose SQL is `sql` (the SQL as
// Liquibase reads it: see above): "9:" and 32 lower-case hex digits.
std::string LiquibaseChecksumV9(std::string_view sql);

// The version a stored MD5SUM names ("9:..." is 9); nullopt for a value without
// one ("<digit>:" first), which Liquibase reads as version 1.
std::optional<int> LiquibaseChecksumVersionOf(std::string_view stored);

// The checksum of `sql` in the version of `stored`, to compare with it. An
// InvalidInput "cannot verify Liquibase checksum version N ..." for a version
// other than 9: the caller must not take the changeset as unchanged.
Result<std::string> LiquibaseChecksumLike(std::string_view stored, std::string_view sql);

// Whether a changeset's --validCheckSum: values (LiquibaseChangeset::
// valid_checksums) let Liquibase take `stored` as its checksum although the
// file's differs: one of them is `stored`, or is ANY, ALL or * (any case).
bool LiquibaseChecksumListedValid(const std::vector<std::string>& valid, std::string_view stored);

}  // namespace strata::source
