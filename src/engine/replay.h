// Schemas built in scratch databases: the schema a migrations directory gives
// when replayed from nothing (diff, drift and generate read a migrations
// directory so), and the one desired-state SQL gives when run (diff --to
// schema.sql, generate --desired).
//
// Each call takes a new database from `fresh` (scratch.h), works in it and
// reads it back with driver::Connection::Inspect, strata's own tables left out
// (WithoutHistoryTables of `options`); the database is closed on return, and
// dropped with its pool.
//
// Thread-safety: functions of their arguments; two may run at once when their
// `fresh` may be called from two threads.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"
#include "engine/options.h"
#include "engine/scratch.h"
#include "source/migration.h"

namespace strata::engine {

// The schema the migrations of `set` give when applied in order (out-of-order
// versions allowed: every one is applied) to an empty database. An error of
// `up` is prefixed "replaying <set.dir> in a shadow database: ".
Result<catalog::Catalog> Replay(const source::MigrationSet& set, const EngineOptions& options,
                                const FreshDatabase& fresh);

// One desired-state file: where it was read from (for errors) and its text.
struct SqlFile {
  std::string path;
  std::string text;
};

// The schema `files` give when run one after the other, each as one script,
// in an empty database. An error names the file that failed.
Result<catalog::Catalog> RunDesiredState(const std::vector<SqlFile>& files,
                                         const EngineOptions& options, const FreshDatabase& fresh);

}  // namespace strata::engine
