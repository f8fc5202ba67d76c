// The migration model: what a migrations directory says, independent of any
// database. Built by LoadDirectory (directory.h); read by the engine.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source/version.h"

namespace strata::source {

// How the files of a directory are named (detected, see layout.h).
enum class Layout {
  kNumbered,       // 001_description.sql + rollback/001_rollback.sql (seed 002)
  kTimestamped,    // 20250101_090000_schema_description.sql (seed 003)
  kGolangMigrate,  // 1_name.up.sql + 1_name.down.sql
  kFlyway,         // V1__desc.sql, U1__desc.sql, R__desc.sql
  // Read from a plan rather than from file names: a migration's version is its
  // position in the plan (1, 2, ...), its description the change's name.
  kSqitch,     // sqitch.plan + deploy/, revert/, verify/ (source/sqitch.h)
  kLiquibase,  // "--liquibase formatted sql" files of changesets (source/liquibase.h)
};

enum class MigrationKind {
  kVersioned,   // applied once, in version order
  kRepeatable,  // Flyway's R__: re-applied whenever its checksum changes
};

// `-- strata:backfill table=users key=id batch=1000 [pause=50] [max_rate=20000]`:
// the UPDATE that follows it runs in batches over `key`, each batch its own
// transaction, with its progress stored so that a killed run resumes
// (engine/backfill.cc). The UPDATE bounds each batch with :lo and :hi.
struct Backfill {
  std::string table;
  std::string key;
  int64_t batch = 0;     // rows per batch
  int64_t pause_ms = 0;  // sleep between batches
  int64_t max_rate = 0;  // rows per second at most; 0: no limit
  size_t offset = 0;     // byte offset of the directive line within its Script's sql
  int line = 0;          // file line of the directive
};

// `-- strata:check pre|post [critical] expect=<value>` and the one query after it
// (seed 003's validation rules). Pre checks run before the script's statements,
// post checks after them, inside the migration's transaction when it has one.
// The query's answer (check.h: ExpectationHolds) must equal `expect`. A critical
// check that does not hold stops the migration, undone where it can be; any
// other is a warning, shown and kept in the history row.
struct Check {
  enum class When { kPre, kPost };
  When when = When::kPost;
  bool critical = false;
  std::string expect;       // as written, without its quotes
  std::string query;        // the statement after the directive, without its ';'
  int line = 0;             // file line of the directive
  int query_line = 0;       // file line where the query starts
  size_t query_offset = 0;  // where the query was within its Script's sql (now blanked)
  // The file the check was read from, when not its script's own (a sqitch
  // verify script); empty: the script's. `line` and `query_line` are its lines.
  std::string path;

  const std::string& File(const std::string& script_path) const {
    return path.empty() ? script_path : path;
  }
};

// A piece of SQL and where it sits in its file, so that an error offset inside
// `sql` maps back to a line of the file: file line = first_line + (line in sql) - 1.
struct Script {
  std::string path;    // as shown to users (relative to where strata runs when possible)
  std::string sql;     // line endings normalized to \n
  int first_line = 1;  // the file line on which `sql` starts
  // Members without an initializer of their own get one, so that a Script made
  // from its first three (Script{.path, .sql, .first_line}) leaves no warning.
  std::vector<Backfill> backfills = {};  // in file order
  // In file order. Their queries are blanked out of `sql` (spaces, newlines
  // kept), so that they do not run as statements and every offset stays put.
  std::vector<Check> checks = {};
  // `-- strata:no-transaction` governs this script: a migration's file header
  // governs its up script and its sections, rollbacks included; a rollback file
  // (or a down section that opens with the directive) may also say so for itself.
  bool no_transaction = false;
  // `-- strata:transaction`: one transaction even where the engine would infer
  // otherwise (sql/transaction_mode.h); governed as no_transaction is.
  bool force_transaction = false;

  // psql's \i and \ir (psql_commands.h) splice other files into `sql`. From line
  // `sql_line` of `sql` on, the text is file `path`'s from line `file_line` on.
  // Empty when nothing was included: then line n of `sql` is line
  // first_line + n - 1 of `path`.
  struct LineOrigin {
    int sql_line = 1;
    std::string path;
    int file_line = 1;
  };
  std::vector<LineOrigin> origins = {};
  // The files spliced in, in the order they were, with their text as read: their
  // bytes count in the migration's checksums.
  struct IncludedFile {
    std::string path;
    std::string text;
  };
  std::vector<IncludedFile> included = {};

