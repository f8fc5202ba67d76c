#include "source/liquibase.h"

#include <map>
#include <utility>

#include "base/strings.h"
#include "source/checksum.h"
#include "source/header.h"
#include "source/liquibase_changelog.h"
#include "source/load_steps.h"
#include "source/placeholders.h"
#include "sql/statement.h"

namespace strata::source {
namespace {

// Liquibase's short name of each database strata speaks (dbms:).
std::string_view LiquibaseNameOf(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return "postgresql";
    case Dialect::kSqlite:
      return "sqlite";
  }
  return "";
}

// A status about a text that starts on file line `first_line`, which names lines
// of that text: moved to the file's lines.
Status AtFileLines(Status st, int first_line) {
  if (!st.ok() && st.context().line > 0) st.mutable_context().line += first_line - 1;
  return st;
}

// `sql`, which starts on file line `first_line`, with its placeholders replaced.
Result<std::string> Replaced(std::string sql, int first_line, const LoadOptions& options,
                             const std::string& path) {
  Result<std::string> out = ReplacePlaceholders(std::move(sql), options.placeholders, path);
  if (!out.ok()) return AtFileLines(out.take_status(), first_line);
  return out;
}

// splitStatements:false asks for the SQL as one statement. strata splits every
// script itself (never inside quotes or $$ bodies), so that is the same when the
// SQL is one statement, and not supported yet otherwise.
Status CheckOneStatement(const Script& script, int changeset_line, Dialect dialect,
                         std::string_view attribute) {
  Result<std::vector<sql::Statement>> split = sql::Split(script.sql, dialect);
  if (!split.ok() || split->size() <= 1) return Status::Ok();  // the engine reports a bad split
  return Status::InvalidInput(std::string(attribute) + ":false on " +
                              std::to_string(split->size()) +
                              " statements is not supported yet: strata runs them one by one "
                              "(it never splits inside quotes or $$ bodies); drop the attribute "
                              "or make it one statement")
      .WithFile(script.path)
      .WithLocation(changeset_line, 1);
}

// The migration of one changeset, at `position` over all the files.
Result<Migration> BuildMigration(
    const LiquibaseChangeset& cs, int position, const std::string& path,
    const std::map<std::pair<std::string, std::string>, LiquibaseScript>& earlier,
    const LoadOptions& options) {
  Migration m;
  m.id = std::to_string(position);
  m.version = *Version::Parse(m.id);
  m.description = cs.author + ":" + cs.id;
  STRATA_ASSIGN_OR_RETURN(std::string up, Replaced(cs.up.sql, cs.up.first_line, options, path));
  m.up = Script{.path = path, .sql = std::move(up), .first_line = cs.up.first_line};

  // A changeset's SQL may open with strata's header comments, as a file may.
  Result<Metadata> meta = ParseMetadata(m.up.sql, path);
  if (!meta.ok()) return AtFileLines(meta.take_status(), m.up.first_line);
  m.meta = std::move(meta).value();
  if (!m.meta.depends.empty()) {
    return Status::InvalidInput(
               "-- Depends: is not read in a Liquibase changelog: changesets run in "
               "changelog order")
        .WithFile(path)
        .WithLocation(cs.line, 1);
  }
  if (m.meta.author.empty()) m.meta.author = cs.author;
  if (!cs.run_in_transaction) {
    if (m.meta.force_transaction) {
      return Status::InvalidInput(
                 "-- strata:transaction contradicts the changeset's runInTransaction:false; "
                 "keep one")
          .WithFile(path)
          .WithLocation(cs.line, 1);
    }
    m.meta.no_transaction = true;
  }

  if (cs.rollback_empty) {
    m.down = Script{.path = path, .sql = "", .first_line = cs.rollback_line};
  } else if (!cs.rollback_id.empty()) {
    // The parser made sure the changeset named is earlier in this file.
    const auto found = earlier.find({cs.rollback_author, cs.rollback_id});
    if (found == earlier.end()) return Status::Internal("a rollback names an unknown changeset");
    const LiquibaseScript& other = found->second;
    STRATA_ASSIGN_OR_RETURN(std::string down, Replaced(other.sql, other.first_line, options, path));
    m.down = Script{.path = path, .sql = std::move(down), .first_line = other.first_line};
  } else if (cs.rollback.first_line != 0) {
    STRATA_ASSIGN_OR_RETURN(std::string down,
                            Replaced(cs.rollback.sql, cs.rollback.first_line, options, path));
    m.down = Script{.path = path, .sql = std::move(down), .first_line = cs.rollback.first_line};
  }

  STRATA_RETURN_IF_ERROR(AtFileLines(SetTransactionModes(m), m.down ? m.down->first_line : 1));
  STRATA_RETURN_IF_ERROR(ReadAllDirectives(m, options.dialect));
  if (!cs.split_statements) {
    STRATA_RETURN_IF_ERROR(CheckOneStatement(m.up, cs.line, options.dialect, "splitStatements"));
  }
  if (!cs.rollback_split_statements && m.down) {
    STRATA_RETURN_IF_ERROR(
        CheckOneStatement(*m.down, cs.line, options.dialect, "rollbackSplitStatements"));
  }

  // Preconditions run before the changeset's statements, ahead of its own checks.
  std::vector<Check> pre;
  for (const LiquibaseSqlCheck& c : cs.sql_checks) {
    Check check;
    check.when = Check::When::kPre;
    check.critical = !cs.preconditions_warn;
    check.expect = c.expected;
    STRATA_ASSIGN_OR_RETURN(check.query, Replaced(c.sql, c.line, options, path));
    check.line = c.line;
    check.query_line = c.line;
    pre.push_back(std::move(check));
  }
  m.up.checks.insert(m.up.checks.begin(), pre.begin(), pre.end());

  m.checksums = ComputeChecksums(cs.text, options.dialect);
  return m;
}

}  // namespace

