#include "engine/transaction_choice.h"

#include <gtest/gtest.h>

namespace strata::engine {
namespace {

using sql::TransactionMode;

driver::Capabilities WithTransactionalDdl(bool transactional_ddl) {
  driver::Capabilities c;
  c.transactional_ddl = transactional_ddl;
  return c;
}

TEST(ChooseByStatement, EveryModeWithAndWithoutTransactionalDdl) {
  struct Case {
    TransactionMode classified;
    bool stopped_midway;
    bool transactional_ddl;
    ByStatement want;
  };
  const Case cases[] = {
      // PostgreSQL and SQLite: as classified, unless a run stopped midway.
      {TransactionMode::kSingle, false, true, ByStatement::kNo},
      {TransactionMode::kWrapped, false, true, ByStatement::kNo},
      {TransactionMode::kSingle, true, true, ByStatement::kStoppedMidway},
      {TransactionMode::kWrapped, true, true, ByStatement::kStoppedMidway},
      // DDL that commits by itself: every script as a -- strata:no-transaction one.
      {TransactionMode::kSingle, false, false, ByStatement::kDdlNotTransactional},
      {TransactionMode::kWrapped, false, false, ByStatement::kDdlNotTransactional},
      {TransactionMode::kSingle, true, false, ByStatement::kStoppedMidway},
      // Already unit by unit: nothing to change, whatever the database.
      {TransactionMode::kNone, false, true, ByStatement::kNo},
      {TransactionMode::kNone, true, false, ByStatement::kNo},
      {TransactionMode::kOwnBlocks, false, false, ByStatement::kNo},
      {TransactionMode::kOwnBlocks, true, true, ByStatement::kNo},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ChooseByStatement(c.classified, c.stopped_midway,
                                WithTransactionalDdl(c.transactional_ddl)),
              c.want)
        << sql::TransactionModeName(c.classified) << " stopped_midway=" << c.stopped_midway
        << " transactional_ddl=" << c.transactional_ddl;
  }
}

TEST(ChooseByStatement, EachReasonSaysWhy) {
  EXPECT_EQ(ByStatementReason(ByStatement::kNo), "");
  EXPECT_EQ(ByStatementReason(ByStatement::kStoppedMidway),
            "stopped midway, so it goes on statement by statement");
  EXPECT_NE(ByStatementReason(ByStatement::kDdlNotTransactional).find("does not roll back"),
            std::string_view::npos);
}

}  // namespace
}  // namespace strata::engine
