// What a rule knows besides the statement in front of it: the schema before the
// migration (tables, their columns and indexes, from earlier migrations and, with
// --url, the target database), what this migration has done so far, and how the
// migration runs.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sql/model.h"

namespace strata::sql::lint {

// Naming conventions (seed 004), configurable in strata.toml [lint.naming].
struct NamingOptions {
  std::string index_prefix = "idx_";                            // default: idx_
  std::string unique_prefix = "uq_";                            // default: uq_
  std::string foreign_key_prefix = "fk_";                       // default: fk_
  std::string check_prefix = "ck_";                             // default: ck_
  std::string primary_key_prefix = "pk_";                       // default: pk_
  std::string timestamp_suffix = "_at";                         // default: _at
  std::vector<std::string> boolean_prefixes = {"is_", "has_"};  // default: is_, has_
};

// How the migration being linted runs.
struct ScriptOptions {
  bool rollback = false;        // a rollback file or section: destructive rules stay quiet
  bool contract_phase = false;  // a contract phase: planned drops are information
  // Callers say false under -- strata:no-transaction (or with a backfill), and
  // force_transaction under -- strata:transaction; the linter then infers how
  // the script runs as the engine does (sql/transaction_mode.h): the rules see
  // transactional true only where the whole script runs in one transaction.
  bool transactional = true;
  bool force_transaction = false;
  bool lock_timeout_set = false;  // strata sets a lock_timeout for the run
  bool has_rollback = true;       // the migration has a rollback
  bool whole_migration = true;    // false when linting a lone file outside a migration set
  // Set by the linter: transaction control that strata refuses to run as
  // written (where in the script, and why), for the transaction-control rule.
  struct TransactionRefusal {
    size_t offset = 0;
    std::string message;
  };
  std::optional<TransactionRefusal> transaction_refusal;
};

// A foreign key this migration declared, for rules that judge it at the end
// (an index on its columns may come in a later statement of the migration).
struct ForeignKeyUse {
  QualifiedName table;               // the referencing table
  std::vector<std::string> columns;  // referencing columns, lower-case
  size_t offset = 0;                 // in the script
};

// A table this migration created, for rules that judge it at the end (a primary
// key may be added by a later ALTER TABLE, as pg_dump writes it).
struct CreatedTable {
  QualifiedName name;
  size_t offset = 0;      // of the CREATE TABLE in the script
  bool checkable = true;  // false for temporary tables, PARTITION OF children and
                          // tables whose columns come only from LIKE
};

// A CHECK constraint that proves columns non-null: CHECK (col IS NOT NULL), or
// several such tests joined by AND.
struct NotNullCheck {
  std::vector<std::string> columns;  // lower-case
  bool validated = false;            // added without NOT VALID, or validated since
};

struct TableState {
  std::map<std::string, TypeRef> columns;  // by column name
  std::vector<std::vector<std::string>>
      indexes;  // key columns of each index, PK and unique included
  bool has_primary_key = false;
  // By lower-case constraint name; an unnamed one under the name PostgreSQL
  // gives it (<table>_<column>_check).
  std::map<std::string, NotNullCheck> not_null_checks;

  // True when a validated CHECK proves `column` (lower-case) non-null: then
  // SET NOT NULL on PostgreSQL 12+ skips its scan of the table.
  bool ProvenNotNull(const std::string& column) const;
};

// A constraint this migration added NOT VALID, for the rule that looks for its
// VALIDATE in the same transaction.
struct NotValidConstraint {
  size_t offset = 0;      // of the ADD CONSTRAINT in the script
  int transaction = 0;    // Context::transaction() when it was added
  std::string lock_mode;  // the lock the adding ALTER TABLE took, e.g. "ACCESS EXCLUSIVE"
};

class Context {
 public:
  Context(ScriptOptions options, const NamingOptions& naming,
          const std::map<std::string, TableState>& before)
      : options_(std::move(options)), naming_(naming), before_(before) {}

  const ScriptOptions& options() const { return options_; }
  const NamingOptions& naming() const { return naming_; }

  // The key used for tables: lower-case name, schema kept unless it is "public".
  static std::string Key(const QualifiedName& name);

  // True when this migration created `table` (before the current statement).
  bool CreatedHere(const QualifiedName& table) const { return created_.count(Key(table)) > 0; }
  // True when the table existed before this migration, as far as strata knows.
  bool KnownBefore(const QualifiedName& table) const { return before_.count(Key(table)) > 0; }
  // The table as it stands now: the state before, changed by this migration so far.
  const TableState* Table(const QualifiedName& table) const;
  // True when a lock_timeout is in force for the current statement.
  bool LockTimeoutSet() const { return options_.lock_timeout_set || lock_timeout_; }
  // Counts of what the migration did so far.
  int ddl_statements() const { return ddl_; }
  int data_statements() const { return data_; }
  // Foreign keys declared by this migration so far, in order.
  const std::vector<ForeignKeyUse>& foreign_keys() const { return foreign_keys_; }
  // Tables this migration created so far, in order.
  const std::vector<CreatedTable>& created_tables() const { return created_tables_; }
  // True when this migration created the domain (before the current statement).
  bool DomainCreatedHere(const QualifiedName& domain) const {
    return created_domains_.count(Key(domain)) > 0;
  }
  // Which transaction the current statement runs in: equal numbers mean the
  // same transaction. A transactional script is one transaction; otherwise each
  // statement is its own, except inside an explicit BEGIN ... COMMIT block.
  int transaction() const { return transaction_; }
  // True inside an explicit BEGIN ... COMMIT of a script not run in one transaction.
  bool in_block() const { return in_block_; }
  // The constraint `name` of `table` when this migration added it NOT VALID
  // (and has not dropped it since); null otherwise.
  const NotValidConstraint* AddedNotValid(const QualifiedName& table,
                                          const std::string& name) const;

  // Records the effect of `stmt` (after the rules have seen it).
  void Record(const ParsedStatement& stmt);

  // The schema after the migration, for the next one's context.
  std::map<std::string, TableState> After() const;

 private:
  TableState& Mutable(const QualifiedName& table);
  void RecordAlter(const ParsedStatement& s);
  void AdvanceTransaction(const ParsedStatement& s);
  static std::string ConstraintKey(const QualifiedName& table, const std::string& name);

  ScriptOptions options_;
  const NamingOptions& naming_;
  const std::map<std::string, TableState>& before_;
  std::map<std::string, TableState> changed_;  // tables touched by this migration
  std::set<std::string> created_;
  std::set<std::string> dropped_;
  bool lock_timeout_ = false;
  int ddl_ = 0;
  int data_ = 0;
  std::vector<ForeignKeyUse> foreign_keys_;
  std::vector<CreatedTable> created_tables_;
  std::set<std::string> created_domains_;
  int transaction_ = 0;
  bool in_block_ = false;  // inside an explicit BEGIN of a non-transactional script
  std::map<std::string, NotValidConstraint> not_valid_;  // by ConstraintKey
};

}  // namespace strata::sql::lint
