// Cases for the locking and rewrite rules: each must fire where the statement
// blocks or rewrites an existing table, and stay quiet on the safe forms and on
// tables created earlier in the same migration.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/analyze.h"
#include "sql/lint/lint_test_util.h"
#include "sql/lint/locks.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::Ids;
using testing::LintWith;
using Strings = std::vector<std::string>;

// Every factory of this category, for the checks that cover them all.
std::vector<std::function<std::unique_ptr<Rule>()>> LockingFactories() {
  return {MakeIndexNotConcurrent,
          MakeMissingLockTimeout,
          MakeForeignKeyNotValid,
          MakeCheckNotValid,
          MakeSetNotNull,
          MakeColumnTypeRewrite,
          MakeVolatileDefault,
          MakeGeneratedColumnRewrite,
          MakeVacuumFull,
          MakeCluster,
          MakeReindexNotConcurrent,
          MakeConcurrentlyInTransaction,
          MakeAddUniqueConstraint,
          MakeDropIndexNotConcurrent,
          MakeAddColumnNotNullWithoutDefault,
          MakeAlterDomainAddConstraint,
          MakeDetachPartitionNotConcurrent,
          MakeValidateInSameTransaction};
}

// Findings of every locking rule on `script`, with `before` as the schema.
std::vector<Finding> LintAll(const std::string& script, const ScriptOptions& options = {},
                             const std::map<std::string, TableState>& before = {}) {
  RuleSet rules;
  for (const auto& make : LockingFactories()) rules.push_back(make());
  Linter linter(LintOptions{}, std::move(rules));
  return linter.Lint(script, Dialect::kPostgres, options, before).findings;
}

// Findings of `rule` when table `t` has column `c` of exactly `type` (with its
// modifiers, which LintWith's `before` cannot express).
std::vector<Finding> LintTyped(std::unique_ptr<Rule> rule, const std::string& script,
                               const TypeRef& type) {
  std::map<std::string, TableState> before;
  before["t"].columns["c"] = type;
  RuleSet rules;
  rules.push_back(std::move(rule));
  Linter linter(LintOptions{}, std::move(rules));
  return linter.Lint(script, Dialect::kPostgres, ScriptOptions{}, before).findings;
}

