#include "sql/lint/locks.h"

#include "sql/dialect_traits.h"

namespace strata::sql::lint {
namespace {

constexpr const char* kAccessExclusive = "ACCESS EXCLUSIVE";
static_assert(TraitsOf(Dialect::kPostgres).blocking_lock == kAccessExclusive);
constexpr const char* kShareUpdateExclusive = "SHARE UPDATE EXCLUSIVE";
constexpr const char* kShareRowExclusive = "SHARE ROW EXCLUSIVE";
constexpr const char* kShare = "SHARE";
constexpr const char* kRowExclusive = "ROW EXCLUSIVE";

// ALTER TABLE takes the strongest lock any of its subcommands needs.
const char* AlterLock(const ParsedStatement& s) {
  bool only_weaker = !s.alters.empty();
  bool share_row = false;
  for (const AlterCmd& a : s.alters) {
    if (a.kind == AlterKind::kValidateConstraint) continue;  // SHARE UPDATE EXCLUSIVE
    if (a.kind == AlterKind::kDetachPartition && a.concurrently) continue;  // the same
    if (a.kind == AlterKind::kAddConstraint && a.constraint.kind == ConstraintKind::kForeignKey) {
      share_row = true;  // SHARE ROW EXCLUSIVE on both tables
      continue;
    }
    only_weaker = false;
  }
  if (only_weaker) return share_row ? kShareRowExclusive : kShareUpdateExclusive;
  return kAccessExclusive;
}

// What each PostgreSQL mode LockOf names lets other sessions do (the table of
// conflicting lock modes in PostgreSQL's documentation, "Explicit Locking").
LockImpact ImpactOf(std::string_view mode) {
  if (mode.empty()) return LockImpact::kNone;
  if (mode == kAccessExclusive) return LockImpact::kBlocksAll;
  if (mode == kShare || mode == kShareRowExclusive || mode == "EXCLUSIVE") {
    return LockImpact::kBlocksWrites;
  }
  if (mode == kShareUpdateExclusive) return LockImpact::kSchemaChanges;
  return LockImpact::kRowWrites;  // ROW EXCLUSIVE, ROW SHARE
}

// Statements that write nothing: on SQLite they take no write lock of their own
// (inside a migration's transaction, its lock is held anyway).
bool ReadsOnly(StatementKind kind) {
  return kind == StatementKind::kSelect || kind == StatementKind::kSet ||
         kind == StatementKind::kTransaction;
}

// The mode and table, by PostgreSQL's documentation of each command.
Lock PostgresLock(const ParsedStatement& s) {
  const std::string table = s.table.Display();
  switch (s.kind) {
    case StatementKind::kAlterTable:
      return {AlterLock(s), table};
    case StatementKind::kCreateIndex:
      return {s.index.concurrently ? kShareUpdateExclusive : kShare, table};
    case StatementKind::kDrop:
      if (s.drop.object == ObjectKind::kIndex) {
        return {s.drop.concurrently ? kShareUpdateExclusive : kAccessExclusive,
                s.drop.names.empty() ? "" : s.drop.names[0].Display()};
      }
      if (s.drop.object == ObjectKind::kTable || s.drop.object == ObjectKind::kView ||
          s.drop.object == ObjectKind::kMaterializedView) {
        return {kAccessExclusive, s.drop.names.empty() ? "" : s.drop.names[0].Display()};
      }
      return {};
    case StatementKind::kTruncate:
    case StatementKind::kCluster:
    case StatementKind::kRename:
      return {kAccessExclusive, table};
    case StatementKind::kVacuum:
      return {s.vacuum_full ? kAccessExclusive : kShareUpdateExclusive, table};
    case StatementKind::kReindex:
      if (s.reindex_concurrently) return {kShareUpdateExclusive, table};
      return {s.reindex_object == ObjectKind::kIndex ? kAccessExclusive : kShare, table};
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kInsert:
      return {kRowExclusive, table};
    default:
      return {};
  }
}

}  // namespace

const char* LockImpactName(LockImpact impact) {
  switch (impact) {
    case LockImpact::kNone:
      return "none";
    case LockImpact::kRowWrites:
      return "row-writes";
    case LockImpact::kSchemaChanges:
      return "schema-changes";
    case LockImpact::kBlocksWrites:
      return "blocks-writes";
    case LockImpact::kBlocksAll:
      return "blocks-all";
  }
  return "none";
}

Lock LockOf(const ParsedStatement& s) {
  Lock lock = PostgresLock(s);
  lock.impact = ImpactOf(lock.mode);
  return lock;
}

Lock LockOf(const ParsedStatement& s, Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return LockOf(s);
    case Dialect::kSqlite:
      if (ReadsOnly(s.kind)) return {};
      // The table the statement works on, though the lock is the database's.
      return {std::string(TraitsOf(dialect).database_write_lock), PostgresLock(s).table,
              LockImpact::kBlocksWrites};
  }
  return {};
}

bool HasTableLocks(Dialect dialect) { return TraitsOf(dialect).table_locks; }

std::string_view BlockingLockName(Dialect dialect) { return TraitsOf(dialect).blocking_lock; }

}  // namespace strata::sql::lint
