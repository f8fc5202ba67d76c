// Runs the bad-input catalogue (catalogue.h) against the real binary on each
// engine a case names: a project whose first migration is applied, the case's
// files and hand edits, a dump of the whole database (schema and every row,
// strata's history included), the command; then the exit code, the words of
// the message, and the same dump. docs/bad-input.md must list exactly these
// cases.
#include "tests/integration/catalogue.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/harness.h"

namespace strata::testing::catalogue {
namespace {

namespace fs = std::filesystem;

std::vector<Case> AllCases() {
  std::vector<Case> all;
  for (auto group : {MigrationFileCases, ConfigCases, CommandLineCases, HistoryCases}) {
    for (Case& c : group()) all.push_back(std::move(c));
  }
  return all;
}

std::string WithDir(std::string arg, const fs::path& dir) {
  for (size_t at = arg.find("{dir}"); at != std::string::npos; at = arg.find("{dir}", at)) {
    arg.replace(at, 5, dir.string());
  }
  return arg;
}

// One engine's database for a case: made fresh, dumped whole, edited by hand.
class Target {
 public:
  virtual ~Target() = default;
  virtual std::string Fresh(const fs::path& dir) = 0;  // its URL
  virtual std::string Dump() = 0;
  virtual std::string Sql(const std::string& sql) = 0;
};

class SqliteTarget final : public Target {
 public:
  std::string Fresh(const fs::path& dir) override {
    db_ = dir / "app.db";
    return "sqlite:" + db_.string();
  }
  std::string Dump() override {
    const RunResult dump = RunTool({"sqlite3", db_.string(), ".dump"});
    EXPECT_EQ(dump.exit_code, 0) << dump.err;
    return dump.out;
  }
  std::string Sql(const std::string& sql) override { return SqliteScalar(db_, sql); }

 private:
  fs::path db_;
};

class PostgresTarget final : public Target {
 public:
  explicit PostgresTarget(PgDatabase& db) : db_(db) {}
  std::string Fresh(const fs::path&) override {
    db_.Empty();
    return db_.url();
  }
  std::string Dump() override {
    const RunResult dump = PgDumpAll(db_.url());
    EXPECT_EQ(dump.exit_code, 0) << dump.err;
    return dump.out;
  }
  std::string Sql(const std::string& sql) override { return db_.Scalar(sql); }

 private:
  PgDatabase& db_;
};

void RunCase(const Case& c, Target& target) {
  SCOPED_TRACE(c.id);
  TempDir dir;
  const std::string url = target.Fresh(dir.path());
  const std::vector<std::string> env = {"STRATA_URL=" + url};
  dir.Write("migrations/001_users.sql", kFirstMigration);
  const RunResult first = RunStrata({"up"}, dir.path(), env);
  ASSERT_EQ(first.exit_code, 0) << first.err;

  for (const auto& [path, content] : c.files) dir.Write(path, content);
  if (c.prepare) {
    try {
      c.prepare(Context{dir.path(), url, [&](const std::string& sql) { return target.Sql(sql); }});
    } catch (const std::exception& e) {
      FAIL() << "preparing the case: " << e.what();
    }
  }
  const std::string before = target.Dump();

  std::vector<std::string> args;
  for (const std::string& arg : c.args) args.push_back(WithDir(arg, dir.path()));
  const RunResult r = RunStrata(args, dir.path(), env);

  EXPECT_EQ(r.exit_code, c.exit_code) << r.out << r.err;
  // Problems a command reports as its result (validate's list) go to stdout.
  const std::string said = r.err + r.out;
  for (const std::string& word : c.words) {
    EXPECT_NE(said.find(word), std::string::npos) << "'" << word << "' is not in: " << said;
  }
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  for (const std::string& secret : c.hidden) {
    EXPECT_EQ((r.out + r.err).find(secret), std::string::npos) << r.out << r.err;
  }
  const std::string after = target.Dump();
  EXPECT_EQ(after, before) << "the database changed: " << FirstDifference(before, after);
  for (const std::string& path : c.absent) {
    EXPECT_FALSE(fs::exists(dir.path() / path)) << path << " was created";
  }
}

TEST(Catalogue, EveryCaseOnSqlite) {
  SqliteTarget target;
  for (const Case& c : AllCases()) {
    if ((c.engines & kSqlite) != 0) RunCase(c, target);
  }
}

TEST(Catalogue, EveryCaseOnPostgres) {
  PgDatabase db;
  STRATA_REQUIRE_PG(db);
  PostgresTarget target(db);
  for (const Case& c : AllCases()) {
    if ((c.engines & kPostgres) != 0) RunCase(c, target);
  }
}

TEST(Catalogue, HasAtLeastSixtyCasesWithUniqueIds) {
  std::set<std::string> ids;
  for (const Case& c : AllCases()) {
    EXPECT_TRUE(ids.insert(c.id).second) << "two cases are " << c.id;
    EXPECT_FALSE(c.words.empty()) << c.id << " checks no words of its message";
  }
  EXPECT_GE(ids.size(), 60u);
}

// The table docs/bad-input.md holds, one row a case.
std::string DocsTable() {
  std::ostringstream table;
  table << "| case | what is wrong | command | exit | the message holds | engines |\n"
        << "| --- | --- | --- | ---: | --- | --- |\n";
  for (const Case& c : AllCases()) {
    std::string command = "strata";
    for (const std::string& arg : c.args) {
      command += " " + (arg.empty() ? "\"\"" : arg.size() > 40 ? arg.substr(0, 12) + "…" : arg);
    }
    std::string words;
    for (const std::string& word : c.words) words += (words.empty() ? "`" : " · `") + word + "`";
    const char* engines = c.engines == kBoth     ? "both"
                          : c.engines == kSqlite ? "SQLite"
                                                 : "PostgreSQL";
    table << "| `" << c.id << "` | " << c.problem << " | `" << command << "` | " << c.exit_code
          << " | " << words << " | " << engines << " |\n";
  }
  return table.str();
}

TEST(Catalogue, DocsListEveryCase) {
  const std::string docs = ReadSourceFile("docs/bad-input.md");
  const std::string table = DocsTable();
  EXPECT_NE(docs.find(table), std::string::npos) << "docs/bad-input.md must hold this table:\n"
                                                 << table;
}

}  // namespace
}  // namespace strata::testing::catalogue
