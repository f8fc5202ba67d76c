// Cases for the constraint rules: table-without-primary-key, foreign-key-without-index.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;

TEST(TableWithoutPrimaryKey, FiresOnATableWithoutAKey) {
  auto f =
      LintWith(MakeTableWithoutPrimaryKey(), "CREATE TABLE events (id bigint, name text UNIQUE);");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "table-without-primary-key");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_NE(f[0].message.find("events"), std::string::npos);
}

TEST(TableWithoutPrimaryKey, QuietWithAColumnOrTableLevelKey) {
  EXPECT_TRUE(LintWith(MakeTableWithoutPrimaryKey(), "CREATE TABLE users (id bigint PRIMARY KEY);")
                  .empty());
  EXPECT_TRUE(LintWith(MakeTableWithoutPrimaryKey(),
                       "CREATE TABLE user_roles (user_id bigint, role_id bigint, "
                       "CONSTRAINT pk_user_roles PRIMARY KEY (user_id, role_id));")
                  .empty());
}

TEST(TableWithoutPrimaryKey, SkipsPartitionsTemporaryTablesAndLike) {
  EXPECT_TRUE(
      LintWith(MakeTableWithoutPrimaryKey(),
               "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') "
               "TO ('2025-01-01');")
          .empty());
  EXPECT_TRUE(LintWith(MakeTableWithoutPrimaryKey(), "CREATE TEMP TABLE scratch (a int);").empty());
  EXPECT_TRUE(
      LintWith(MakeTableWithoutPrimaryKey(), "CREATE TABLE users_copy (LIKE users INCLUDING ALL);")
          .empty());
}

TEST(TableWithoutPrimaryKey, ASinglePartitionedParentStillNeedsOne) {
  EXPECT_EQ(LintWith(MakeTableWithoutPrimaryKey(),
                     "CREATE TABLE events (id bigint, day date) PARTITION BY RANGE (day);")
                .size(),
            1u);
}

TEST(TableWithoutPrimaryKey, AppliesToSqlite) {
  EXPECT_EQ(LintWith(MakeTableWithoutPrimaryKey(), "CREATE TABLE events (id integer, name text);",
                     {}, Dialect::kSqlite)
                .size(),
            1u);
  EXPECT_TRUE(LintWith(MakeTableWithoutPrimaryKey(), "CREATE TABLE users (id INTEGER PRIMARY KEY);",
                       {}, Dialect::kSqlite)
                  .empty());
  EXPECT_TRUE(
      LintWith(
          MakeTableWithoutPrimaryKey(),
          "CREATE TABLE user_roles (user_id int, role_id int, PRIMARY KEY (user_id, role_id));", {},
          Dialect::kSqlite)
          .empty());
  EXPECT_TRUE(
      LintWith(MakeTableWithoutPrimaryKey(), "CREATE TEMP TABLE t (a int);", {}, Dialect::kSqlite)
          .empty());
}

// Known limitation: the rule judges the CREATE TABLE as it stands, so a key that a
// later ALTER TABLE of the same migration adds (pg_dump's style) is not seen. Enable
// once Context lets Finish() see the tables created here with their statement offsets.
TEST(TableWithoutPrimaryKey, QuietWhenALaterStatementAddsTheKey) {
  EXPECT_TRUE(LintWith(MakeTableWithoutPrimaryKey(),
                       "CREATE TABLE users (id bigint NOT NULL);"
                       "ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);")
                  .empty());
}

const std::map<std::string, std::map<std::string, std::string>> kUsersAndOrders = {
    {"users", {{"id", "int8"}}}, {"orders", {{"id", "int8"}, {"user_id", "int8"}}}};

TEST(ForeignKeyWithoutIndex, FiresOnEachWayToDeclareAForeignKey) {
  struct Case {
    const char* sql;
    const char* at;  // what the finding points at
  };
  const Case cases[] = {
      {"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));",
       "REFERENCES users"},
      {"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, "
       "CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) REFERENCES users (id));",
       "CONSTRAINT fk_orders_user_id"},
      {"CREATE TABLE orders (id bigint PRIMARY KEY); "
       "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);",
       "user_id bigint REFERENCES"},
      {"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint); "
       "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) REFERENCES users "
       "(id);",
       "CONSTRAINT fk_orders_user_id"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    auto f = LintWith(MakeForeignKeyWithoutIndex(), c.sql);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "foreign-key-without-index");
    EXPECT_NE(f[0].message.find("(user_id)"), std::string::npos);
    EXPECT_EQ(std::string(c.sql).find(c.at), f[0].offset);
  }
}

