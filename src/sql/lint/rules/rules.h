// Factories of every lint rule, one per file in this folder, by category;
// registry.cc lists them in this order. Shared helpers are in helpers.h.
#pragma once

#include <memory>

#include "sql/lint/rule.h"

namespace strata::sql::lint {

// destructive
std::unique_ptr<Rule> MakeDropTable();
std::unique_ptr<Rule> MakeDropColumn();
std::unique_ptr<Rule> MakeDropSchema();
std::unique_ptr<Rule> MakeDropDatabase();
std::unique_ptr<Rule> MakeTruncate();
std::unique_ptr<Rule> MakeDeleteWithoutWhere();
std::unique_ptr<Rule> MakeUpdateWithoutWhere();
// locking and rewrites
std::unique_ptr<Rule> MakeIndexNotConcurrent();
std::unique_ptr<Rule> MakeMissingLockTimeout();
std::unique_ptr<Rule> MakeForeignKeyNotValid();
std::unique_ptr<Rule> MakeCheckNotValid();
std::unique_ptr<Rule> MakeSetNotNull();
std::unique_ptr<Rule> MakeColumnTypeRewrite();
std::unique_ptr<Rule> MakeVolatileDefault();
std::unique_ptr<Rule> MakeGeneratedColumnRewrite();
std::unique_ptr<Rule> MakeVacuumFull();
std::unique_ptr<Rule> MakeCluster();
std::unique_ptr<Rule> MakeReindexNotConcurrent();
std::unique_ptr<Rule> MakeConcurrentlyInTransaction();
std::unique_ptr<Rule> MakeAddUniqueConstraint();
std::unique_ptr<Rule> MakeDropIndexNotConcurrent();
std::unique_ptr<Rule> MakeAddColumnNotNullWithoutDefault();
std::unique_ptr<Rule> MakeAlterDomainAddConstraint();
std::unique_ptr<Rule> MakeDetachPartitionNotConcurrent();
std::unique_ptr<Rule> MakeValidateInSameTransaction();
// backward-incompatible
std::unique_ptr<Rule> MakeRenameTable();
std::unique_ptr<Rule> MakeRenameColumn();
std::unique_ptr<Rule> MakeTypeNarrowing();
std::unique_ptr<Rule> MakeDropNotNull();
// transactions
std::unique_ptr<Rule> MakeMixedDdlAndData();
std::unique_ptr<Rule> MakeMissingRollback();
std::unique_ptr<Rule> MakeTransactionControl();
std::unique_ptr<Rule> MakeUpdateDuplicateColumn();
// types
std::unique_ptr<Rule> MakeTimestampWithoutTimeZone();
std::unique_ptr<Rule> MakeCharType();
std::unique_ptr<Rule> MakeSerialType();
std::unique_ptr<Rule> MakeIntPrimaryKey();
std::unique_ptr<Rule> MakeJsonType();
std::unique_ptr<Rule> MakeMoneyType();
std::unique_ptr<Rule> MakeEnumValueNotAtEnd();
// constraints
std::unique_ptr<Rule> MakeTableWithoutPrimaryKey();
std::unique_ptr<Rule> MakeForeignKeyWithoutIndex();
// naming
std::unique_ptr<Rule> MakeNamingSnakeCase();
std::unique_ptr<Rule> MakeNamingPluralTables();
std::unique_ptr<Rule> MakeNamingIndexPrefix();
std::unique_ptr<Rule> MakeNamingConstraintPrefix();
std::unique_ptr<Rule> MakeNamingTimestampSuffix();
std::unique_ptr<Rule> MakeNamingBooleanPrefix();
std::unique_ptr<Rule> MakeIdentifierTooLong();
// security
std::unique_ptr<Rule> MakeGrantToPublic();
std::unique_ptr<Rule> MakeSecurityDefinerSearchPath();

}  // namespace strata::sql::lint
