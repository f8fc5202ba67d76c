#include "engine/transaction_choice.h"

namespace strata::engine {

ByStatement ChooseByStatement(sql::TransactionMode classified, bool stopped_midway,
                              const driver::Capabilities& capabilities) {
  if (!sql::RunsInOneTransaction(classified)) return ByStatement::kNo;
  if (stopped_midway) return ByStatement::kStoppedMidway;
  if (!capabilities.transactional_ddl) return ByStatement::kDdlNotTransactional;
  return ByStatement::kNo;
}

std::string_view ByStatementReason(ByStatement why) {
  switch (why) {
    case ByStatement::kNo:
      return "";
    case ByStatement::kStoppedMidway:
      return "stopped midway, so it goes on statement by statement";
    case ByStatement::kDdlNotTransactional:
      return "the database's DDL does not roll back with a transaction, so each statement "
             "commits with its progress";
  }
  return "";
}

}  // namespace strata::engine
