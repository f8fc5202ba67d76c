// Cases for the backward-incompatible rules: rename-table, rename-column,
// type-narrowing, drop-not-null.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

ScriptOptions Rollback() {
  ScriptOptions o;
  o.rollback = true;
  return o;
}

bool Mentions(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

TEST(RenameTable, FiresOnAnExistingTableWithItsLock) {
  auto f = LintWith(MakeRenameTable(), "ALTER TABLE users RENAME TO accounts;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "rename-table");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_TRUE(Mentions(f[0], "users") && Mentions(f[0], "accounts")) << f[0].message;
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock.table, "users");
}

TEST(RenameTable, ViewsAreRenamesToo) {
  auto f = LintWith(MakeRenameTable(), "ALTER VIEW active_users RENAME TO current_users;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "view active_users")) << f[0].message;
}

TEST(RenameTable, QuietInARollbackForANewTableAndForOtherRenames) {
  EXPECT_TRUE(
      LintWith(MakeRenameTable(), "ALTER TABLE accounts RENAME TO users;", Rollback()).empty());
  EXPECT_TRUE(
      LintWith(MakeRenameTable(), "CREATE TABLE t (id int); ALTER TABLE t RENAME TO u;").empty());
  EXPECT_TRUE(LintWith(MakeRenameTable(), "ALTER TABLE users RENAME COLUMN a TO b;").empty());
  EXPECT_TRUE(LintWith(MakeRenameTable(), "ALTER INDEX idx_a RENAME TO idx_b;").empty());
}

TEST(RenameTable, AppliesToSqlite) {
  EXPECT_EQ(
      LintWith(MakeRenameTable(), "ALTER TABLE users RENAME TO accounts;", {}, Dialect::kSqlite)
          .size(),
      1u);
  EXPECT_TRUE(
      LintWith(MakeRenameTable(), "ALTER TABLE users RENAME COLUMN a TO b;", {}, Dialect::kSqlite)
          .empty());
}

TEST(RenameColumn, FiresOnAnExistingTableWithItsLock) {
  auto f = LintWith(MakeRenameColumn(), "ALTER TABLE users RENAME COLUMN email TO mail;");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "rename-column");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_TRUE(Mentions(f[0], "email") && Mentions(f[0], "mail") && Mentions(f[0], "users"));
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
}

TEST(RenameColumn, QuietInARollbackForANewTableAndForTableRenames) {
  EXPECT_TRUE(
      LintWith(MakeRenameColumn(), "ALTER TABLE users RENAME COLUMN mail TO email;", Rollback())
          .empty());
  EXPECT_TRUE(LintWith(MakeRenameColumn(),
                       "CREATE TABLE t (id int, a int); ALTER TABLE t RENAME COLUMN a TO b;")
                  .empty());
  EXPECT_TRUE(LintWith(MakeRenameColumn(), "ALTER TABLE users RENAME TO accounts;").empty());
}

TEST(RenameColumn, AppliesToSqlite) {
  auto f = LintWith(MakeRenameColumn(), "ALTER TABLE users RENAME COLUMN email TO mail;", {},
                    Dialect::kSqlite);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "email") && Mentions(f[0], "mail")) << f[0].message;
  EXPECT_EQ(
      LintWith(MakeRenameColumn(), "ALTER TABLE users RENAME email TO mail;", {}, Dialect::kSqlite)
          .size(),
      1u);
  EXPECT_TRUE(LintWith(MakeRenameColumn(),
                       "CREATE TABLE t (id INTEGER, a TEXT); ALTER TABLE t RENAME COLUMN a TO b;",
                       {}, Dialect::kSqlite)
                  .empty());
}

// The column's type before the migration, the type it is changed to, and whether
// that narrows it.
struct NarrowingCase {
  const char* old_type;
  const char* new_type;
  bool fires;
};

TEST(TypeNarrowing, ComparesWithTheKnownType) {
  const NarrowingCase cases[] = {
      {"varchar(20)", "varchar(10)", true},
      {"varchar(10)", "varchar(20)", false},
      {"varchar(10)", "varchar(10)", false},
      {"character varying(40)", "char(8)", true},
      {"text", "varchar(50)", true},
      {"varchar", "varchar(50)", true},
      {"varchar(50)", "text", false},
      {"bpchar", "varchar(5)", false},
      {"int8", "int4", true},
      {"bigint", "smallint", true},
      {"int4", "smallint", true},
      {"int4", "bigint", false},
      {"int2", "int4", false},
      {"int4", "numeric(8,0)", true},
      {"int4", "numeric(12,2)", false},
      {"numeric(10,2)", "numeric(10,1)", true},
      {"numeric(10,2)", "numeric(8,2)", true},
      {"numeric(10,2)", "numeric(10,4)", true},  // fewer integer digits
      {"numeric(10,2)", "numeric(12,2)", false},
      {"numeric(10,2)", "numeric", false},
      {"numeric", "numeric(10,2)", true},
      {"numeric(12,2)", "integer", true},
      {"numeric(9,0)", "integer", false},
      {"float8", "real", true},
      {"double precision", "integer", true},
      {"real", "double precision", false},
      {"timestamptz", "date", true},
      {"timestamp", "date", true},
      {"timestamptz", "time", true},
      {"timestamptz", "timestamp(0) with time zone", true},
      {"timestamp(0)", "timestamp(3)", false},
      {"date", "timestamptz", false},
      {"text", "integer", false},  // a conversion, not a narrowing
      {"text", "jsonb", false},
  };
  for (const NarrowingCase& c : cases) {
    const std::string sql =
        std::string("ALTER TABLE users ALTER COLUMN c TYPE ") + c.new_type + ";";
    auto f = LintWith(MakeTypeNarrowing(), sql, {}, Dialect::kPostgres,
                      {{"users", {{"id", "int8"}, {"c", c.old_type}}}});
    EXPECT_EQ(f.size(), c.fires ? 1u : 0u) << c.old_type << " -> " << c.new_type;
    if (c.fires && !f.empty()) {
      EXPECT_EQ(f[0].rule, "type-narrowing");
      EXPECT_TRUE(Mentions(f[0], std::string("from ") + c.old_type)) << f[0].message;
      EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
      EXPECT_EQ(f[0].lock.table, "users");
    }
  }
}