bool Mentions(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

TypeRef Type(std::string name, std::vector<int64_t> modifiers = {}, bool array = false) {
  return TypeRef{std::move(name), std::move(modifiers), array};
}

TEST(LockingRules, InfoIsCompleteAndIdsAreUnique) {
  std::map<std::string, int> seen;
  for (const auto& make : LockingFactories()) {
    const RuleInfo& info = make()->info();
    SCOPED_TRACE(info.id);
    EXPECT_EQ(info.category, Category::kLocking);
    EXPECT_TRUE(info.dialects.contains(Dialect::kPostgres));
    EXPECT_FALSE(info.summary.empty());
    EXPECT_FALSE(info.why.empty());
    EXPECT_FALSE(info.fix.empty());
    EXPECT_NE(info.severity, Severity::kOff);
    EXPECT_EQ(info.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz-"), std::string::npos);
    EXPECT_EQ(++seen[info.id], 1);
  }
  EXPECT_EQ(seen.size(), 18u);
}

// --- index-not-concurrent (more cases) -------------------------------------

TEST(IndexNotConcurrent, FiresOnEveryBlockingForm) {
  for (const std::string sql : {
           "CREATE INDEX IF NOT EXISTS idx_users_email ON users (email);",
           "CREATE UNIQUE INDEX uq_users_email ON users (email);",
           "CREATE INDEX idx_users_active ON users (email) WHERE deleted_at IS NULL;",
           "CREATE INDEX idx_users_lower ON users (lower(email));",
           "CREATE TABLE app.users (id int); CREATE INDEX idx_users_email ON users (email);",
       }) {
    SCOPED_TRACE(sql);
    auto f = LintWith(MakeIndexNotConcurrent(), sql);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "index-not-concurrent");
    EXPECT_EQ(f[0].severity, Severity::kError);
    EXPECT_EQ(f[0].lock.mode, "SHARE");
    EXPECT_EQ(f[0].lock.table, "users");
  }
}

TEST(IndexNotConcurrent, NamesSchemaQualifiedAndUnnamedIndexes) {
  auto f = LintWith(MakeIndexNotConcurrent(), "CREATE INDEX ON app.users (email);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].lock.table, "app.users");
  EXPECT_TRUE(Mentions(f[0], "(unnamed)"));
  EXPECT_TRUE(Mentions(f[0], "app.users"));
}

TEST(IndexNotConcurrent, QuietOnConcurrentBuildsAndNewTables) {
  for (const std::string sql : {
           "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);",
           "CREATE UNIQUE INDEX CONCURRENTLY uq_users_email ON app.users (email);",
           "CREATE TABLE app.t (id int, a text); CREATE INDEX idx_t_a ON app.t (a);",
           "CREATE TABLE public.t (id int, a text); CREATE INDEX idx_t_a ON t (a);",
           "CREATE TABLE t (id int, a text); CREATE INDEX idx_t_a ON public.t (a);",
           "CREATE TABLE t (id int, a text); ALTER TABLE t RENAME TO u; CREATE INDEX ON u (a);",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeIndexNotConcurrent(), sql).empty());
  }
}

// --- missing-lock-timeout (more cases) -------------------------------------

TEST(MissingLockTimeout, FiresWhenTheTimeoutIsMissingOrSwitchedOff) {
  for (const std::string sql : {
           "ALTER TABLE app.users ADD COLUMN a int;",
           "SET statement_timeout = '5s'; ALTER TABLE users ADD COLUMN a int;",
           "SET lock_timeout = 0; ALTER TABLE users ADD COLUMN a int;",
           "SET lock_timeout = '0'; ALTER TABLE users ADD COLUMN a int;",
           "SET lock_timeout = '2s'; RESET lock_timeout; ALTER TABLE users ADD COLUMN a int;",
           // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one statement, wrapped
           "SET lock_timeout = '2s'; SET lock_timeout TO DEFAULT; ALTER TABLE users ADD COLUMN a "
           "int;",
           "SET lock_timeout = '2s'; SET lock_timeout = 0; ALTER TABLE users ADD COLUMN a int;",
           "ALTER TABLE users ADD COLUMN a int; SET lock_timeout = '2s';",
           "CREATE INDEX IF NOT EXISTS idx_users_email ON users (email);",
           "ALTER TABLE users RENAME TO people;",
           "ALTER TABLE users RENAME COLUMN email TO mail;",
           "DROP TABLE IF EXISTS users;",
       }) {
    SCOPED_TRACE(sql);
    auto f = LintWith(MakeMissingLockTimeout(), sql);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "missing-lock-timeout");
    EXPECT_EQ(f[0].severity, Severity::kWarning);
  }
  auto f = LintWith(MakeMissingLockTimeout(), "ALTER TABLE app.users ADD COLUMN a int;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "app.users");
  EXPECT_TRUE(Mentions(f[0], "app.users"));
}

TEST(MissingLockTimeout, QuietWithATimeoutOnNewTablesAndOnNonBlockingStatements) {
  for (const std::string sql : {
           "SET lock_timeout TO '2s'; ALTER TABLE users ADD COLUMN a int;",
           "SET LOCAL lock_timeout = '2s'; ALTER TABLE users ADD COLUMN a int;",
           "SET lock_timeout = 2000; ALTER TABLE users ADD COLUMN a int;",
           "SET lock_timeout = 0; SET lock_timeout = '1s'; ALTER TABLE users ADD COLUMN a int;",
           "SET lock_timeout = '2s'; CREATE INDEX idx_users_email ON app.users (email);",
           "CREATE TABLE app.t (id int); ALTER TABLE app.t ADD COLUMN a int;",
           "CREATE TABLE public.t (id int); ALTER TABLE t ADD COLUMN a int;",
           "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);",
           "UPDATE users SET email = lower(email) WHERE id < 1000;",
           "SELECT 1;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeMissingLockTimeout(), sql).empty());
  }
}

// --- foreign-key-not-valid -------------------------------------------------

TEST(ForeignKeyNotValid, FiresOnAValidatedForeignKeyOnAnExistingTable) {
  const std::string sql =
      "ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users "
      "(id);";
  auto f = LintWith(MakeForeignKeyNotValid(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "foreign-key-not-valid");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.find("CONSTRAINT"));
  EXPECT_EQ(f[0].lock.mode, "SHARE ROW EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "orders");
  EXPECT_TRUE(Mentions(f[0], "fk_orders_user"));
  EXPECT_TRUE(Mentions(f[0], "users"));

  f = LintWith(MakeForeignKeyNotValid(),
               "ALTER TABLE app.orders ADD FOREIGN KEY (user_id) REFERENCES app.users (id);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].lock.table, "app.orders");
  EXPECT_TRUE(Mentions(f[0], "app.users"));

  // The referenced table is new, but the existing rows of orders are still scanned.
  EXPECT_EQ(LintWith(MakeForeignKeyNotValid(),
                     "CREATE TABLE users (id int PRIMARY KEY);"
                     "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);")
                .size(),
            1u);
}

TEST(ForeignKeyNotValid, FiresOnANewColumnWhoseDefaultMustBeChecked) {
  auto f = LintWith(MakeForeignKeyNotValid(),
                    "ALTER TABLE orders ADD COLUMN user_id int DEFAULT 1 REFERENCES users (id);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_TRUE(Mentions(f[0], "DEFAULT"));
}

TEST(ForeignKeyNotValid, QuietWithNotValidOnValidateAndOnNewTables) {
  for (const std::string sql : {
           "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT "
           "VALID;",
           "ALTER TABLE orders VALIDATE CONSTRAINT fk;",
           "ALTER TABLE orders ADD COLUMN user_id int REFERENCES users (id);",
           "CREATE TABLE orders (id int, user_id int REFERENCES users (id));",
           "CREATE TABLE app.orders (id int, user_id int);"
           "ALTER TABLE app.orders ADD FOREIGN KEY (user_id) REFERENCES users (id);",
           "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0);",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeForeignKeyNotValid(), sql).empty());
  }
}

// --- check-not-valid -------------------------------------------------------

TEST(CheckNotValid, FiresOnEachValidatedCheck) {
  const std::string sql =
      "ALTER TABLE users ADD CONSTRAINT ck_users_age CHECK (age >= 0), ADD CHECK (age < 200);";
  auto f = LintWith(MakeCheckNotValid(), sql);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "check-not-valid");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
  EXPECT_EQ(f[0].offset, sql.find("CONSTRAINT"));
  EXPECT_TRUE(Mentions(f[0], "ck_users_age"));
  EXPECT_EQ(f[1].offset, sql.find("CHECK (age <"));
}

TEST(CheckNotValid, QuietWithNotValidOnValidateAndOnNewTables) {
  for (const std::string sql : {
           "ALTER TABLE users ADD CONSTRAINT ck CHECK (age >= 0) NOT VALID;",
           "ALTER TABLE users VALIDATE CONSTRAINT ck;",
           "CREATE TABLE t (age int); ALTER TABLE t ADD CONSTRAINT ck CHECK (age >= 0);",
           "ALTER TABLE users ADD CONSTRAINT uq UNIQUE (email);",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeCheckNotValid(), sql).empty());
  }
}

// --- set-not-null ----------------------------------------------------------

TEST(SetNotNull, FiresOnAnExistingTableWithoutAKnownCheck) {
  const std::string sql = "ALTER TABLE app.users ALTER COLUMN email SET NOT NULL;";
  auto f = LintWith(MakeSetNotNull(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "set-not-null");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.find("app.users"));
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "app.users");
  EXPECT_TRUE(Mentions(f[0], "app.users.email"));
  EXPECT_TRUE(Mentions(f[0], "CHECK (email IS NOT NULL)"));
}

TEST(SetNotNull, QuietOnNewTablesAndOtherColumnChanges) {
  for (const std::string sql : {
           "CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
           "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
           "ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;",
           "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeSetNotNull(), sql).empty());
  }
  // A check strata cannot see (made outside the migrations), marked as such.
  EXPECT_TRUE(
      LintWith(MakeSetNotNull(),
               "-- strata:lint-ignore set-not-null ck_users_email_nn was validated by hand\n"
               "ALTER TABLE users ALTER COLUMN email SET NOT NULL;")
          .empty());
}

// Set-not-null findings of each script in turn, each linted with the schema the
// ones before it left, as strata lints a migration set.
std::vector<size_t> SetNotNullPerMigration(const std::vector<std::string>& scripts,
                                           const ScriptOptions& options = {}) {
  RuleSet rules;
  rules.push_back(MakeSetNotNull());
  Linter linter(LintOptions{}, std::move(rules));
  std::map<std::string, TableState> schema;
  schema["users"].columns["email"] = Type("text");
  std::vector<size_t> counts;
  for (const std::string& script : scripts) {
    ScriptResult r = linter.Lint(script, Dialect::kPostgres, options, schema);
    counts.push_back(r.findings.size());
    schema = r.after;
  }
  return counts;
}

TEST(SetNotNull, QuietAfterTheSafeRecipeAcrossMigrations) {
  EXPECT_EQ(SetNotNullPerMigration({
                "ALTER TABLE users ADD CONSTRAINT ck_email CHECK (email IS NOT NULL) NOT VALID;",
                "ALTER TABLE users VALIDATE CONSTRAINT ck_email;",
                "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
                "ALTER TABLE users DROP CONSTRAINT ck_email;",
            }),
            (std::vector<size_t>{0, 0, 0}));
}

TEST(SetNotNull, QuietAfterAValidatedCheckEarlierInTheMigration) {
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  for (const std::string sql : {
           // Added without NOT VALID: validated at once.
           "ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL);",
           // Unnamed, and one test among others joined by AND.
           "ALTER TABLE users ADD CHECK (email IS NOT NULL AND name IS NOT NULL);",
           "ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;\n"
           "ALTER TABLE users VALIDATE CONSTRAINT ck;",
           // Quoted and unquoted spellings of one name.
           "ALTER TABLE users ADD CONSTRAINT \"CK\" CHECK (email IS NOT NULL) NOT VALID;\n"
           "ALTER TABLE users VALIDATE CONSTRAINT \"CK\";",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(SetNotNullPerMigration({sql + "\nALTER TABLE users ALTER COLUMN email SET NOT NULL;"},
                                     no_transaction),
              std::vector<size_t>{0});
  }
}

TEST(SetNotNull, FiresWhenTheCheckIsNotValidatedDroppedOrAboutAnotherColumn) {
  for (const std::vector<std::string>& migrations : std::vector<std::vector<std::string>>{
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;"},
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL);",
            "ALTER TABLE users DROP CONSTRAINT ck;"},
           // An unnamed check goes by the name PostgreSQL gives it.
           {"ALTER TABLE users ADD CHECK (email IS NOT NULL);",
            "ALTER TABLE users DROP CONSTRAINT users_email_check;"},
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (name IS NOT NULL);"},
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NULL OR email <> '');"},
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL OR name IS NOT NULL);"},
           // Dropping the column drops its check; a new column of that name has none.
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL);",
            "ALTER TABLE users DROP COLUMN email; ALTER TABLE users ADD COLUMN email text;"},
           {"ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;",
            "ALTER TABLE users VALIDATE CONSTRAINT other;"},
       }) {
    std::vector<std::string> scripts = migrations;
    scripts.push_back("ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
    SCOPED_TRACE(Join(scripts, " | "));
    EXPECT_EQ(SetNotNullPerMigration(scripts).back(), 1u);
  }
}

