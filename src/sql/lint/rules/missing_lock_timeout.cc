// missing-lock-timeout: DDL that could queue behind a long transaction forever.
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class MissingLockTimeout final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "missing-lock-timeout",
        Category::kLocking,
        Severity::kWarning,
        "DDL on an existing table without a lock_timeout.",
        "An ALTER TABLE waits for its ACCESS EXCLUSIVE lock behind any long-running "
        "transaction, and while it waits every other query on the table queues behind it: a "
        "one-second change becomes an outage.",
        "Start the migration with SET lock_timeout = '2s' (and retry on failure), or let "
        "strata set it for the run.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (ctx.LockTimeoutSet() || ctx.CreatedHere(s.table)) return;
    const bool ddl = s.kind == StatementKind::kAlterTable || s.kind == StatementKind::kRename ||
                     (s.kind == StatementKind::kCreateIndex && !s.index.concurrently) ||
                     (s.kind == StatementKind::kDrop && s.drop.object == ObjectKind::kTable);
    if (!ddl || s.table.empty()) return;
    emit(s.offset, "waits for a lock on " + s.table.Display() + " with no lock_timeout set");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMissingLockTimeout() { return std::make_unique<MissingLockTimeout>(); }

}  // namespace strata::sql::lint
