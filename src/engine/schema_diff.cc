#include "engine/schema_diff.h"

#include "diff/diff.h"

namespace strata::engine {

Result<SchemaDiff> PlanDiff(const catalog::Catalog& from, const catalog::Catalog& to,
                            const driver::Planner& planner,
                            const std::vector<std::string>& exclude) {
  if (from.dialect != to.dialect) {
    return Status::InvalidInput("cannot compare a " + std::string(DialectName(from.dialect)) +
                                " schema with a " + std::string(DialectName(to.dialect)) + " one");
  }
  if (planner.dialect() != from.dialect) {
    return Status::Internal("a " + std::string(DialectName(planner.dialect())) + " planner for " +
                            std::string(DialectName(from.dialect)) + " schemas");
  }
  SchemaDiff out;
  diff::DiffOptions options;
  options.exclude = exclude;
  out.changes = diff::Diff(from, to, planner.DiffRules(), options);
  out.plan = planner.PlanChanges(out.changes, from, to);
  return out;
}

}  // namespace strata::engine