TEST(SetNotNull, FollowsTheCheckThroughRenamesAndFromCreateTable) {
  EXPECT_EQ(SetNotNullPerMigration({
                "CREATE TABLE accounts (id bigint, owner text, CONSTRAINT ck_owner CHECK (owner "
                "IS NOT NULL));",
                "ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL;",
            }),
            (std::vector<size_t>{0, 0}));
  EXPECT_EQ(SetNotNullPerMigration({
                "ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL);",
                // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one script of two statements
                "ALTER TABLE users RENAME COLUMN email TO mail;\n"
                "ALTER TABLE users RENAME CONSTRAINT ck TO ck_mail;",
                "ALTER TABLE users RENAME TO people;",
                "ALTER TABLE people ALTER COLUMN mail SET NOT NULL;",
                "ALTER TABLE people DROP CONSTRAINT ck_mail;\n"
                "ALTER TABLE people ALTER COLUMN mail SET NOT NULL;",
            }),
            (std::vector<size_t>{0, 0, 0, 0, 1}));
}

// --- column-type-rewrite ---------------------------------------------------

TEST(ColumnTypeRewrite, KnowsWhichChangesRewriteFromTheCurrentType) {
  struct Case {
    TypeRef from;
    std::string to;
    bool rewrites;
  };
  const Case cases[] = {
      // Relaxed limits and binary-compatible types: catalog only.
      {Type("varchar", {10}), "varchar(20)", false},
      {Type("varchar", {10}), "varchar(10)", false},
      {Type("varchar", {10}), "varchar", false},
      {Type("varchar", {10}), "text", false},
      {Type("varchar"), "text", false},
      {Type("text"), "varchar", false},
      {Type("text"), "character varying", false},
      {Type("character varying", {10}), "varchar(255)", false},
      {Type("numeric", {10, 2}), "numeric(12,2)", false},
      {Type("numeric", {10, 2}), "numeric", false},
      {Type("numeric", {10}), "decimal(12,0)", false},
      {Type("cidr"), "inet", false},
      {Type("varbit", {8}), "bit varying(16)", false},
      {Type("timestamptz", {3}), "timestamptz", false},
      {Type("timestamp", {3}), "timestamp(6)", false},
      {Type("interval", {3}), "interval", false},
      {Type("integer"), "int4", false},
      {Type("int4", {}, true), "integer[]", false},
      // Everything else rewrites.
      {Type("int4"), "bigint", true},
      {Type("varchar", {20}), "varchar(10)", true},
      {Type("varchar"), "varchar(10)", true},
      {Type("text"), "varchar(255)", true},
      {Type("numeric", {10, 2}), "numeric(8,2)", true},
      {Type("numeric", {10, 2}), "numeric(12,3)", true},
      {Type("numeric"), "numeric(10,2)", true},
      {Type("inet"), "cidr", true},
      {Type("bpchar", {10}), "char(20)", true},
      {Type("bpchar", {10}), "text", true},
      {Type("timestamp"), "timestamp(3)", true},
      {Type("timestamp"), "timestamptz", true},
      {Type("json"), "jsonb", true},
      {Type("text"), "text[]", true},
      {Type("varchar", {10}, true), "varchar(20)[]", true},
      {Type("int4"), "mytype", true},
  };
  for (const Case& c : cases) {
    const std::string sql = "ALTER TABLE t ALTER COLUMN c TYPE " + c.to + ";";
    SCOPED_TRACE(sql);
    auto f = LintTyped(MakeColumnTypeRewrite(), sql, c.from);
    EXPECT_EQ(f.size(), c.rewrites ? 1u : 0u);
    if (f.empty()) continue;
    EXPECT_EQ(f[0].rule, "column-type-rewrite");
    EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
    EXPECT_EQ(f[0].lock.table, "t");
    EXPECT_TRUE(Mentions(f[0], "t.c from "));
    EXPECT_EQ(f[0].offset, sql.find("c TYPE"));
  }
}