TEST(ForeignKeyWithoutIndex, FiresOnAnExistingTable) {
  auto f = LintWith(MakeForeignKeyWithoutIndex(),
                    "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) "
                    "REFERENCES users (id) NOT VALID;",
                    {}, Dialect::kPostgres, kUsersAndOrders);
  EXPECT_EQ(f.size(), 1u);
}

TEST(ForeignKeyWithoutIndex, QuietWhenAnIndexCreatedLaterInTheMigrationLeadsWithTheColumns) {
  EXPECT_TRUE(
      LintWith(MakeForeignKeyWithoutIndex(),
               "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));"
               "CREATE INDEX idx_orders_user_id ON orders (user_id);")
          .empty());
  EXPECT_TRUE(LintWith(MakeForeignKeyWithoutIndex(),
                       "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) "
                       "REFERENCES users (id) NOT VALID;"
                       "CREATE INDEX CONCURRENTLY idx_orders_user_id_created_at ON orders "
                       "(user_id, created_at);",
                       {}, Dialect::kPostgres, kUsersAndOrders)
                  .empty());
}

TEST(ForeignKeyWithoutIndex, QuietWhenAKeyOrUniqueConstraintLeadsWithTheColumns) {
  EXPECT_TRUE(LintWith(MakeForeignKeyWithoutIndex(),
                       "CREATE TABLE user_roles (user_id bigint REFERENCES users (id), "
                       "role_id bigint REFERENCES roles (id), PRIMARY KEY (user_id, role_id));"
                       "CREATE INDEX idx_user_roles_role_id ON user_roles (role_id);")
                  .empty());
  EXPECT_TRUE(LintWith(MakeForeignKeyWithoutIndex(),
                       "CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint UNIQUE "
                       "REFERENCES users (id));")
                  .empty());
  // A multi-column key served by an index on the same columns in another order.
  EXPECT_TRUE(LintWith(MakeForeignKeyWithoutIndex(),
                       "CREATE TABLE lines (id bigint PRIMARY KEY, a int, b int, "
                       "FOREIGN KEY (a, b) REFERENCES parents (a, b));"
                       "CREATE INDEX idx_lines_b_a ON lines (b, a, id);")
                  .empty());
}

TEST(ForeignKeyWithoutIndex, FiresWhenTheColumnsAreNotLeading) {
  // user_id is the second column of the only index.
  EXPECT_EQ(LintWith(MakeForeignKeyWithoutIndex(),
                     "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users "
                     "(id), day date);"
                     "CREATE INDEX idx_orders_day_user_id ON orders (day, user_id);")
                .size(),
            1u);
  // The second foreign key of the join table has no index of its own.
  EXPECT_EQ(LintWith(MakeForeignKeyWithoutIndex(),
                     "CREATE TABLE user_roles (user_id bigint REFERENCES users (id), "
                     "role_id bigint REFERENCES roles (id), PRIMARY KEY (user_id, role_id));")
                .size(),
            1u);
  // An index on another table does not count.
  EXPECT_EQ(
      LintWith(MakeForeignKeyWithoutIndex(),
               "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));"
               "CREATE INDEX idx_users_id ON users (id);")
          .size(),
      1u);
}

TEST(ForeignKeyWithoutIndex, QuietOnTablesStrataCannotSeeOrThatAreDroppedAgain) {
  EXPECT_TRUE(
      LintWith(MakeForeignKeyWithoutIndex(),
               "ALTER TABLE unknown ADD CONSTRAINT fk_unknown_user_id FOREIGN KEY (user_id) "
               "REFERENCES users (id);")
          .empty());
  EXPECT_TRUE(LintWith(MakeForeignKeyWithoutIndex(),
                       "CREATE TABLE tmp (user_id bigint REFERENCES users (id)); DROP TABLE tmp;")
                  .empty());
}

TEST(ForeignKeyWithoutIndex, SuppressedForTheWholeFile) {
  EXPECT_TRUE(
      LintWith(MakeForeignKeyWithoutIndex(),
               "-- strata:lint-ignore-file foreign-key-without-index the table stays tiny\n"
               "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));")
          .empty());
}

TEST(ConstraintRules, Info) {
  for (auto make : {MakeTableWithoutPrimaryKey, MakeForeignKeyWithoutIndex}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kConstraints) << info.id;
    EXPECT_EQ(info.severity, Severity::kWarning) << info.id;
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
  EXPECT_TRUE(MakeTableWithoutPrimaryKey()->info().dialects.contains(Dialect::kSqlite));
  EXPECT_FALSE(MakeForeignKeyWithoutIndex()->info().dialects.contains(Dialect::kSqlite));
}

}  // namespace
}  // namespace strata::sql::lint
