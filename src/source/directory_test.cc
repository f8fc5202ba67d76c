// LoadDirectory on real temporary directories, and the dependency graph it checks.
#include "source/directory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "source/graph.h"
#include "source/load_test_util.h"
#include "sql/statement.h"

namespace strata::source {
namespace {

namespace fs = std::filesystem;

using testing::ExpectInvalid;
using testing::Load;
using testing::TempDir;

MigrationSet MustLoad(const TempDir& t) {
  Result<MigrationSet> r = Load(t);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : MigrationSet{};
}

std::vector<std::string> Ids(const std::vector<Migration>& migrations) {
  std::vector<std::string> ids;
  ids.reserve(migrations.size());
  for (const Migration& m : migrations) ids.push_back(m.id);
  return ids;
}

// ---------------------------------------------------------------------------
// Each layout loads

TEST(LoadDirectory, NumberedPairsRollbackFiles) {
  TempDir t;
  t.Write("001_create_users.sql", "-- Author: a\nCREATE TABLE users (id int);\n");
  t.Write("002_add_email.sql", "ALTER TABLE users ADD email text;\n");
  t.Write("010_add_index.sql", "CREATE INDEX i ON users (email);\n");
  t.Write("README.md", "not a migration");
  t.Write("rollback/001_rollback.sql", "DROP TABLE users;\n");
  t.Write("rollback/010.sql", "DROP INDEX i;\n");

  const MigrationSet set = MustLoad(t);
  EXPECT_EQ(set.dir, t.Dir());
  EXPECT_EQ(set.layout, Layout::kNumbered);
  ASSERT_EQ(Ids(set.migrations), (std::vector<std::string>{"001", "002", "010"}));

  const Migration& first = set.migrations[0];
  EXPECT_EQ(first.description, "create users");
  EXPECT_EQ(first.category, "");
  EXPECT_FALSE(first.is_repeatable());
  EXPECT_EQ(first.version, *Version::Parse("1"));
  EXPECT_EQ(first.meta.author, "a");
  EXPECT_EQ(first.up.path, t.Path("001_create_users.sql"));
  EXPECT_EQ(first.up.sql, "-- Author: a\nCREATE TABLE users (id int);\n");
  EXPECT_EQ(first.up.first_line, 1);
  ASSERT_TRUE(first.down.has_value());
  EXPECT_EQ(first.down->path, t.Path("rollback/001_rollback.sql"));
  EXPECT_EQ(first.down->sql, "DROP TABLE users;\n");
  EXPECT_EQ(first.checksums.content().size(), 64u);
  EXPECT_EQ(first.checksums.semantic().size(), 64u);

  EXPECT_FALSE(set.migrations[1].down.has_value());
  ASSERT_TRUE(set.migrations[2].down.has_value());
  EXPECT_EQ(set.migrations[2].down->path, t.Path("rollback/010.sql"));

  EXPECT_EQ(set.FindVersion(*Version::Parse("10")), &set.migrations[2]);
  EXPECT_EQ(set.FindVersion(*Version::Parse("3")), nullptr);
}

TEST(LoadDirectory, TimestampedReadsCategoriesAndSections) {
  TempDir t;
  t.Write("20250106_090000_schema_initial.sql",
          "-- Version: 1.0.0\n"
          "-- strata:up\n"
          "CREATE TABLE t (a int);\n"
          "-- strata:down\n"
          "DROP TABLE t;\n");
  t.Write("20250217_083000_perf_index.sql",
          "-- strata:no-transaction\n"
          "-- Depends: 20250106_090000\n"
          "CREATE INDEX CONCURRENTLY i ON t (a);\n");
  t.Write("rollback/20250217_083000_rollback.sql", "DROP INDEX CONCURRENTLY i;\n");

  const MigrationSet set = MustLoad(t);
  EXPECT_EQ(set.layout, Layout::kTimestamped);
  ASSERT_EQ(Ids(set.migrations), (std::vector<std::string>{"20250106_090000", "20250217_083000"}));
  const Migration& initial = set.migrations[0];
  EXPECT_EQ(initial.category, "schema");
  EXPECT_EQ(initial.description, "initial");
  EXPECT_EQ(initial.meta.schema_version, "1.0.0");
  EXPECT_EQ(initial.up.sql, "CREATE TABLE t (a int);\n");
  EXPECT_EQ(initial.up.first_line, 3);
  ASSERT_TRUE(initial.down.has_value());
  EXPECT_EQ(initial.down->sql, "DROP TABLE t;\n");
  EXPECT_EQ(initial.down->first_line, 5);
  EXPECT_EQ(initial.down->path, t.Path("20250106_090000_schema_initial.sql"));

  const Migration& index = set.migrations[1];
  EXPECT_EQ(index.category, "perf");
  EXPECT_TRUE(index.meta.no_transaction);
  EXPECT_EQ(index.meta.depends, (std::vector<std::string>{"20250106_090000"}));
  ASSERT_TRUE(index.down.has_value());
  EXPECT_EQ(index.down->path, t.Path("rollback/20250217_083000_rollback.sql"));
}

TEST(LoadDirectory, GolangMigratePairsDownFiles) {
  TempDir t;
  t.Write("000001_create_users.up.sql", "CREATE TABLE users (id int);\n");
  t.Write("000001_create_users.down.sql", "DROP TABLE users;\n");
  t.Write("000002_add_email.up.sql", "ALTER TABLE users ADD email text;\n");

  const MigrationSet set = MustLoad(t);
  EXPECT_EQ(set.layout, Layout::kGolangMigrate);
  ASSERT_EQ(Ids(set.migrations), (std::vector<std::string>{"000001", "000002"}));
  ASSERT_TRUE(set.migrations[0].down.has_value());
  EXPECT_EQ(set.migrations[0].down->path, t.Path("000001_create_users.down.sql"));
  EXPECT_EQ(set.migrations[0].down->sql, "DROP TABLE users;\n");
  EXPECT_EQ(set.migrations[0].down->first_line, 1);
  EXPECT_FALSE(set.migrations[1].down.has_value());
}

TEST(LoadDirectory, FlywayPairsUndoFilesAndPutsRepeatablesLast) {
  TempDir t;
  t.Write("V1__create_users.sql", "CREATE TABLE users (id int);\n");
  t.Write("U1__create_users.sql", "DROP TABLE users;\n");
  t.Write("V1.10__later.sql", "SELECT 110;\n");
  t.Write("V1.9__earlier.sql", "SELECT 19;\n");
  t.Write("R__refresh_views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  t.Write("R__add_functions.sql", "SELECT 'f';\n");

  const MigrationSet set = MustLoad(t);
  EXPECT_EQ(set.layout, Layout::kFlyway);
  ASSERT_EQ(Ids(set.migrations),
            (std::vector<std::string>{"1", "1.9", "1.10", "R__add_functions", "R__refresh_views"}));
  ASSERT_TRUE(set.migrations[0].down.has_value());
  EXPECT_EQ(set.migrations[0].down->path, t.Path("U1__create_users.sql"));
  EXPECT_FALSE(set.migrations[1].down.has_value());
  const Migration& views = set.migrations[4];
  EXPECT_TRUE(views.is_repeatable());
  EXPECT_TRUE(views.version.empty());
  EXPECT_EQ(views.description, "refresh views");
  EXPECT_EQ(set.FindVersion(*Version::Parse("1.10")), &set.migrations[2]);
}

TEST(LoadDirectory, EmptyDirectoryGivesTheConfiguredLayout) {
  TempDir t;
  t.Write("notes.txt", "no sql here");
  const Result<MigrationSet> r = Load(t, Layout::kFlyway);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->layout, Layout::kFlyway);
  EXPECT_TRUE(r->migrations.empty());
}

TEST(LoadDirectory, ListsRegularSqlFilesAndLinksToThem) {
  TempDir t;
  t.Write("001_a.sql", "CREATE TABLE a (id int);\n");
  t.Write("elsewhere/002_b.sql", "CREATE TABLE b (id int);\n");
  fs::create_symlink(t.Path("elsewhere/002_b.sql"), t.Path("002_b.sql"));
  fs::create_directories(t.Path("elsewhere/003_x.sql"));  // not directly in the directory
  t.Write(".sql", "-- a name with nothing before the extension");
  t.Write("005_c.SQL", "-- another extension, by case");
  const MigrationSet set = MustLoad(t);
  EXPECT_EQ(Ids(set.migrations), (std::vector<std::string>{"001", "002"}));
  ASSERT_EQ(set.migrations.size(), 2u);
  EXPECT_EQ(set.migrations[1].up.path, t.Path("002_b.sql"));
  EXPECT_EQ(set.migrations[1].up.sql, "CREATE TABLE b (id int);\n");
}

TEST(LoadDirectory, JoinsPathsAsWrittenWithOrWithoutATrailingSlash) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("rollback/001_rollback.sql", "SELECT 2;\n");
  for (const std::string& dir : {t.Dir(), t.Dir() + "/"}) {
    LoadOptions options;
    options.dir = dir;
    const Result<MigrationSet> r = LoadDirectory(options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->migrations.size(), 1u);
    EXPECT_EQ(r->migrations[0].up.path, t.Dir() + "/001_a.sql") << dir;
    ASSERT_TRUE(r->migrations[0].down.has_value());
    EXPECT_EQ(r->migrations[0].down->path, t.Dir() + "/rollback/001_rollback.sql") << dir;
  }
}

TEST(LoadDirectory, CallsBackAfterEachFileRead) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("002_b.sql", "SELECT 2;\n");
  t.Write("rollback/001_rollback.sql", "SELECT 3;\n");
  int calls = 0;
  LoadOptions options;
  options.dir = t.Dir();
  options.after_each_file = [&calls] { ++calls; };
  ASSERT_TRUE(LoadDirectory(options).ok());
  EXPECT_EQ(calls, 3);
}