TEST(ColumnTypeRewrite, UsingAlwaysRewrites) {
  auto f =
      LintTyped(MakeColumnTypeRewrite(), "ALTER TABLE t ALTER COLUMN c TYPE text USING c || '';",
                Type("varchar", {10}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "USING"));
  EXPECT_EQ(LintWith(MakeColumnTypeRewrite(),
                     "ALTER TABLE orders ALTER COLUMN total TYPE bigint USING total::bigint;")
                .size(),
            1u);
}

TEST(ColumnTypeRewrite, NotesTheUtcExceptionForTimestampToTimestamptz) {
  auto f = LintWith(MakeColumnTypeRewrite(), "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;",
                    {}, Dialect::kPostgres, {{"events", {{"at", "timestamp"}}}});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "UTC"));
}

TEST(ColumnTypeRewrite, WithAnUnknownTypeFiresUnlessTheTargetIsText) {
  auto f =
      LintWith(MakeColumnTypeRewrite(), "ALTER TABLE app.orders ALTER COLUMN total TYPE bigint;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "does not know its current type"));
  EXPECT_EQ(f[0].lock.table, "app.orders");
  // A known table without that column is no better.
  EXPECT_EQ(LintWith(MakeColumnTypeRewrite(), "ALTER TABLE t ALTER COLUMN x TYPE varchar(20);", {},
                     Dialect::kPostgres, {{"t", {{"c", "int4"}}}})
                .size(),
            1u);
  for (const std::string sql : {
           "ALTER TABLE orders ALTER COLUMN note TYPE text;",
           "ALTER TABLE orders ALTER COLUMN note SET DATA TYPE varchar;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeColumnTypeRewrite(), sql).empty());
  }
}

TEST(ColumnTypeRewrite, UsesTypesFromEarlierInTheMigrationAndSkipsNewTables) {
  EXPECT_TRUE(LintWith(MakeColumnTypeRewrite(),
                       "ALTER TABLE users ADD COLUMN code varchar(10);"
                       "ALTER TABLE users ALTER COLUMN code TYPE varchar(20);")
                  .empty());
  EXPECT_EQ(LintWith(MakeColumnTypeRewrite(),
                     "ALTER TABLE users ADD COLUMN code varchar(10);"
                     "ALTER TABLE users ALTER COLUMN code TYPE int;")
                .size(),
            1u);
  EXPECT_TRUE(LintWith(MakeColumnTypeRewrite(),
                       "CREATE TABLE t (c int); ALTER TABLE t ALTER COLUMN c TYPE bigint;")
                  .empty());
}

// --- volatile-default ------------------------------------------------------

TEST(VolatileDefault, FiresOnDefaultsComputedPerRow) {
  for (const std::string sql : {
           "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();",
           "ALTER TABLE users ADD COLUMN seen timestamptz NOT NULL DEFAULT clock_timestamp();",
           "ALTER TABLE users ADD COLUMN r float8 DEFAULT random() * 10;",
           "ALTER TABLE users ADD COLUMN n int DEFAULT nextval('users_n_seq');",
           "ALTER TABLE users ADD COLUMN v int DEFAULT my_function();",
           "ALTER TABLE users ADD COLUMN id2 bigserial;",
           "ALTER TABLE users ADD COLUMN id2 serial4;",
           "ALTER TABLE users ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;",
           "ALTER TABLE users ADD COLUMN id2 int GENERATED BY DEFAULT AS IDENTITY;",
       }) {
    SCOPED_TRACE(sql);
    auto f = LintWith(MakeVolatileDefault(), sql);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "volatile-default");
    EXPECT_EQ(f[0].severity, Severity::kError);
    EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
    EXPECT_EQ(f[0].lock.table, "users");
    EXPECT_EQ(f[0].offset, sql.find("ADD COLUMN") + 11);
  }
}

TEST(VolatileDefault, QuietOnStoredDefaultsSetDefaultAndNewTables) {
  for (const std::string sql : {
           "ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();",
           "ALTER TABLE users ADD COLUMN at timestamptz DEFAULT CURRENT_TIMESTAMP;",
           "ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;",
           "ALTER TABLE users ADD COLUMN s text DEFAULT 'x';",
           "ALTER TABLE users ADD COLUMN s text;",
           "ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();",
           // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one statement, wrapped
           "CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN token uuid DEFAULT "
           "gen_random_uuid();",
           "CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN n bigserial;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeVolatileDefault(), sql).empty());
  }
}

// --- generated-column-rewrite ----------------------------------------------

TEST(GeneratedColumnRewrite, FiresOnStoredGeneratedColumnsOfExistingTables) {
  auto f = LintWith(MakeGeneratedColumnRewrite(),
                    "ALTER TABLE orders ADD COLUMN total_cents bigint "
                    "GENERATED ALWAYS AS (total * 100) STORED;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "generated-column-rewrite");
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "orders");
  EXPECT_TRUE(Mentions(f[0], "total_cents"));

  EXPECT_TRUE(LintWith(MakeGeneratedColumnRewrite(),
                       "CREATE TABLE t (a int); "
                       "ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED;")
                  .empty());
  EXPECT_TRUE(LintWith(MakeGeneratedColumnRewrite(),
                       "ALTER TABLE orders ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;")
                  .empty());
  EXPECT_TRUE(
      LintWith(MakeGeneratedColumnRewrite(), "ALTER TABLE orders ADD COLUMN b int;").empty());
}

// --- vacuum-full -----------------------------------------------------------

TEST(VacuumFull, FiresOnFullVacuums) {
  for (const std::string sql :
       {"VACUUM FULL users;", "VACUUM (FULL, ANALYZE) users;", "VACUUM FULL VERBOSE users;"}) {
    SCOPED_TRACE(sql);
    auto f = LintWith(MakeVacuumFull(), sql);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "vacuum-full");
    EXPECT_EQ(f[0].severity, Severity::kError);
    EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
    EXPECT_EQ(f[0].lock.table, "users");
  }
  auto f = LintWith(MakeVacuumFull(), "VACUUM FULL;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "every table"));
}

TEST(VacuumFull, QuietOnPlainVacuumAndNewTables) {
  for (const std::string sql : {"VACUUM users;", "VACUUM ANALYZE users;", "VACUUM;",
                                "ANALYZE users;", "CREATE TABLE t (a int); VACUUM FULL t;"}) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeVacuumFull(), sql).empty());
  }
}

