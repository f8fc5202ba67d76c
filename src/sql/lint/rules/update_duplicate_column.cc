// update-duplicate-column: UPDATE ... SET assigning one column twice fails on
// PostgreSQL ("multiple assignments to same column").
//
// Two assignments to parts of one column (SET a[1] = x, a[2] = y, or two fields
// of a composite) are allowed and combined; PostgreSQL refuses the pair only when
// one of them replaces the whole column.
#include <map>

#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class UpdateDuplicateColumn final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "update-duplicate-column",
        Category::kTransactions,
        Severity::kError,
        "UPDATE ... SET assigns the same column twice.",
        "PostgreSQL rejects the statement with \"multiple assignments to same column\" when it "
        "runs, not when the migration is written: the migration stops there, and without a "
        "transaction the statements before it stay applied. It is usually a copy-paste slip, "
        "and which of the two values was meant cannot be told from the text.",
        "Keep one assignment per column. To change several elements of an array column, or "
        "several fields of a composite one, assign each part (SET a[1] = ..., a[2] = ...) or "
        "build the whole new value in one expression.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& /*ctx*/, const Emit& emit) const override {
    if (s.kind != StatementKind::kUpdate) return;
    struct Seen {
      bool whole = false;  // some earlier assignment replaced the whole column
      bool reported = false;
    };
    std::map<std::string, Seen> seen;  // by column
    for (const Assignment& a : s.assignments) {
      auto [it, first] = seen.try_emplace(a.column);
      Seen& column = it->second;
      if (!first && !column.reported && (column.whole || !a.indirection)) {
        emit(a.offset, "assigns column " + a.column + " of " + s.table.Display() +
                           " a second time: PostgreSQL refuses the UPDATE (multiple assignments "
                           "to same column)");
        column.reported = true;
      }
      column.whole = column.whole || !a.indirection;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUpdateDuplicateColumn() {
  return std::make_unique<UpdateDuplicateColumn>();
}

}  // namespace strata::sql::lint
