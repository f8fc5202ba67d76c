#include "driver/sqlite/errors.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <string>

namespace strata::driver::sqlite {
namespace {

TEST(ClassifyResultCode, BusyAndLockedInAllTheirVariantsAreALockNotGranted) {
  const struct {
    int code;
    ErrorClass want;
  } cases[] = {
      {SQLITE_BUSY, ErrorClass::kLockNotGranted},
      {SQLITE_LOCKED, ErrorClass::kLockNotGranted},
      {SQLITE_BUSY_SNAPSHOT, ErrorClass::kLockNotGranted},
      {SQLITE_BUSY_RECOVERY, ErrorClass::kLockNotGranted},
      {SQLITE_LOCKED_SHAREDCACHE, ErrorClass::kLockNotGranted},
      {SQLITE_OK, ErrorClass::kNone},
      {SQLITE_ERROR, ErrorClass::kNone},
      {SQLITE_CONSTRAINT_UNIQUE, ErrorClass::kNone},
      {SQLITE_IOERR, ErrorClass::kNone},
      {SQLITE_INTERRUPT, ErrorClass::kNone},
      {SQLITE_READONLY, ErrorClass::kNone},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifyResultCode(c.code), c.want) << c.code;
  }
}

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, Closer>;

Db Open(const std::string& path) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_extended_result_codes(raw, 1);  // as the driver opens it
  return Db(raw);
}

// A writer that finds the database locked gets a lock timeout that keeps
// SQLite's code and says who holds the lock; any other error is a database one.
TEST(ErrorFrom, ABusyDatabaseIsALockNotGrantedThatKeepsItsCode) {
  const std::string path = ::testing::TempDir() + "/errors_test_busy.db";
  std::remove(path.c_str());
  Db holder = Open(path);
  Db waiter = Open(path);
  ASSERT_EQ(sqlite3_exec(holder.get(), "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  const int rc = sqlite3_exec(waiter.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  ASSERT_EQ(rc, SQLITE_BUSY);
  const Status busy = ErrorFrom(waiter.get(), rc, "BEGIN IMMEDIATE", nullptr, nullptr);
  EXPECT_TRUE(busy.is_lock_not_granted());
  EXPECT_TRUE(busy.is_lock_timeout());
  EXPECT_EQ(busy.ToString(),
            "the database is locked by another writer: database is locked [SQLITE 5]");

  const int bad = sqlite3_exec(holder.get(), "SELECT nope FROM nowhere", nullptr, nullptr, nullptr);
  const Status other = ErrorFrom(holder.get(), bad, "SELECT nope FROM nowhere", nullptr, nullptr);
  EXPECT_TRUE(other.is_database());
  EXPECT_FALSE(other.is_lock_not_granted());
  EXPECT_EQ(other.context().sqlstate, "SQLITE 1");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace strata::driver::sqlite