// --- cluster ---------------------------------------------------------------

TEST(Cluster, FiresOnExistingTablesAndOnABareCluster) {
  auto f = LintWith(MakeCluster(), "CLUSTER app.users USING idx_users_email;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "cluster");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "app.users");
  EXPECT_EQ(LintWith(MakeCluster(), "CLUSTER users;").size(), 1u);
  f = LintWith(MakeCluster(), "CLUSTER;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "every previously clustered table"));
}

TEST(Cluster, QuietOnNewTablesAndOtherMaintenance) {
  EXPECT_TRUE(
      LintWith(MakeCluster(),
               "CREATE TABLE t (a int); CREATE INDEX idx_t_a ON t (a); CLUSTER t USING idx_t_a;")
          .empty());
  EXPECT_TRUE(LintWith(MakeCluster(), "VACUUM FULL users;").empty());
}

// --- reindex-not-concurrent ------------------------------------------------

TEST(ReindexNotConcurrent, FiresOnBlockingReindexes) {
  auto f = LintWith(MakeReindexNotConcurrent(), "REINDEX TABLE app.users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "reindex-not-concurrent");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].lock.mode, "SHARE");
  EXPECT_EQ(f[0].lock.table, "app.users");

  f = LintWith(MakeReindexNotConcurrent(), "REINDEX INDEX idx_users_email;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "idx_users_email");
  EXPECT_TRUE(Mentions(f[0], "idx_users_email"));

  for (const std::string sql :
       {"REINDEX SCHEMA app;", "REINDEX DATABASE shop;", "REINDEX (VERBOSE) TABLE users;"}) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(LintWith(MakeReindexNotConcurrent(), sql).size(), 1u);
  }
}

TEST(ReindexNotConcurrent, QuietWhenConcurrentOrOnANewTable) {
  for (const std::string sql : {
           "REINDEX TABLE CONCURRENTLY users;",
           "REINDEX INDEX CONCURRENTLY idx_users_email;",
           "REINDEX (CONCURRENTLY) SCHEMA app;",
           "CREATE TABLE t (a int); REINDEX TABLE t;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeReindexNotConcurrent(), sql).empty());
  }
}

// --- concurrently-in-transaction -------------------------------------------

TEST(ConcurrentlyInTransaction, FiresInATransactionalMigrationEvenOnNewTables) {
  ScriptOptions forced;  // -- strata:transaction
  forced.force_transaction = true;
  for (const std::string sql : {
           "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);",
           "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq ON app.users (email);",
           "DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;",
           "REINDEX INDEX CONCURRENTLY idx_users_email;",
           "REINDEX (CONCURRENTLY) TABLE users;",
           "CREATE TABLE t (a int); CREATE INDEX CONCURRENTLY idx_t_a ON t (a);",
       }) {
    SCOPED_TRACE(sql);
    auto f = LintWith(MakeConcurrentlyInTransaction(), sql, forced);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "concurrently-in-transaction");
    EXPECT_EQ(f[0].severity, Severity::kError);
    EXPECT_EQ(f[0].lock.mode, "SHARE UPDATE EXCLUSIVE");
    EXPECT_TRUE(Mentions(f[0], "remove the directive"));
    // Without the directive strata runs the file without a transaction.
    EXPECT_TRUE(LintWith(MakeConcurrentlyInTransaction(), sql).empty());
  }
  // Inside the file's own block it fails whatever the file says.
  const std::string block = "BEGIN; CREATE INDEX CONCURRENTLY idx_t_a ON t (a); COMMIT;";
  auto f = LintWith(MakeConcurrentlyInTransaction(), block);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].offset, block.find("CREATE"));
  EXPECT_TRUE(Mentions(f[0], "move it after the block's COMMIT")) << f[0].message;
  EXPECT_TRUE(LintWith(MakeConcurrentlyInTransaction(),
                       "BEGIN; CREATE TABLE t (a int); COMMIT; CREATE INDEX CONCURRENTLY idx_t_a "
                       "ON t (a);")
                  .empty());
}

TEST(ConcurrentlyInTransaction, QuietWithoutATransactionOrWithoutConcurrently) {
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  for (const std::string sql : {
           "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);",
           "DROP INDEX CONCURRENTLY idx_users_email;",
           "REINDEX TABLE CONCURRENTLY users;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeConcurrentlyInTransaction(), sql, no_transaction).empty());
  }
  for (const std::string sql : {"CREATE INDEX idx_users_email ON users (email);",
                                "DROP INDEX idx_users_email;", "REINDEX TABLE users;"}) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeConcurrentlyInTransaction(), sql).empty());
  }
}