TEST(LoadDirectory, ByteOrderMarkAndCrLfDoNotChangeChecksums) {
  TempDir unix_dir, windows_dir;
  unix_dir.Write("001_a.sql", "CREATE TABLE t (a int);\nSELECT 1;\n");
  windows_dir.Write("001_a.sql",
                    "\xEF\xBB\xBF"
                    "CREATE TABLE t (a int);\r\nSELECT 1;\r\n");
  const MigrationSet u = MustLoad(unix_dir), w = MustLoad(windows_dir);
  ASSERT_EQ(u.migrations.size(), 1u);
  ASSERT_EQ(w.migrations.size(), 1u);
  EXPECT_EQ(w.migrations[0].up.sql, u.migrations[0].up.sql);
  EXPECT_EQ(w.migrations[0].checksums.content(), u.migrations[0].checksums.content());
  EXPECT_EQ(w.migrations[0].checksums.semantic(), u.migrations[0].checksums.semantic());
}

TEST(LoadDirectory, DbmateTransactionFalseMarksNoTransaction) {
  TempDir t;
  t.Write("001_a.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
  const MigrationSet set = MustLoad(t);
  ASSERT_EQ(set.migrations.size(), 1u);
  EXPECT_TRUE(set.migrations[0].meta.no_transaction);
  EXPECT_EQ(set.migrations[0].up.first_line, 2);
}

// The source tree: $STRATA_SOURCE_DIR, else the path strata_test() compiles in.
std::string SourceDir() {
  if (const char* dir = std::getenv("STRATA_SOURCE_DIR")) return dir;
#ifdef STRATA_TEST_SOURCE_DIR
  return STRATA_TEST_SOURCE_DIR;
#else
  return "";
#endif
}

TEST(LoadDirectory, ExampleProjectsLoadAndSplit) {
  const std::string source_dir = SourceDir();
  ASSERT_FALSE(source_dir.empty()) << "set STRATA_SOURCE_DIR to the source tree";
  struct Case {
    const char* dir;
    Layout layout;
    Dialect dialect;
  };
  const Case cases[] = {
      {"examples/skms-postgres/migrations", Layout::kTimestamped, Dialect::kPostgres},
      {"examples/workflow-sqlite/migrations", Layout::kNumbered, Dialect::kSqlite},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dir);
    LoadOptions options;
    options.dir = (fs::path(source_dir) / c.dir).string();
    options.dialect = c.dialect;
    const Result<MigrationSet> set = LoadDirectory(options);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    EXPECT_EQ(set->layout, c.layout);
    EXPECT_FALSE(set->migrations.empty());
    for (const Migration& m : set->migrations) {
      EXPECT_TRUE(m.down.has_value()) << m.id;
      for (const Script* s : {&m.up, m.down ? &*m.down : nullptr}) {
        if (s == nullptr) continue;
        const Result<std::vector<sql::Statement>> split = sql::Split(s->sql, c.dialect);
        ASSERT_TRUE(split.ok()) << s->path << ": " << split.status().ToString();
        EXPECT_FALSE(split->empty()) << s->path;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Errors name the file

TEST(LoadDirectory, MissingDirectoryIsNotFound) {
  LoadOptions options;
  options.dir = (fs::temp_directory_path() / "strata_no_such_dir_for_tests").string();
  const Result<MigrationSet> r = LoadDirectory(options);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().is_not_found()) << r.status().ToString();
  EXPECT_EQ(r.status().context().file, options.dir);
}

TEST(LoadDirectory, DuplicateVersionNamesBothFiles) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("1_b.sql", "SELECT 2;\n");
  ExpectInvalid(Load(t), t.Path("1_b.sql"), t.Path("001_a.sql"));
}

TEST(LoadDirectory, DuplicateFlywayVersionSpelledDifferently) {
  TempDir t;
  t.Write("V1.0__a.sql", "SELECT 1;\n");
  t.Write("V1__b.sql", "SELECT 2;\n");
  ExpectInvalid(Load(t), t.Path("V1__b.sql"), "V1.0__a.sql");
}

TEST(LoadDirectory, UnreadableNameIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("002_b.sql", "SELECT 2;\n");
  t.Write("cleanup.sql", "SELECT 3;\n");
  ExpectInvalid(Load(t), t.Path("cleanup.sql"), "001_create_users.sql");
}

TEST(LoadDirectory, TimestampedFileWithWrongCategoryIsAnError) {
  TempDir t;
  t.Write("20250101_090000_schema_a.sql", "SELECT 1;\n");
  t.Write("20250102_090000_feature_b.sql", "SELECT 2;\n");
  ExpectInvalid(Load(t), t.Path("20250102_090000_feature_b.sql"), "timestamped");
}

TEST(LoadDirectory, OrphanRollbackIsAnError) {
  {
    TempDir t;
    t.Write("001_a.sql", "SELECT 1;\n");
    t.Write("rollback/002_rollback.sql", "SELECT 2;\n");
    ExpectInvalid(Load(t), t.Path("rollback/002_rollback.sql"), "no migration");
  }
  {
    TempDir t;
    t.Write("1_a.up.sql", "SELECT 1;\n");
    t.Write("2_b.down.sql", "SELECT 2;\n");
    ExpectInvalid(Load(t), t.Path("2_b.down.sql"), "no migration");
  }
  {
    TempDir t;
    t.Write("V1__a.sql", "SELECT 1;\n");
    t.Write("U2__b.sql", "SELECT 2;\n");
    ExpectInvalid(Load(t), t.Path("U2__b.sql"), "no migration");
  }
}

TEST(LoadDirectory, RollbackWithoutAVersionIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("rollback/undo_a.sql", "SELECT 2;\n");
  ExpectInvalid(Load(t), t.Path("rollback/undo_a.sql"), "003_rollback.sql");
}

TEST(LoadDirectory, SecondRollbackIsAnError) {
  {
    TempDir t;  // a down section and a rollback file
    t.Write("001_a.sql", "-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 2;\n");
    t.Write("rollback/001_rollback.sql", "SELECT 3;\n");
    ExpectInvalid(Load(t), t.Path("rollback/001_rollback.sql"), "second rollback");
  }
  {
    TempDir t;  // two rollback files
    t.Write("001_a.sql", "SELECT 1;\n");
    t.Write("rollback/001.sql", "SELECT 2;\n");
    t.Write("rollback/001_rollback.sql", "SELECT 3;\n");
    ExpectInvalid(Load(t), t.Path("rollback/001_rollback.sql"), t.Path("rollback/001.sql"));
  }
}

TEST(LoadDirectory, InvalidUtf8ReportsLineAndColumn) {
  TempDir t;
  t.Write("001_a.sql",
          "SELECT 1;\n-- note\nab\xC3\xA9"
          "d\xFFx;\n");
  const Result<MigrationSet> r = Load(t);
  ExpectInvalid(r, t.Path("001_a.sql"), "UTF-8");
  EXPECT_EQ(r.status().context().line, 3);
  EXPECT_EQ(r.status().context().column, 5);
}

TEST(LoadDirectory, InvalidUtf8InARollbackIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("rollback/001_rollback.sql", "SELECT '\xC0\xAF';\n");
  const Result<MigrationSet> r = Load(t);
  ExpectInvalid(r, t.Path("rollback/001_rollback.sql"), "UTF-8");
  EXPECT_EQ(r.status().context().line, 1);
  EXPECT_EQ(r.status().context().column, 9);
}

TEST(LoadDirectory, BadHeaderValueNamesFileAndLine) {
  TempDir t;
  t.Write("001_a.sql", "-- Author: a\n-- Breaking: maybe\nSELECT 1;\n");
  const Result<MigrationSet> r = Load(t);
  ExpectInvalid(r, t.Path("001_a.sql"), "maybe");
  EXPECT_EQ(r.status().context().line, 2);
}

TEST(LoadDirectory, DuplicatedMarkerNamesFileAndLine) {
  TempDir t;
  t.Write("001_a.sql", "-- strata:up\nSELECT 1;\n-- strata:up\n");
  const Result<MigrationSet> r = Load(t);
  ExpectInvalid(r, t.Path("001_a.sql"), "twice");
  EXPECT_EQ(r.status().context().line, 3);
}

// ---------------------------------------------------------------------------
// Dependencies

TEST(LoadDirectory, DependencyComesFirst) {
  TempDir t;
  t.Write("001_a.sql", "-- Depends: 003\nSELECT 1;\n");
  t.Write("002_b.sql", "SELECT 2;\n");
  t.Write("003_c.sql", "SELECT 3;\n");
  t.Write("004_d.sql", "SELECT 4;\n");
  const std::vector<std::string> ids = Ids(MustLoad(t).migrations);
  ASSERT_EQ(ids.size(), 4u);
  auto pos = [&](const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
  };
  EXPECT_LT(pos("003"), pos("001"));
  EXPECT_LT(pos("002"), pos("004"));  // the rest keeps version order
  EXPECT_LT(pos("003"), pos("004"));
}

TEST(LoadDirectory, DependencyResolvesByVersionOrFileStem) {
  TempDir t;
  t.Write("001_a.sql", "-- Dependencies: [3, 002_b]\nSELECT 1;\n");
  t.Write("002_b.sql", "SELECT 2;\n");
  t.Write("003_c.sql", "SELECT 3;\n");
  const MigrationSet set = MustLoad(t);
  ASSERT_EQ(Ids(set.migrations), (std::vector<std::string>{"002", "003", "001"}));
  std::vector<std::string> deps;
  for (size_t i : DependencyIndexes(set.migrations, set.migrations[2])) {
    deps.push_back(set.migrations[i].id);
  }
  EXPECT_EQ(deps, (std::vector<std::string>{"003", "002"}));
}

TEST(LoadDirectory, DependencyOnMissingMigrationIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("002_b.sql", "-- Depends: 001, 009\nSELECT 2;\n");
  ExpectInvalid(Load(t), t.Path("002_b.sql"), "'009'");
}

TEST(LoadDirectory, DependencyOnARepeatableIsAnError) {
  TempDir t;
  t.Write("V1__a.sql", "-- Depends: R__views\nSELECT 1;\n");
  t.Write("R__views.sql", "SELECT 2;\n");
  ExpectInvalid(Load(t), t.Path("V1__a.sql"), "R__views");
}

TEST(LoadDirectory, DependencyCycleIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "SELECT 1;\n");
  t.Write("002_b.sql", "-- Depends: 003\nSELECT 2;\n");
  t.Write("003_c.sql", "-- Depends: 004\nSELECT 3;\n");
  t.Write("004_d.sql", "-- Depends: 2\nSELECT 4;\n");
  ExpectInvalid(Load(t), t.Path("002_b.sql"), "cycle");
}

TEST(LoadDirectory, DependencyOnItselfIsAnError) {
  TempDir t;
  t.Write("001_a.sql", "-- Depends: 1\nSELECT 1;\n");
  ExpectInvalid(Load(t), t.Path("001_a.sql"), "itself");
}

// The graph on its own, without files.
Migration Versioned(const std::string& v, std::vector<std::string> depends = {}) {
  Migration m;
  m.id = v;
  m.version = *Version::Parse(v);
  m.up.path = "m/" + v + "_x.sql";
  m.meta.depends = std::move(depends);
  return m;
}

TEST(OrderByDependencies, SortsByVersionWhenThereAreNoDependencies) {
  std::vector<Migration> ms;
  ms.push_back(Versioned("10"));
  Migration r;
  r.kind = MigrationKind::kRepeatable;
  r.id = "R__a";
  r.description = "a";
  ms.push_back(r);
  ms.push_back(Versioned("9"));
  ms.push_back(Versioned("1.5"));
  ASSERT_TRUE(OrderByDependencies(ms).ok());
  EXPECT_EQ(Ids(ms), (std::vector<std::string>{"1.5", "9", "10", "R__a"}));
}

TEST(OrderByDependencies, ChainOfDependenciesRunsInDependencyOrder) {
  std::vector<Migration> ms;
  ms.push_back(Versioned("1", {"2"}));
  ms.push_back(Versioned("2", {"3"}));
  ms.push_back(Versioned("3"));
  ASSERT_TRUE(OrderByDependencies(ms).ok());
  EXPECT_EQ(Ids(ms), (std::vector<std::string>{"3", "2", "1"}));
}

}  // namespace
}  // namespace strata::source
