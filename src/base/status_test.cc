#include "base/status.h"

#include <gtest/gtest.h>

#include <csignal>

#include "base/interrupt.h"

namespace strata {
namespace {

// The class a driver reads from its code decides the code, the same way in
// every driver: a lock not granted is a lock timeout, anything else a database
// error (both exit 1). The raw code stays for the message.
TEST(Status, ADatabaseErrorsClassDecidesItsCodeAndAnswersThePredicates) {
  const struct {
    ErrorClass error_class;
    ErrorCode code;
    bool lock_not_granted, deadlock, serialization_failure;
  } cases[] = {
      {ErrorClass::kLockNotGranted, ErrorCode::kLockTimeout, true, false, false},
      {ErrorClass::kDeadlock, ErrorCode::kDatabase, false, true, false},
      {ErrorClass::kSerializationFailure, ErrorCode::kDatabase, false, false, true},
      {ErrorClass::kNone, ErrorCode::kDatabase, false, false, false},
  };
  for (const auto& c : cases) {
    const Status st = Status::DatabaseError(c.error_class, "refused").WithSqlState("XX000");
    EXPECT_EQ(st.code(), c.code);
    EXPECT_EQ(st.is_lock_not_granted(), c.lock_not_granted);
    EXPECT_EQ(st.is_deadlock(), c.deadlock);
    EXPECT_EQ(st.is_serialization_failure(), c.serialization_failure);
    EXPECT_EQ(st.ToString(), "refused [SQLSTATE XX000]");
  }
  // Other errors have no class, whatever their code says.
  const Status plain = Status::Database("refused").WithSqlState("55P03");
  EXPECT_FALSE(plain.is_lock_not_granted());
  EXPECT_FALSE(Status::LockTimeout("while waiting for the migration lock").is_lock_not_granted());
}

// An interrupt that stops a statement waiting for a lock keeps its class, as
// it keeps the rest of the context.
TEST(Status, AnInterruptedErrorKeepsItsClass) {
  InstallInterruptHandlers();
  ResetInterruptForTesting();
  ASSERT_EQ(::raise(SIGINT), 0);
  const Status stopped = StoppedByInterrupt(
      Status::DatabaseError(ErrorClass::kLockNotGranted, "lock timeout").WithSqlState("55P03"));
  ResetInterruptForTesting();
  EXPECT_TRUE(stopped.is_interrupted());
  EXPECT_TRUE(stopped.is_lock_not_granted());
  EXPECT_EQ(stopped.context().sqlstate, "55P03");
}

}  // namespace
}  // namespace strata