// --- add-unique-constraint -------------------------------------------------

TEST(AddUniqueConstraint, FiresOnConstraintsThatBuildTheirIndex) {
  const std::string sql =
      "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email), ADD PRIMARY KEY (id);";
  auto f = LintWith(MakeAddUniqueConstraint(), sql);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "add-unique-constraint");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
  EXPECT_EQ(f[0].offset, sql.find("CONSTRAINT"));
  EXPECT_TRUE(Mentions(f[0], "UNIQUE"));
  EXPECT_TRUE(Mentions(f[1], "PRIMARY KEY"));

  f = LintWith(MakeAddUniqueConstraint(), "ALTER TABLE app.users ADD COLUMN code text UNIQUE;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].lock.table, "app.users");
  EXPECT_TRUE(Mentions(f[0], "code"));
}

TEST(AddUniqueConstraint, QuietUsingAnIndexOnNewTablesAndOnOtherConstraints) {
  for (const std::string sql : {
           "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_idx;",
           "ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY USING INDEX pk_idx;",
           "CREATE TABLE t (id int, a text); ALTER TABLE t ADD PRIMARY KEY (id), ADD UNIQUE (a);",
           "ALTER TABLE users ADD CONSTRAINT ck CHECK (id > 0) NOT VALID;",
           "ALTER TABLE users ADD COLUMN code text;",
           "CREATE UNIQUE INDEX CONCURRENTLY uq_idx ON users (email);",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeAddUniqueConstraint(), sql).empty());
  }
}

// --- drop-index-not-concurrent ---------------------------------------------

TEST(DropIndexNotConcurrent, FiresOncePerIndex) {
  auto f = LintWith(MakeDropIndexNotConcurrent(), "DROP INDEX IF EXISTS app.idx_users_email;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "drop-index-not-concurrent");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "app.idx_users_email");
  EXPECT_TRUE(Mentions(f[0], "app.idx_users_email"));
  EXPECT_EQ(LintWith(MakeDropIndexNotConcurrent(), "DROP INDEX idx_a, idx_b CASCADE;").size(), 2u);
}

TEST(DropIndexNotConcurrent, QuietWhenConcurrentAndOnOtherDrops) {
  for (const std::string sql : {"DROP INDEX CONCURRENTLY idx_users_email;",
                                "DROP INDEX CONCURRENTLY IF EXISTS app.idx_users_email;",
                                "DROP TABLE users;", "DROP VIEW v;"}) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeDropIndexNotConcurrent(), sql).empty());
  }
}

// --- add-column-not-null-without-default -----------------------------------