  // The directive that governs the statement starting at byte `statement_offset`:
  // the last one between the previous statement and this one.
  const Backfill* BackfillBefore(size_t statement_offset, size_t previous_end) const;

  // Which file, line and column byte `offset` of `sql` comes from.
  struct Place {
    std::string_view path;
    int line = 1;
    int column = 1;
  };
  Place Locate(size_t offset) const;
  // The same for line `sql_line` of `sql` (column 1).
  Place LocateLine(int sql_line) const;
};

// The phases of a zero-downtime change (seeds 002 and 003): expand adds the new
// shape, migrate moves the data over, contract removes the old shape once every
// application instance has moved. A phased migration runs them at different times.
enum class Phase { kExpand, kMigrate, kContract };
inline constexpr Phase kAllPhases[] = {Phase::kExpand, Phase::kMigrate, Phase::kContract};
const char* PhaseName(Phase phase);                      // "expand"
std::optional<Phase> ParsePhase(std::string_view name);  // "expand" -> kExpand
// {kExpand, kMigrate}, "+" -> "expand+migrate".
std::string PhaseList(const std::vector<Phase>& phases, std::string_view separator);

// One phase of a phased migration: `-- strata:expand` and `-- strata:expand:down`.
struct PhaseScripts {
  Phase phase = Phase::kExpand;
  Script up;
  std::optional<Script> down;  // nullopt: this phase cannot be rolled back
};

// Header comments (`-- Key: value`) at the top of a file.
struct Metadata {
  std::string schema_version;        // "-- Version: 2.1.0"; empty when absent
  std::string author;                // "-- Author:"
  std::string ticket;                // "-- Ticket:"
  std::optional<bool> breaking;      // "-- Breaking: true|false"
  std::vector<std::string> depends;  // "-- Depends: 001, 004" (ids as written)
  // Seed 003's template: "-- ID: 20251120_150000_schema_x", "-- Database: postgresql",
  // "-- Created: 2025-11-20" (ISO date), as written; empty when absent.
  std::string template_id;
  std::string database;
  std::string created;
  bool no_transaction = false;     // "-- strata:no-transaction" (or dbmate's transaction:false)
  bool force_transaction = false;  // "-- strata:transaction"
};

// The two checksums of a migration file (source/checksum.h says how each is made):
// content, the SHA-256 hex of the file with line endings normalized; semantic, that
// of its tokens without comments and blank space. The semantic one is computed on
// first use: it is needed only when the content changed or a row is written, and
// tokenizing every file cost `status` as much as the rest of reading it.
class Checksums {
 public:
  Checksums() = default;
  Checksums(std::string content, std::string semantic)
      : content_(std::move(content)), semantic_(std::move(semantic)) {}
  Checksums(std::string content, std::function<std::string()> compute_semantic)
      : content_(std::move(content)), compute_semantic_(std::move(compute_semantic)) {}

  const std::string& content() const { return content_; }
  const std::string& semantic() const {
    if (compute_semantic_) {
      semantic_ = compute_semantic_();
      compute_semantic_ = nullptr;
    }
    return semantic_;
  }

 private:
  std::string content_;
  mutable std::string semantic_;
  mutable std::function<std::string()> compute_semantic_;
};

struct Migration {
  std::string id;           // the version as written ("001"); "R__<desc>" for a repeatable
  Version version;          // empty for a repeatable
  std::string description;  // words from the file name
  std::string category;     // schema|data|security|perf in the timestamped layout, else empty
  MigrationKind kind = MigrationKind::kVersioned;
  Script up;
  std::optional<Script> down;  // nullopt: this migration cannot be rolled back
  Metadata meta;
  Checksums checksums;
  // Phase sections in phase order; empty for a migration without them. A phased
  // migration's `up` is its whole file (for display and lint) and it has no `down`.
  std::vector<PhaseScripts> phases;

  bool is_repeatable() const { return kind == MigrationKind::kRepeatable; }
  bool is_phased() const { return !phases.empty(); }
  const PhaseScripts* FindPhase(Phase phase) const;
};

struct MigrationSet {
  std::string dir;
  Layout layout = Layout::kNumbered;
  // Versioned migrations in application order (dependencies first, then version),
  // then repeatables ordered by description.
  std::vector<Migration> migrations;
  // What the files hold but this database does not run, one line each
  // ("changelog.sql:12: alice:3 (dbms:sqlite)"): Liquibase changesets for
  // another database or marked ignore:true. Empty for the other layouts.
  std::vector<std::string> left_out;

  const Migration* FindVersion(const Version& v) const;
};

const char* LayoutName(Layout layout);

}  // namespace strata::source
