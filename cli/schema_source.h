// Where a schema comes from, for diff, drift and generate: a live database, a
// migrations directory (replayed into a scratch database, engine/replay.h), a
// JSON snapshot (`strata schema dump --format json`, snapshot/), or
// desired-state SQL files (run in a scratch database). The CLI's part: reading
// the --from/--to/--desired arguments, connecting, and where the scratch
// databases live (--shadow-url).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"
#include "cli/config.h"
#include "engine/scratch.h"
#include "report/diff_report.h"
#include "source/migration.h"

namespace strata::cli {

enum class SourceKind { kDatabase, kMigrations, kSnapshot, kDesiredSql };

struct SchemaSource {
  SourceKind kind = SourceKind::kDatabase;
  std::string location;  // a URL (may hold a password: never print it), a directory, file(s)
  std::vector<std::string> files;  // kDesiredSql: the files, in order
};

// Reads a --from/--to argument. Explicit forms: "migrations:DIR",
// "snapshot:FILE.json", "sql:FILE[,FILE...]". Otherwise a directory is a
// migrations directory, a *.json file a snapshot, *.sql files (comma-separated)
// desired state, and anything else a database URL.
Result<SchemaSource> ParseSource(const std::string& text);

// For people: "migrations directory db/migrations", the URL without its password, ...
std::string Describe(const SchemaSource& source);

// Reads schemas, opening the scratch databases of one server (lazily) for
// those that need them (engine/replay.h builds the schemas there). Two threads
// may Read at once when at most one of the sources needs a scratch database
// (migrations, desired SQL): the others touch no shared state.
class SourceReader {
 public:
  // `shadow_url`: --shadow-url, or empty for the target's server (SQLite: memory).
  SourceReader(const Settings& settings, std::string shadow_url)
      : settings_(settings), shadow_url_(std::move(shadow_url)) {}

  // The schema `source` describes, strata's own tables left out. `other_url`:
  // the database on the other side of a diff, if any; its server hosts the
  // scratch databases when neither --shadow-url nor the target names one.
  Result<catalog::Catalog> Read(const SchemaSource& source, const std::string& other_url);

  // The migrations directory `dir`, read for the dialect of the scratch
  // databases that will replay it (`other_url` as for Read).
  Result<source::MigrationSet> LoadMigrations(const std::string& dir, const std::string& other_url);

  // The schema the migrations of `set` give when replayed into a scratch
  // database (`other_url` as for Read).
  Result<catalog::Catalog> Replay(const source::MigrationSet& set, const std::string& other_url);

  // The schema of the database `conn` is connected to, strata's own tables left out.
  Result<catalog::Catalog> ReadDatabase(driver::Introspection& conn) const;

  // The URL whose server (PostgreSQL) or dialect (SQLite) the scratch databases
  // use (`other_url` as for Read). May hold a password: never print it.
  Result<std::string> ShadowBase(const std::string& other_url) const;
  // Gives new empty scratch databases on ShadowBase(other_url)'s server,
  // reached at the first call; the reader must outlive it, and drops them when
  // it goes.
  engine::FreshDatabase Fresh(const std::string& other_url);

 private:
  Result<engine::ScratchPool*> PoolAt(const std::string& base);

  const Settings& settings_;
  std::string shadow_url_;
  std::unique_ptr<engine::ScratchPool> pool_;
};

// The changes that turn `from` into `to` and the plan that applies them, for
// the dialect both are of (an InvalidInput when they are of two), ready to
// render. `exclude`: name patterns left out of both (diff::DiffOptions).
Result<report::DiffReport> PlanDiff(const catalog::Catalog& from, const catalog::Catalog& to,
                                    const std::vector<std::string>& exclude);

}  // namespace strata::cli
