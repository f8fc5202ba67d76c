// vacuum-full: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class VacuumFull final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "vacuum-full",
        Category::kLocking,
        Severity::kError,
        "VACUUM FULL in a migration.",
        "VACUUM FULL copies the whole table into a new file and rebuilds its indexes while "
        "holding an ACCESS EXCLUSIVE lock: every query on the table, reads included, waits for "
        "the copy, which also needs the disk space of a second copy. Without a table it does "
        "this to every table in the database.",
        "Leave space reclamation out of migrations. Plain VACUUM (SHARE UPDATE EXCLUSIVE) makes "
        "dead space reusable while reads and writes go on; to give space back to the operating "
        "system online, run pg_repack or pg_squeeze as an operational task.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kVacuum || !s.vacuum_full) return;
    if (s.table.empty()) {
      emit(s.offset,
           "VACUUM FULL rewrites every table in the database, each under ACCESS EXCLUSIVE");
    } else if (!ctx.CreatedHere(s.table)) {
      emit(s.offset, "VACUUM FULL rewrites " + s.table.Display() + " under ACCESS EXCLUSIVE");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVacuumFull() { return std::make_unique<VacuumFull>(); }

}  // namespace strata::sql::lint
