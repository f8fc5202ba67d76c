#include "base/interrupt.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace strata {
namespace {

void CountCancel(void* count) { ++*static_cast<int*>(count); }

// One signal, as the user's Ctrl-C: the flag is set, each live registration is
// called once, one that ended is not, and errors of the work it stopped become
// Interrupted with their message and context kept.
TEST(Interrupt, ASignalSetsTheFlagAndCancelsWhatIsRegistered) {
  InstallInterruptHandlers();
  ResetInterruptForTesting();
  int live = 0, ended = 0;
  CancelOnInterrupt keep(CountCancel, &live);
  { CancelOnInterrupt gone(CountCancel, &ended); }
  EXPECT_FALSE(Interrupted());
  const Status before = StoppedByInterrupt(Status::Database("x"));
  EXPECT_TRUE(before.is_database());

  ASSERT_EQ(::raise(SIGTERM), 0);
  EXPECT_TRUE(Interrupted());
  EXPECT_EQ(InterruptSignal(), SIGTERM);
  EXPECT_EQ(live, 1);
  EXPECT_EQ(ended, 0);
  Status cancelled = Status::Database("canceling statement due to user request");
  cancelled.mutable_context().sqlstate = "57014";
  const Status stopped = StoppedByInterrupt(cancelled);
  EXPECT_TRUE(stopped.is_interrupted());
  EXPECT_NE(stopped.message().find("stopped by SIGTERM"), std::string::npos) << stopped.message();
  EXPECT_NE(stopped.message().find("user request"), std::string::npos);
  EXPECT_EQ(stopped.context().sqlstate, "57014");
  EXPECT_TRUE(StoppedByInterrupt(Status::Ok()).ok());
  ResetInterruptForTesting();
}

}  // namespace
}  // namespace strata