TEST(AddColumnNotNullWithoutDefault, FiresWhenExistingRowsWouldBeNull) {
  const std::string sql = "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;";
  auto f = LintWith(MakeAddColumnNotNullWithoutDefault(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "add-column-not-null-without-default");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
  EXPECT_EQ(f[0].offset, sql.find("tenant_id"));
  EXPECT_TRUE(Mentions(f[0], "tenant_id"));
  // A primary key is NOT NULL too.
  EXPECT_EQ(LintWith(MakeAddColumnNotNullWithoutDefault(),
                     "ALTER TABLE app.users ADD COLUMN id2 int PRIMARY KEY;")
                .size(),
            1u);
  EXPECT_EQ(
      LintWith(MakeAddColumnNotNullWithoutDefault(),
               "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;", {}, Dialect::kSqlite)
          .size(),
      1u);
}

TEST(AddColumnNotNullWithoutDefault, QuietWhenEveryRowGetsAValue) {
  for (const std::string sql : {
           "ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;",
           "ALTER TABLE users ADD COLUMN n int DEFAULT 0 NOT NULL;",
           "ALTER TABLE users ADD COLUMN n int;",
           "ALTER TABLE users ADD COLUMN id2 bigserial NOT NULL;",
           "ALTER TABLE users ADD COLUMN id2 bigint NOT NULL GENERATED ALWAYS AS IDENTITY;",
           "ALTER TABLE users ADD COLUMN d int NOT NULL GENERATED ALWAYS AS (n * 2) STORED;",
           "CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN n int NOT NULL;",
           "ALTER TABLE users ALTER COLUMN n SET NOT NULL;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeAddColumnNotNullWithoutDefault(), sql).empty());
  }
  EXPECT_TRUE(LintWith(MakeAddColumnNotNullWithoutDefault(),
                       "ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;", {},
                       Dialect::kSqlite)
                  .empty());
}

// --- alter-domain-add-constraint -------------------------------------------

TEST(AlterDomainAddConstraint, FiresOnChecksThatScanEveryColumnOfTheDomain) {
  const std::string sql =
      "ALTER DOMAIN app.email ADD CONSTRAINT ck_email CHECK (VALUE LIKE '%@%');";
  auto f = LintWith(MakeAlterDomainAddConstraint(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "alter-domain-add-constraint");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.find("CONSTRAINT"));
  EXPECT_TRUE(Mentions(f[0], "constraint ck_email to domain app.email")) << f[0].message;
  EXPECT_TRUE(Mentions(f[0], "NOT VALID"));
  // NOT NULL cannot be added NOT VALID: the message does not suggest it.
  const std::string not_null = "SELECT 1;\nALTER DOMAIN email SET NOT NULL;";
  auto n = LintWith(MakeAlterDomainAddConstraint(), not_null);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].offset, not_null.find("ALTER"));
  EXPECT_TRUE(Mentions(n[0], "sets domain email NOT NULL")) << n[0].message;
  EXPECT_FALSE(Mentions(n[0], "NOT VALID")) << n[0].message;
}

TEST(AlterDomainAddConstraint, QuietWithNotValidOnNewDomainsAndOtherDomainChanges) {
  for (const std::string sql : {
           "ALTER DOMAIN email ADD CONSTRAINT ck CHECK (VALUE LIKE '%@%') NOT VALID;",
           "ALTER DOMAIN email VALIDATE CONSTRAINT ck;",
           "ALTER DOMAIN email DROP CONSTRAINT ck;",
           "ALTER DOMAIN email DROP NOT NULL;",
           "ALTER DOMAIN email SET DEFAULT '';",
           "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');",
           // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one script of two statements
           "CREATE DOMAIN app.email AS text;\n"
           "ALTER DOMAIN app.email ADD CONSTRAINT ck CHECK (VALUE LIKE '%@%');",
           "ALTER TABLE users ADD CONSTRAINT ck CHECK (a > 0) NOT VALID;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeAlterDomainAddConstraint(), sql).empty());
  }
}

// --- detach-partition-not-concurrent ---------------------------------------

TEST(DetachPartitionNotConcurrent, FiresOnAPlainDetach) {
  const std::string sql = "ALTER TABLE events DETACH PARTITION archive.events_2020;";
  auto f = LintWith(MakeDetachPartitionNotConcurrent(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "detach-partition-not-concurrent");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].offset, sql.find("events"));
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "events");
  EXPECT_TRUE(Mentions(f[0], "archive.events_2020 from events")) << f[0].message;
}

TEST(DetachPartitionNotConcurrent, QuietWhenConcurrentOnNewTablesAndOnOtherPartitionCommands) {
  for (const std::string sql : {
           "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;",
           "ALTER TABLE events DETACH PARTITION events_2020 FINALIZE;",
           "ALTER TABLE events ATTACH PARTITION events_2021 FOR VALUES FROM (1) TO (2);",
           "CREATE TABLE p (a int) PARTITION BY RANGE (a);\n"
           "ALTER TABLE p DETACH PARTITION p1;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeDetachPartitionNotConcurrent(), sql).empty());
  }
  EXPECT_EQ(
      LockOf(Analyze("ALTER TABLE events DETACH PARTITION e1 CONCURRENTLY;", Dialect::kPostgres)[0])
          .mode,
      "SHARE UPDATE EXCLUSIVE");
}

TEST(ConcurrentlyInTransaction, CoversDetachPartitionConcurrently) {
  const std::string sql = "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;";
  ScriptOptions forced;
  forced.force_transaction = true;
  auto f = LintWith(MakeConcurrentlyInTransaction(), sql, forced);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "DETACH PARTITION CONCURRENTLY")) << f[0].message;
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  EXPECT_TRUE(LintWith(MakeConcurrentlyInTransaction(), sql, no_transaction).empty());
}

// --- validate-in-same-transaction ------------------------------------------

ScriptOptions NoTransaction() {
  ScriptOptions o;
  o.transactional = false;
  return o;
}

TEST(ValidateInSameTransaction, FiresInATransactionalMigration) {
  const std::string sql =
      "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;\n"
      "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) "
      "NOT VALID;\n"
      "ALTER TABLE orders VALIDATE CONSTRAINT ck_total;\n"
      "ALTER TABLE orders VALIDATE CONSTRAINT fk_user;";
  auto f = LintWith(MakeValidateInSameTransaction(), sql);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "validate-in-same-transaction");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.find("orders VALIDATE"));
  EXPECT_EQ(f[0].lock.mode, "SHARE UPDATE EXCLUSIVE");  // VALIDATE's own; the ADD's is held
  EXPECT_TRUE(Mentions(f[0], "ck_total of orders")) << f[0].message;
  EXPECT_TRUE(Mentions(f[0], "ACCESS EXCLUSIVE"));
  EXPECT_TRUE(Mentions(f[1], "SHARE ROW EXCLUSIVE")) << f[1].message;
}