bool IsLiquibaseChangelog(std::string_view text) { return OpensAsLiquibaseChangelog(text); }

Result<MigrationSet> LoadLiquibaseChangelogs(const LoadOptions& options,
                                             const std::vector<std::string>& names) {
  MigrationSet set;
  set.dir = options.dir;
  set.layout = Layout::kLiquibase;
  const std::string_view database = LiquibaseNameOf(options.dialect);
  int position = 0;
  for (const std::string& name : names) {
    const std::string path = JoinPath(options.dir, name);
    STRATA_ASSIGN_OR_RETURN(const std::string text, ReadMigrationFile(path, options));
    if (!IsLiquibaseChangelog(text)) {
      return Status::InvalidInput(
                 "not a Liquibase changelog: every *.sql file here must open with "
                 "'--liquibase formatted sql', as " +
                 names.front() + " does")
          .WithFile(path)
          .WithLocation(1, 1);
    }
    STRATA_ASSIGN_OR_RETURN(const std::vector<LiquibaseChangeset> changesets,
                            ParseLiquibaseChangelog(text, path));
    std::map<std::pair<std::string, std::string>, LiquibaseScript> earlier;  // this file's
    for (const LiquibaseChangeset& cs : changesets) {
      ++position;
      earlier.emplace(std::make_pair(cs.author, cs.id), cs.up);
      std::string why;
      if (cs.ignore) {
        why = "ignore:true";
      } else if (!DbmsMatches(cs.dbms, database)) {
        why = "dbms:" + Join(cs.dbms, ",") + ", not " + std::string(database);
      }
      if (!why.empty()) {
        set.left_out.push_back(path + ":" + std::to_string(cs.line) + ": " + cs.author + ":" +
                               cs.id + " (" + why + ")");
        continue;
      }
      STRATA_ASSIGN_OR_RETURN(Migration m, BuildMigration(cs, position, path, earlier, options));
      set.migrations.push_back(std::move(m));
    }
  }
  return set;
}

std::optional<LiquibaseChangesetId> LiquibaseChangesetOf(const Migration& m) {
  const size_t colon = m.description.find(':');
  if (colon == std::string::npos) return std::nullopt;
  LiquibaseChangesetId out;
  out.author = m.description.substr(0, colon);
  out.id = m.description.substr(colon + 1);
  const size_t slash = m.up.path.rfind('/');
  out.filename = slash == std::string::npos ? m.up.path : m.up.path.substr(slash + 1);
  return out;
}

Result<std::vector<std::string>> LiquibaseValidChecksumsOf(const Migration& m) {
  const std::optional<LiquibaseChangesetId> id = LiquibaseChangesetOf(m);
  if (!id) return std::vector<std::string>{};
  STRATA_ASSIGN_OR_RETURN(const std::string text, ReadSqlFile(m.up.path));
  STRATA_ASSIGN_OR_RETURN(const std::vector<LiquibaseChangeset> changesets,
                          ParseLiquibaseChangelog(text, m.up.path));
  for (const LiquibaseChangeset& cs : changesets) {
    if (cs.author == id->author && cs.id == id->id) return cs.valid_checksums;
  }
  return std::vector<std::string>{};
}

}  // namespace strata::source
