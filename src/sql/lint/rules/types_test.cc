// Cases for the type rules: timestamp-without-time-zone, char-type, serial-type,
// int-primary-key, json-type, money-type.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

bool Mentions(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

// One column of each spelling; `n` is how many must fire.
struct TypeCase {
  std::string type;
  size_t n;
};

void ExpectColumnTypes(std::unique_ptr<Rule> (*make)(), const std::vector<TypeCase>& cases) {
  for (const TypeCase& c : cases) {
    SCOPED_TRACE(c.type);
    EXPECT_EQ(
        LintWith(make(), "CREATE TABLE events (id bigint PRIMARY KEY, v " + c.type + ");").size(),
        c.n);
    EXPECT_EQ(LintWith(make(), "ALTER TABLE events ADD COLUMN v " + c.type + ";").size(), c.n);
    EXPECT_EQ(LintWith(make(), "ALTER TABLE events ALTER COLUMN v TYPE " + c.type + ";").size(),
              c.n);
  }
}

TEST(TimestampWithoutTimeZone, FiresOnTimestampOnly) {
  ExpectColumnTypes(MakeTimestampWithoutTimeZone, {{"timestamp", 1},
                                                   {"timestamp(3)", 1},
                                                   {"timestamp without time zone", 1},
                                                   {"timestamp[]", 1},
                                                   {"timestamptz", 0},
                                                   {"timestamp with time zone", 0},
                                                   {"date", 0},
                                                   {"time", 0},
                                                   {"text", 0}});
}

TEST(TimestampWithoutTimeZone, PointsAtTheColumnAndSaysWhatToUse) {
  const std::string sql = "CREATE TABLE events (id bigint PRIMARY KEY, starts_at timestamp);";
  auto f = LintWith(MakeTimestampWithoutTimeZone(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "timestamp-without-time-zone");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].offset, sql.find("starts_at"));
  EXPECT_NE(f[0].message.find("events.starts_at"), std::string::npos);
  EXPECT_NE(f[0].message.find("timestamptz"), std::string::npos);
}

TEST(TimestampWithoutTimeZone, QuietOnTemporaryTablesAndOnSqlite) {
  EXPECT_TRUE(
      LintWith(MakeTimestampWithoutTimeZone(), "CREATE TEMP TABLE t (a timestamp);").empty());
  EXPECT_TRUE(LintWith(MakeTimestampWithoutTimeZone(), "CREATE TABLE t (a timestamp);", {},
                       Dialect::kSqlite)
                  .empty());
}

TEST(CharType, FiresOnBlankPaddedCharOnly) {
  ExpectColumnTypes(MakeCharType, {{"char(3)", 1},
                                   {"character(10)", 1},
                                   {"char", 1},
                                   {"varchar(3)", 0},
                                   {"character varying(3)", 0},
                                   {"text", 0},
                                   {"\"char\"", 0}});
}

TEST(CharType, NamesTheLength) {
  auto f = LintWith(MakeCharType(), "CREATE TABLE countries (code char(2) PRIMARY KEY);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("char(2)"), std::string::npos);
  EXPECT_NE(f[0].message.find("varchar(2)"), std::string::npos);
}

TEST(SerialType, FiresOnEverySerialSpelling) {
  ExpectColumnTypes(MakeSerialType, {{"serial", 1},
                                     {"bigserial", 1},
                                     {"smallserial", 1},
                                     {"serial4", 1},
                                     {"serial8", 1},
                                     {"serial2", 1},
                                     {"bigint", 0},
                                     {"int", 0}});
}

TEST(SerialType, QuietOnIdentityColumnsAndSuggestsThem) {
  EXPECT_TRUE(LintWith(MakeSerialType(),
                       "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);")
                  .empty());
  auto f = LintWith(MakeSerialType(), "CREATE TABLE users (id bigserial PRIMARY KEY);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("bigint GENERATED ALWAYS AS IDENTITY"), std::string::npos);
}

TEST(JsonType, FiresOnJsonNotJsonb) {
  ExpectColumnTypes(MakeJsonType, {{"json", 1}, {"json[]", 1}, {"jsonb", 0}, {"text", 0}});
}

TEST(MoneyType, FiresOnMoneyNotNumeric) {
  ExpectColumnTypes(MakeMoneyType, {{"money", 1}, {"numeric(19, 4)", 0}, {"bigint", 0}});
}

TEST(TypeRules, OneFindingPerColumn) {
  auto f = LintWith(MakeJsonType(),
                    "CREATE TABLE events (id bigint PRIMARY KEY, a json, b jsonb, c json);"
                    "ALTER TABLE events ADD COLUMN d json, ADD COLUMN e jsonb;");
  EXPECT_EQ(f.size(), 3u);
}

TEST(EnumValueNotAtEnd, FiresOnBeforeAndAfter) {
  const std::string sql =
      "ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'sad';\n"
      "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok' AFTER 'meh';";
  auto f = LintWith(MakeEnumValueNotAtEnd(), sql);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "enum-value-not-at-end");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].offset, 0u);
  EXPECT_TRUE(Mentions(f[0], "'meh' to enum app.mood before 'sad'")) << f[0].message;
  EXPECT_EQ(f[1].offset, sql.rfind("ALTER"));
  EXPECT_TRUE(Mentions(f[1], "'ok' to enum mood after 'meh'")) << f[1].message;
  // In a transactional migration the message adds that the value waits for the commit.
  EXPECT_TRUE(Mentions(f[0], "commits"));
  ScriptOptions no_transaction;
  no_transaction.transactional = false;
  auto g = LintWith(MakeEnumValueNotAtEnd(), sql, no_transaction);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_FALSE(Mentions(g[0], "commits")) << g[0].message;
}