TEST(ValidateInSameTransaction, FiresInOneStatementAndInsideAnExplicitBlock) {
  EXPECT_EQ(LintWith(MakeValidateInSameTransaction(),
                     "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID, "
                     "VALIDATE CONSTRAINT ck;",
                     NoTransaction())
                .size(),
            1u);
  for (const std::string block : {"BEGIN", "START TRANSACTION"}) {
    const std::string sql = block +
                            ";\n"
                            "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID;\n"
                            "ALTER TABLE orders VALIDATE CONSTRAINT ck;\n"
                            "COMMIT;";
    SCOPED_TRACE(sql);
    auto f = LintWith(MakeValidateInSameTransaction(), sql, NoTransaction());
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].offset, sql.find("orders VALIDATE"));
  }
}

TEST(ValidateInSameTransaction, QuietWhenACommitSeparatesThem) {
  const std::string add = "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID;\n";
  const std::string validate = "ALTER TABLE orders VALIDATE CONSTRAINT ck;\n";
  for (const std::string& sql : {
           add + validate,  // each statement commits on its own
           "BEGIN;\n" + add + "COMMIT;\n" + validate,
           "BEGIN;\n" + add + "COMMIT;\nBEGIN;\n" + validate + "COMMIT;",
           "BEGIN;\n" + add + "ROLLBACK;\n" + validate,
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeValidateInSameTransaction(), sql, NoTransaction()).empty());
  }
}

TEST(ValidateInSameTransaction, QuietForOtherConstraintsEarlierMigrationsAndNewTables) {
  for (const std::string sql : {
           "ALTER TABLE orders VALIDATE CONSTRAINT ck;",  // added by an earlier migration
           "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID;\n"
           "ALTER TABLE orders VALIDATE CONSTRAINT other;",
           "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID;\n"
           "ALTER TABLE invoices VALIDATE CONSTRAINT ck;",
           "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID;\n"
           "ALTER TABLE orders DROP CONSTRAINT ck;\n"
           "ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0);\n"
           "ALTER TABLE orders VALIDATE CONSTRAINT ck;",
           "CREATE TABLE t (a int);\n"
           "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT VALID;\n"
           "ALTER TABLE t VALIDATE CONSTRAINT ck;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeValidateInSameTransaction(), sql).empty());
  }
}

// --- the category as a whole -----------------------------------------------

// The zero-downtime forms of every change above, in one no-transaction migration.
TEST(LockingRules, QuietOnTheSafeRecipes) {
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  const std::string sql =
      "SET lock_timeout = '2s';\n"
      "ALTER TABLE orders ADD COLUMN user_id bigint;\n"
      "ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) "
      "REFERENCES users (id) NOT VALID;\n"
      "ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID;\n"
      "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();\n"
      "ALTER TABLE orders ADD COLUMN token uuid;\n"
      "ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();\n"
      "ALTER TABLE orders ALTER COLUMN note TYPE text;\n"
      "CREATE UNIQUE INDEX CONCURRENTLY uq_orders_code ON orders (code);\n"
      "ALTER TABLE orders ADD CONSTRAINT uq_orders_code UNIQUE USING INDEX uq_orders_code;\n"
      "DROP INDEX CONCURRENTLY idx_orders_old;\n"
      "REINDEX INDEX CONCURRENTLY idx_orders_user;\n"
      "VACUUM ANALYZE orders;\n";
  EXPECT_EQ(Ids(LintAll(sql, no_transaction)), Strings{});
  // Without the directive strata infers it from the CONCURRENTLY statements.
  EXPECT_EQ(Ids(LintAll(sql)), Strings{});
  // The same migration forced into one transaction: only the CONCURRENTLY statements fail.
  ScriptOptions forced;
  forced.force_transaction = true;
  EXPECT_EQ(Ids(LintAll(sql, forced)),
            (Strings{"concurrently-in-transaction", "concurrently-in-transaction",
                     "concurrently-in-transaction"}));
}

TEST(LockingRules, EachUnsafeStatementIsNamedByItsRule) {
  std::map<std::string, TableState> before;
  before["orders"].columns["total"] = Type("int4");
  const std::string sql =
      "SET lock_timeout = '2s';\n"
      "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);\n"
      "ALTER TABLE orders ADD CHECK (total >= 0);\n"
      "ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;\n"
      "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n"
      "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
      "ALTER TABLE orders ADD COLUMN cents bigint GENERATED ALWAYS AS (total * 100) STORED;\n"
      "VACUUM FULL orders;\n"
      "CLUSTER orders;\n"
      "REINDEX TABLE orders;\n"
      "BEGIN;\n"
      "CREATE INDEX CONCURRENTLY idx_orders_user ON orders (user_id);\n"
      "COMMIT;\n"
      "ALTER TABLE orders ADD UNIQUE (code);\n"
      "DROP INDEX idx_orders_old;\n"
      "ALTER TABLE orders ADD COLUMN tenant_id bigint NOT NULL;\n"
      "CREATE INDEX idx_orders_tenant ON orders (tenant_id);\n";
  EXPECT_EQ(
      Ids(LintAll(sql, {}, before)),
      (Strings{"foreign-key-not-valid", "check-not-valid", "set-not-null", "column-type-rewrite",
               "volatile-default", "generated-column-rewrite", "vacuum-full", "cluster",
               "reindex-not-concurrent", "concurrently-in-transaction", "add-unique-constraint",
               "drop-index-not-concurrent", "add-column-not-null-without-default",
               "index-not-concurrent"}));
}

}  // namespace
}  // namespace strata::sql::lint
