// PostgreSQL statements for single catalog objects, shared by the schema dump
// (plan.cc) and the change plan (plan_changes.cc). Internal to the PostgreSQL
// planner. Each returns one statement without its ';'.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace strata::driver::postgres {

std::string Q(std::string_view name);
std::string Q(const catalog::QualifiedName& name);
std::string NameList(const std::vector<std::string>& names);
std::string SequenceClauses(const catalog::SequenceOptions& options);
std::string WithOptions(const std::vector<std::string>& options);

std::string ColumnSql(const catalog::Column& column);
std::string TableSql(const catalog::Table& table);
std::string EnumSql(const catalog::EnumType& type);
// CREATE DOMAIN without its default and checks, which may call functions that
// can only be created after the domain (their signatures may use it):
// DomainRulesSql adds them (ALTER DOMAIN, which also says NOT VALID).
std::string DomainSql(const catalog::Domain& domain);
std::vector<std::string> DomainRulesSql(const catalog::Domain& domain);
std::string DomainConstraintSql(const catalog::Domain& domain, const catalog::DomainConstraint& k);
std::string CompositeAttributeSql(const catalog::CompositeAttribute& attribute);
std::string CompositeTypeSql(const catalog::CompositeType& type);
std::string SequenceSql(const catalog::Sequence& sequence);
std::string OwnedBySql(const catalog::Sequence& sequence);
std::string AddConstraintSql(const catalog::QualifiedName& table, const catalog::Constraint& k);
std::string ViewSql(const catalog::View& view, bool with_data);
std::string IndexSql(const catalog::Index& index, bool concurrently);
// ALTER TABLE ... ENABLE/DISABLE TRIGGER for a trigger not simply enabled.
std::optional<std::string> TriggerStateSql(const catalog::Trigger& trigger);
std::string PolicySql(const catalog::Policy& policy);

// What COMMENT ON names: "TABLE public.t", "COLUMN public.t.c", ...
std::string TableTarget(const catalog::Table& table);
std::string ColumnTarget(const catalog::QualifiedName& table, const std::string& column);
std::string ConstraintTarget(const catalog::QualifiedName& table, const std::string& name);
std::string FunctionTarget(const catalog::Function& function);
std::string ViewTarget(const catalog::View& view);
std::string TriggerTarget(const catalog::Trigger& trigger);
std::string PolicyTarget(const catalog::Policy& policy);
// COMMENT ON `target` IS '...', or IS NULL for an empty comment.
std::string CommentSql(const std::string& target, const std::string& comment);

}  // namespace strata::driver::postgres