TEST(EnumValueNotAtEnd, QuietWhenAppendingOrRenaming) {
  for (const std::string sql : {
           "ALTER TYPE mood ADD VALUE 'meh';",
           "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';",
           "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';",
           "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');",
           "ALTER TYPE mood RENAME TO feeling;",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeEnumValueNotAtEnd(), sql).empty());
  }
}

TEST(TypeRules, PostgresOnly) {
  for (auto make : {MakeTimestampWithoutTimeZone, MakeCharType, MakeSerialType, MakeIntPrimaryKey,
                    MakeJsonType, MakeMoneyType, MakeEnumValueNotAtEnd}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kTypes) << info.id;
    EXPECT_EQ(info.severity, Severity::kWarning) << info.id;
    EXPECT_TRUE(info.dialects.contains(Dialect::kPostgres)) << info.id;
    EXPECT_FALSE(info.dialects.contains(Dialect::kSqlite)) << info.id;
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
}

TEST(IntPrimaryKey, FiresOnColumnLevelKeysOf32And16Bits) {
  for (const char* type : {"int", "integer", "int4", "serial", "smallint", "smallserial"}) {
    SCOPED_TRACE(type);
    auto f = LintWith(MakeIntPrimaryKey(),
                      std::string("CREATE TABLE users (id ") + type + " PRIMARY KEY, n int);");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_NE(f[0].message.find("users.id"), std::string::npos);
    EXPECT_NE(f[0].message.find("bigint"), std::string::npos);
  }
  EXPECT_EQ(LintWith(MakeIntPrimaryKey(),
                     "CREATE TABLE users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);")
                .size(),
            1u);
  EXPECT_EQ(
      LintWith(MakeIntPrimaryKey(), "ALTER TABLE users ADD COLUMN id serial PRIMARY KEY;").size(),
      1u);
}

TEST(IntPrimaryKey, QuietOnBigintAndOtherKeyTypes) {
  for (const char* type : {"bigint", "bigserial", "int8", "uuid", "text"}) {
    SCOPED_TRACE(type);
    EXPECT_TRUE(LintWith(MakeIntPrimaryKey(),
                         std::string("CREATE TABLE users (id ") + type + " PRIMARY KEY, n int);")
                    .empty());
  }
  // An int column that is not the key.
  EXPECT_TRUE(
      LintWith(MakeIntPrimaryKey(), "CREATE TABLE users (id bigint PRIMARY KEY, age int UNIQUE);")
          .empty());
}

TEST(IntPrimaryKey, FiresOnASingleColumnTableLevelKey) {
  const std::string sql =
      "CREATE TABLE users (id int NOT NULL, CONSTRAINT pk_users PRIMARY KEY (id));";
  auto f = LintWith(MakeIntPrimaryKey(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].offset, sql.find("CONSTRAINT"));
  EXPECT_TRUE(
      LintWith(MakeIntPrimaryKey(), "CREATE TABLE users (id bigint, PRIMARY KEY (id));").empty());
}

TEST(IntPrimaryKey, InACompositeKeyOnlyGeneratedColumnsCount) {
  // A join table's key columns reference other tables' keys: judged there.
  EXPECT_TRUE(
      LintWith(
          MakeIntPrimaryKey(),
          "CREATE TABLE user_roles (user_id int, role_id int, PRIMARY KEY (user_id, role_id));")
          .empty());
  // A generated column in a composite key (a partitioned table's id, say) runs out all the same.
  EXPECT_EQ(LintWith(MakeIntPrimaryKey(),
                     "CREATE TABLE events (id serial, day date, PRIMARY KEY (id, day));")
                .size(),
            1u);
  EXPECT_EQ(LintWith(MakeIntPrimaryKey(),
                     "CREATE TABLE events (id int GENERATED BY DEFAULT AS IDENTITY, day date, "
                     "PRIMARY KEY (id, day));")
                .size(),
            1u);
}

TEST(IntPrimaryKey, AddPrimaryKeyLooksUpTheColumnType) {
  const std::map<std::string, std::map<std::string, std::string>> before = {
      {"users", {{"id", "int4"}}}, {"accounts", {{"id", "int8"}}}};
  EXPECT_EQ(LintWith(MakeIntPrimaryKey(), "ALTER TABLE users ADD PRIMARY KEY (id);", {},
                     Dialect::kPostgres, before)
                .size(),
            1u);
  EXPECT_TRUE(LintWith(MakeIntPrimaryKey(), "ALTER TABLE accounts ADD PRIMARY KEY (id);", {},
                       Dialect::kPostgres, before)
                  .empty());
  // A column added by the same statement, and one created earlier in the migration.
  EXPECT_EQ(LintWith(MakeIntPrimaryKey(),
                     "ALTER TABLE things ADD COLUMN id int NOT NULL, ADD PRIMARY KEY (id);")
                .size(),
            1u);
  EXPECT_EQ(
      LintWith(MakeIntPrimaryKey(),
               "CREATE TABLE things (id int NOT NULL); ALTER TABLE things ADD PRIMARY KEY (id);")
          .size(),
      1u);
  // A table strata knows nothing about: the type is unknown, so nothing to say.
  EXPECT_TRUE(LintWith(MakeIntPrimaryKey(), "ALTER TABLE unknown ADD PRIMARY KEY (id);").empty());
}

TEST(IntPrimaryKey, QuietOnTemporaryTables) {
  EXPECT_TRUE(LintWith(MakeIntPrimaryKey(), "CREATE TEMP TABLE t (id int PRIMARY KEY);").empty());
}

}  // namespace
}  // namespace strata::sql::lint