TEST(TypeNarrowing, FollowsTheColumnThroughThisMigration) {
  // The type with its modifiers, as an earlier statement left it.
  auto f = LintWith(MakeTypeNarrowing(),
                    "ALTER TABLE users ADD COLUMN code varchar(20);\n"
                    "ALTER TABLE users ALTER COLUMN code TYPE varchar(8);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "from varchar(20) to varchar(8)")) << f[0].message;
  EXPECT_TRUE(LintWith(MakeTypeNarrowing(),
                       "ALTER TABLE users ADD COLUMN code varchar(20);\n"
                       "ALTER TABLE users ALTER COLUMN code TYPE varchar(40);")
                  .empty());
}

TEST(TypeNarrowing, UnknownOldTypeFiresOnlyForClearlyNarrowTargets) {
  for (const char* type : {"varchar(10)", "char(2)", "smallint", "integer"}) {
    auto f = LintWith(MakeTypeNarrowing(),
                      std::string("ALTER TABLE orders ALTER COLUMN c TYPE ") + type + ";");
    ASSERT_EQ(f.size(), 1u) << type;
    EXPECT_TRUE(Mentions(f[0], "unknown")) << f[0].message;
  }
  for (const char* type : {"varchar", "text", "bigint", "numeric(10,2)", "date"}) {
    EXPECT_TRUE(LintWith(MakeTypeNarrowing(),
                         std::string("ALTER TABLE orders ALTER COLUMN c TYPE ") + type + ";")
                    .empty())
        << type;
  }
}

// A catalog type whose modifiers are not whole numbers ("varchar(max)", a length
// past int64) is an unknown type: once read as varchar(0).
TEST(TypeNarrowing, ModifiersThatAreNotNumbersMakeTheTypeUnknown) {
  for (const char* old_type :
       {"varchar(max)", "varchar(99999999999999999999999)", "numeric(1x,2)"}) {
    auto f = LintWith(MakeTypeNarrowing(), "ALTER TABLE users ALTER COLUMN c TYPE varchar(10);", {},
                      Dialect::kPostgres, {{"users", {{"c", old_type}}}});
    ASSERT_EQ(f.size(), 1u) << old_type;
    EXPECT_TRUE(Mentions(f[0], "unknown to strata")) << f[0].message;
  }
}

TEST(TypeNarrowing, QuietForANewTableButNotInARollback) {
  EXPECT_TRUE(LintWith(MakeTypeNarrowing(),
                       "CREATE TABLE t (id int, c varchar(20));\n"
                       "ALTER TABLE t ALTER COLUMN c TYPE varchar(10);")
                  .empty());
  // Undoing a widening fails once longer values were written.
  EXPECT_EQ(LintWith(MakeTypeNarrowing(), "ALTER TABLE users ALTER COLUMN c TYPE varchar(10);",
                     Rollback(), Dialect::kPostgres, {{"users", {{"c", "varchar(20)"}}}})
                .size(),
            1u);
}

TEST(TypeNarrowing, OneFindingPerNarrowedColumn) {
  auto f =
      LintWith(MakeTypeNarrowing(),
               "ALTER TABLE users ALTER COLUMN a TYPE int4, ALTER COLUMN b TYPE int8, "
               "ALTER COLUMN c TYPE varchar(5);",
               {}, Dialect::kPostgres, {{"users", {{"a", "int8"}, {"b", "int4"}, {"c", "text"}}}});
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Mentions(f[0], "users.a"));
  EXPECT_TRUE(Mentions(f[1], "users.c"));
}

TEST(DropNotNull, FiresOnAnExistingTable) {
  const std::string sql =
      "ALTER TABLE app.users ALTER COLUMN email DROP NOT NULL, ALTER COLUMN name DROP NOT NULL;";
  auto f = LintWith(MakeDropNotNull(), sql);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "drop-not-null");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].offset, sql.find("app.users"));
  EXPECT_EQ(f[0].lock.mode, "ACCESS EXCLUSIVE");
  EXPECT_TRUE(Mentions(f[0], "app.users.email")) << f[0].message;
  EXPECT_TRUE(Mentions(f[1], "app.users.name")) << f[1].message;
}

TEST(DropNotNull, QuietInARollbackForANewTableAndForOtherColumnChanges) {
  EXPECT_TRUE(
      LintWith(MakeDropNotNull(), "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;", Rollback())
          .empty());
  for (const std::string sql : {
           "CREATE TABLE t (a int NOT NULL); ALTER TABLE t ALTER COLUMN a DROP NOT NULL;",
           "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
           "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;",
           "ALTER DOMAIN email DROP NOT NULL;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeDropNotNull(), sql).empty());
  }
}

TEST(CompatibilityRules, Info) {
  // SQLite has no ALTER COLUMN TYPE, nor ALTER COLUMN DROP NOT NULL.
  EXPECT_FALSE(MakeTypeNarrowing()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_FALSE(MakeDropNotNull()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_EQ(MakeDropNotNull()->info().severity, Severity::kWarning);
  for (auto make : {MakeRenameTable, MakeRenameColumn, MakeTypeNarrowing, MakeDropNotNull}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kCompatibility) << info.id;
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
}

}  // namespace
}  // namespace strata::sql::lint
