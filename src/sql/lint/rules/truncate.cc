// truncate: TRUNCATE empties tables at once, outside MVCC.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class Truncate final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "truncate",
        Category::kDestructive,
        Severity::kError,
        "TRUNCATE removes every row of a table.",
        "All rows are gone once the migration commits, and a rollback cannot bring them back. "
        "TRUNCATE takes an ACCESS EXCLUSIVE lock, so every reader and writer of the table "
        "waits, and it is not MVCC-safe: concurrent transactions with an older snapshot see "
        "the table empty. With CASCADE it also empties every table that references it.",
        "If the rows must go, archive them first and remove them in batches (DELETE ... WHERE "
        "id BETWEEN ...) outside the schema migration; if the table is no longer used, stop "
        "using it and drop it in a contract phase.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kTruncate || ctx.options().rollback) return;
    // The model names only the first table; a comma means more follow.
    const bool one_table = s.text.find(',') == std::string::npos;
    if (one_table && ctx.CreatedHere(s.table)) return;  // filled and emptied in this migration
    std::string message =
        "empties " + (s.table.empty() ? std::string("a table") : s.table.Display());
    if (!one_table) message += " and the other tables listed";
    message += ", removing every row";
    emit(s.offset, DestructiveMessage(ctx, std::move(message)));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTruncate() { return std::make_unique<Truncate>(); }

}  // namespace strata::sql::lint
