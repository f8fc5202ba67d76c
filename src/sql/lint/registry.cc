#include "sql/lint/registry.h"

#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {

RuleSet AllRules() {
  RuleSet rules;
  rules.reserve(51);
  rules.push_back(MakeDropTable());
  rules.push_back(MakeDropColumn());
  rules.push_back(MakeDropSchema());
  rules.push_back(MakeDropDatabase());
  rules.push_back(MakeTruncate());
  rules.push_back(MakeDeleteWithoutWhere());
  rules.push_back(MakeUpdateWithoutWhere());
  rules.push_back(MakeIndexNotConcurrent());
  rules.push_back(MakeMissingLockTimeout());
  rules.push_back(MakeForeignKeyNotValid());
  rules.push_back(MakeCheckNotValid());
  rules.push_back(MakeSetNotNull());
  rules.push_back(MakeColumnTypeRewrite());
  rules.push_back(MakeVolatileDefault());
  rules.push_back(MakeGeneratedColumnRewrite());
  rules.push_back(MakeVacuumFull());
  rules.push_back(MakeCluster());
  rules.push_back(MakeReindexNotConcurrent());
  rules.push_back(MakeConcurrentlyInTransaction());
  rules.push_back(MakeAddUniqueConstraint());
  rules.push_back(MakeDropIndexNotConcurrent());
  rules.push_back(MakeAddColumnNotNullWithoutDefault());
  rules.push_back(MakeAlterDomainAddConstraint());
  rules.push_back(MakeDetachPartitionNotConcurrent());
  rules.push_back(MakeValidateInSameTransaction());
  rules.push_back(MakeRenameTable());
  rules.push_back(MakeRenameColumn());
  rules.push_back(MakeTypeNarrowing());
  rules.push_back(MakeDropNotNull());
  rules.push_back(MakeMixedDdlAndData());
  rules.push_back(MakeMissingRollback());
  rules.push_back(MakeTransactionControl());
  rules.push_back(MakeUpdateDuplicateColumn());
  rules.push_back(MakeTimestampWithoutTimeZone());
  rules.push_back(MakeCharType());
  rules.push_back(MakeSerialType());
  rules.push_back(MakeIntPrimaryKey());
  rules.push_back(MakeJsonType());
  rules.push_back(MakeMoneyType());
  rules.push_back(MakeEnumValueNotAtEnd());
  rules.push_back(MakeTableWithoutPrimaryKey());
  rules.push_back(MakeForeignKeyWithoutIndex());
  rules.push_back(MakeNamingSnakeCase());
  rules.push_back(MakeNamingPluralTables());
  rules.push_back(MakeNamingIndexPrefix());
  rules.push_back(MakeNamingConstraintPrefix());
  rules.push_back(MakeNamingTimestampSuffix());
  rules.push_back(MakeNamingBooleanPrefix());
  rules.push_back(MakeIdentifierTooLong());
  rules.push_back(MakeGrantToPublic());
  rules.push_back(MakeSecurityDefinerSearchPath());
  return rules;
}

std::vector<RuleInfo> BuiltinFindings() {
  return {
      RuleInfo{"syntax-error",
               Category::kTransactions,
               Severity::kError,
               "The statement does not parse.",
               "A statement the parser rejects fails at run time, after the statements before it "
               "in a non-transactional migration have already run.",
               "Fix the syntax; `strata lint` shows the parser's message.",
               {Dialect::kPostgres}},
      RuleInfo{"lint-ignore-needs-reason",
               Category::kTransactions,
               Severity::kWarning,
               "A lint suppression without a reason.",
               "A silenced finding with no reason cannot be reviewed later.",
               "Write the reason after the rule ids: `-- strata:lint-ignore drop-table the table "
               "was deprecated in 2.3 and is unused`.",
               {Dialect::kPostgres, Dialect::kSqlite}},
      RuleInfo{"lint-ignore-unknown-rule",
               Category::kTransactions,
               Severity::kError,
               "A lint suppression that names no rule strata has.",
               "A misspelled rule id silences nothing: the finding it was meant for still "
               "stops the migration, or worse, the author believes a check ran that did not.",
               "Spell the rule as `strata lint --list-rules` shows it (the message names the "
               "nearest one), or `all`.",
               {Dialect::kPostgres, Dialect::kSqlite}},
  };
}

}  // namespace strata::sql::lint
