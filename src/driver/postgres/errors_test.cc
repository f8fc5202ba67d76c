#include "driver/postgres/errors.h"

#include <gtest/gtest.h>

namespace strata::driver::postgres {
namespace {

TEST(ClassifySqlState, NamesTheCodesTheEngineRetriesAndNoOther) {
  const struct {
    const char* sqlstate;
    ErrorClass want;
  } cases[] = {
      {"55P03", ErrorClass::kLockNotGranted},        // lock_not_available
      {"40P01", ErrorClass::kDeadlock},              // deadlock_detected
      {"40001", ErrorClass::kSerializationFailure},  // serialization_failure
      {"55000", ErrorClass::kNone},                  // object_not_in_prerequisite_state
      {"40000", ErrorClass::kNone},                  // transaction_rollback
      {"57014", ErrorClass::kNone},                  // query_canceled
      {"23505", ErrorClass::kNone},                  // unique_violation
      {"08006", ErrorClass::kNone},                  // connection_failure
      {"55p03", ErrorClass::kNone},                  // SQLSTATEs are upper case
      {"", ErrorClass::kNone},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifySqlState(c.sqlstate), c.want) << c.sqlstate;
  }
}

}  // namespace
}  // namespace strata::driver::postgres
