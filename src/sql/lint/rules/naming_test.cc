// Cases for the naming rules: naming-snake-case, naming-plural-tables,
// naming-index-prefix, naming-constraint-prefix, naming-timestamp-suffix,
// naming-boolean-prefix, identifier-too-long.
#include <gtest/gtest.h>

#include "sql/lint/lint_test_util.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

using testing::LintWith;
using Before = std::map<std::string, std::map<std::string, std::string>>;

// Findings of `rule` on `sql` under the naming conventions `naming`.
std::vector<Finding> WithNaming(std::unique_ptr<Rule> rule, const std::string& sql,
                                NamingOptions naming, Dialect dialect = Dialect::kPostgres,
                                const Before& before = {}) {
  LintOptions options;
  options.naming = std::move(naming);
  return LintWith(std::move(rule), sql, {}, dialect, before, std::move(options));
}

// The one finding of `rule` on `sql`, or a failure.
Finding One(std::unique_ptr<Rule> rule, const std::string& sql,
            Dialect dialect = Dialect::kPostgres, const Before& before = {}) {
  auto f = LintWith(std::move(rule), sql, {}, dialect, before);
  EXPECT_EQ(f.size(), 1u) << sql;
  return f.empty() ? Finding{} : f[0];
}

bool Says(const Finding& f, const std::string& text) {
  return f.message.find(text) != std::string::npos;
}

// naming-snake-case

TEST(NamingSnakeCase, FiresOnQuotedNamesWithCapitalsOrSpaces) {
  const Finding f =
      One(MakeNamingSnakeCase(), "CREATE TABLE \"UserAccounts\" (id bigint PRIMARY KEY);");
  EXPECT_EQ(f.rule, "naming-snake-case");
  EXPECT_TRUE(Says(f, "table UserAccounts")) << f.message;
  EXPECT_TRUE(Says(f, "name it user_accounts")) << f.message;
  EXPECT_TRUE(Says(One(MakeNamingSnakeCase(), "CREATE TABLE users (\"first name\" text);"),
                   "name it first_name"));
  EXPECT_TRUE(Says(One(MakeNamingSnakeCase(), "CREATE TABLE users (\"HTTPServer\" text);"),
                   "name it http_server"));
}

TEST(NamingSnakeCase, FiresOnUnquotedCamelCaseThatPostgresFolds) {
  const std::string sql = "CREATE TABLE users (id bigint PRIMARY KEY, createdAt timestamptz);";
  const Finding f = One(MakeNamingSnakeCase(), sql);
  EXPECT_EQ(f.offset, sql.find("createdAt"));
  EXPECT_TRUE(Says(f, "column createdAt")) << f.message;
  EXPECT_TRUE(Says(f, "name it created_at")) << f.message;
  EXPECT_TRUE(Says(One(MakeNamingSnakeCase(), "CREATE TABLE UserAccounts (id bigint);"),
                   "name it user_accounts"));
}

TEST(NamingSnakeCase, FindsTheCamelCaseSpellingAfterTheFoldedOne) {
  // "createdat" appears first as part of the table name, spelled as stored.
  const std::string sql = "CREATE TABLE createdat_log (id bigint, createdAt timestamptz);";
  const Finding f = One(MakeNamingSnakeCase(), sql);
  EXPECT_EQ(f.offset, sql.find("createdAt"));
  EXPECT_TRUE(Says(f, "column createdAt")) << f.message;
}

TEST(NamingSnakeCase, QuietOnSnakeCaseAndOnMereCapitalisation) {
  EXPECT_TRUE(
      LintWith(MakeNamingSnakeCase(),
               "CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint, sku2 text,"
               " CONSTRAINT fk_order_items_order_id FOREIGN KEY (order_id) REFERENCES orders (id));"
               "CREATE INDEX idx_order_items_order_id ON order_items (order_id);"
               "CREATE TABLE _prisma_migrations (id text PRIMARY KEY);")
          .empty());
  // Unquoted capitals that fold to a snake_case name lose no word boundary.
  EXPECT_TRUE(
      LintWith(MakeNamingSnakeCase(), "CREATE TABLE Users (ID bigint, USER_ID bigint);").empty());
  // Temporary tables never reach the schema.
  EXPECT_TRUE(
      LintWith(MakeNamingSnakeCase(), "CREATE TEMP TABLE \"Scratch\" (\"A\" int);").empty());
}

TEST(NamingSnakeCase, ChecksEveryNameAStatementIntroduces) {
  EXPECT_EQ(LintWith(MakeNamingSnakeCase(),
                     "CREATE TABLE orders (id bigint, \"userId\" bigint CONSTRAINT \"FkUser\" "
                     "REFERENCES users,"
                     " CONSTRAINT \"PK\" PRIMARY KEY (id));")
                .size(),
            3u);
  EXPECT_EQ(LintWith(MakeNamingSnakeCase(),
                     "ALTER TABLE orders ADD COLUMN \"Total\" numeric, "
                     "ADD CONSTRAINT \"CkTotal\" CHECK (\"Total\" > 0);")
                .size(),
            2u);
  EXPECT_EQ(LintWith(MakeNamingSnakeCase(), "CREATE INDEX \"IdxOrders\" ON orders (id);").size(),
            1u);
  EXPECT_EQ(LintWith(MakeNamingSnakeCase(), "ALTER TABLE orders RENAME COLUMN total TO orderTotal;")
                .size(),
            1u);
  EXPECT_EQ(LintWith(MakeNamingSnakeCase(), "ALTER TABLE orders RENAME TO \"Orders\";").size(), 1u);
  EXPECT_EQ(LintWith(MakeNamingSnakeCase(), "ALTER INDEX idx_a RENAME TO \"IdxA\";").size(), 1u);
  EXPECT_EQ(
      LintWith(MakeNamingSnakeCase(), "ALTER TABLE orders RENAME CONSTRAINT a TO \"B\";").size(),
      1u);
  // Names the statement only refers to are not its to fix.
  EXPECT_TRUE(LintWith(MakeNamingSnakeCase(), "ALTER TABLE \"LegacyOrders\" ADD COLUMN note text;")
                  .empty());
}

TEST(NamingSnakeCase, AppliesToSqlite) {
  EXPECT_TRUE(Says(One(MakeNamingSnakeCase(), "CREATE TABLE UserAccounts (id integer PRIMARY KEY);",
                       Dialect::kSqlite),
                   "name it user_accounts"));
  EXPECT_EQ(
      LintWith(MakeNamingSnakeCase(),
               "CREATE TABLE users (id integer, `lastName` text, [Age] int);", {}, Dialect::kSqlite)
          .size(),
      2u);
  EXPECT_TRUE(LintWith(MakeNamingSnakeCase(),
                       "CREATE TABLE users (id integer PRIMARY KEY, last_name text);", {},
                       Dialect::kSqlite)
                  .empty());
}

// naming-plural-tables

TEST(NamingPluralTables, FiresOnSingularNamesAndSuggestsAPlural) {
  const std::pair<const char*, const char*> cases[] = {
      {"account", "accounts"},  {"user_role", "user_roles"},   {"category", "categories"},
      {"status", "statuses"},   {"address", "addresses"},      {"analysis", "analyses"},
      {"tax_box", "tax_boxes"}, {"event_2024", "events_2024"},
  };
  for (const auto& [name, plural] : cases) {
    const Finding f =
        One(MakeNamingPluralTables(), std::string("CREATE TABLE ") + name + " (id bigint);");
    EXPECT_EQ(f.rule, "naming-plural-tables");
    EXPECT_TRUE(Says(f, std::string("name it ") + plural)) << f.message;
  }
  EXPECT_EQ(LintWith(MakeNamingPluralTables(), "ALTER TABLE users RENAME TO person;").size(), 1u);
}

TEST(NamingPluralTables, QuietOnPluralsIrregularPluralsAndCollectives) {
  for (const char* name :
       {"users", "order_items", "categories", "addresses", "statuses", "data", "metadata", "people",
        "children", "media", "series", "news", "menus", "staff", "events_2024_01", "Users"}) {
    EXPECT_TRUE(
        LintWith(MakeNamingPluralTables(), std::string("CREATE TABLE ") + name + " (id bigint);")
            .empty())
        << name;
  }
}

TEST(NamingPluralTables, SkipsPartitionsAndTemporaryTables) {
  EXPECT_TRUE(LintWith(MakeNamingPluralTables(),
                       "CREATE TABLE events_y2024 PARTITION OF events FOR VALUES FROM (1) TO (2);")
                  .empty());
  EXPECT_TRUE(LintWith(MakeNamingPluralTables(), "CREATE TEMP TABLE scratch (a int);").empty());
}

TEST(NamingPluralTables, AppliesToSqlite) {
  EXPECT_EQ(LintWith(MakeNamingPluralTables(), "CREATE TABLE user (id integer PRIMARY KEY);", {},
                     Dialect::kSqlite)
                .size(),
            1u);
  EXPECT_TRUE(LintWith(MakeNamingPluralTables(), "CREATE TABLE users (id integer PRIMARY KEY);", {},
                       Dialect::kSqlite)
                  .empty());
}

// naming-index-prefix

TEST(NamingIndexPrefix, FiresOnAMissingOrWrongPrefix) {
  const Finding f = One(MakeNamingIndexPrefix(), "CREATE INDEX users_email_idx ON users (email);");
  EXPECT_EQ(f.rule, "naming-index-prefix");
  EXPECT_TRUE(Says(f, "idx_users_email")) << f.message;
  // A unique index wants the unique prefix.
  EXPECT_TRUE(
      Says(One(MakeNamingIndexPrefix(), "CREATE UNIQUE INDEX idx_users_email ON users (email);"),
           "uq_users_email"));
  EXPECT_EQ(
      LintWith(MakeNamingIndexPrefix(), "CREATE INDEX uq_users_email ON users (email);").size(),
      1u);
  EXPECT_EQ(LintWith(MakeNamingIndexPrefix(), "ALTER INDEX idx_users_email RENAME TO users_email;")
                .size(),
            1u);
}

TEST(NamingIndexPrefix, FiresOnUnnamedIndexes) {
  const Finding f = One(MakeNamingIndexPrefix(), "CREATE INDEX ON orders (user_id, created_at);");
  EXPECT_TRUE(Says(f, "unnamed index")) << f.message;
  EXPECT_TRUE(Says(f, "idx_orders_user_id_created_at")) << f.message;
}

TEST(NamingIndexPrefix, QuietOnPrefixedNames) {
  EXPECT_TRUE(LintWith(MakeNamingIndexPrefix(),
                       "CREATE INDEX idx_users_email ON users (email);"
                       "CREATE UNIQUE INDEX CONCURRENTLY uq_users_email ON users (email);"
                       "ALTER INDEX idx_a RENAME TO uq_a;")
                  .empty());
}

TEST(NamingIndexPrefix, FollowsTheConfiguredPrefixes) {
  NamingOptions naming;
  naming.index_prefix = "ix_";
  naming.unique_prefix = "uidx_";
  EXPECT_TRUE(WithNaming(MakeNamingIndexPrefix(),
                         "CREATE INDEX ix_users_email ON users (email);"
                         "CREATE UNIQUE INDEX uidx_users_email ON users (email);",
                         naming)
                  .empty());
  EXPECT_EQ(
      WithNaming(MakeNamingIndexPrefix(), "CREATE INDEX idx_users_email ON users (email);", naming)
          .size(),
      1u);
  // An empty prefix turns its check off.
  naming.index_prefix.clear();
  EXPECT_TRUE(
      WithNaming(MakeNamingIndexPrefix(), "CREATE INDEX users_email ON users (email);", naming)
          .empty());
  EXPECT_EQ(WithNaming(MakeNamingIndexPrefix(), "CREATE UNIQUE INDEX users_email ON users (email);",
                       naming)
                .size(),
            1u);
}

TEST(NamingIndexPrefix, AppliesToSqlite) {
  EXPECT_EQ(LintWith(MakeNamingIndexPrefix(), "CREATE UNIQUE INDEX users_email ON users (email);",
                     {}, Dialect::kSqlite)
                .size(),
            1u);
  EXPECT_TRUE(LintWith(MakeNamingIndexPrefix(),
                       "CREATE INDEX IF NOT EXISTS idx_users_email ON users (email);", {},
                       Dialect::kSqlite)
                  .empty());
}

// naming-constraint-prefix

TEST(NamingConstraintPrefix, FiresOnNamedConstraintsWithoutTheirPrefix) {
  const std::string sql =
      "CREATE TABLE orders (id bigint, user_id bigint CONSTRAINT orders_user_fk REFERENCES users,"
      " total numeric, CONSTRAINT orders_pkey PRIMARY KEY (id),"
      " CONSTRAINT positive_total CHECK (total > 0), CONSTRAINT orders_user_key UNIQUE (user_id));";
  auto f = LintWith(MakeNamingConstraintPrefix(), sql);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].rule, "naming-constraint-prefix");
  EXPECT_TRUE(Says(f[0], "foreign key orders_user_fk")) << f[0].message;
  EXPECT_TRUE(Says(f[0], "fk_")) << f[0].message;
  EXPECT_TRUE(Says(f[1], "pk_")) << f[1].message;
  EXPECT_TRUE(Says(f[2], "ck_")) << f[2].message;
  EXPECT_TRUE(Says(f[3], "uq_")) << f[3].message;
  EXPECT_EQ(f[1].offset, sql.find("CONSTRAINT orders_pkey"));
}

TEST(NamingConstraintPrefix, ChecksAlterTable) {
  EXPECT_EQ(LintWith(MakeNamingConstraintPrefix(),
                     "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
                     "REFERENCES users (id) NOT VALID;")
                .size(),
            1u);
  EXPECT_EQ(
      LintWith(MakeNamingConstraintPrefix(),
               "ALTER TABLE orders ADD COLUMN user_id bigint CONSTRAINT user_ref REFERENCES users;")
          .size(),
      1u);
  EXPECT_EQ(LintWith(MakeNamingConstraintPrefix(),
                     "ALTER TABLE orders RENAME CONSTRAINT ck_a TO a_check;")
                .size(),
            1u);
  EXPECT_TRUE(
      LintWith(MakeNamingConstraintPrefix(), "ALTER TABLE orders RENAME CONSTRAINT a TO ck_a;")
          .empty());
}

TEST(NamingConstraintPrefix, QuietOnUnnamedAndPrefixedConstraints) {
  EXPECT_TRUE(
      LintWith(MakeNamingConstraintPrefix(),
               "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users,"
               " total numeric CHECK (total > 0), UNIQUE (user_id), CHECK (total < 1e9));"
               "CREATE TABLE items (id bigint, order_id bigint, total numeric,"
               " CONSTRAINT pk_items PRIMARY KEY (id),"
               " CONSTRAINT fk_items_order_id FOREIGN KEY (order_id) REFERENCES orders (id),"
               " CONSTRAINT ck_items_total_positive CHECK (total > 0),"
               " CONSTRAINT uq_items_order_id UNIQUE (order_id),"
               " CONSTRAINT no_overlap EXCLUDE USING gist (order_id WITH =));")
          .empty());
}

TEST(NamingConstraintPrefix, FollowsTheConfiguredPrefixes) {
  NamingOptions naming;
  naming.foreign_key_prefix = "fkey_";
  naming.check_prefix.clear();  // off
  const std::string sql =
      "ALTER TABLE orders ADD CONSTRAINT fkey_orders_user_id FOREIGN KEY (user_id) REFERENCES "
      "users (id),"
      " ADD CONSTRAINT positive CHECK (total > 0);";
  EXPECT_TRUE(WithNaming(MakeNamingConstraintPrefix(), sql, naming).empty());
  EXPECT_EQ(LintWith(MakeNamingConstraintPrefix(), sql).size(), 2u);
}

// naming-timestamp-suffix

TEST(NamingTimestampSuffix, FiresOnTimestampsWithoutTheSuffix) {
  const std::string sql =
      "CREATE TABLE events (id bigint, created timestamptz, updated_time timestamp);";
  auto f = LintWith(MakeNamingTimestampSuffix(), sql);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule, "naming-timestamp-suffix");
  EXPECT_EQ(f[0].offset, sql.find("created"));
  EXPECT_TRUE(Says(f[0], "name it created_at")) << f[0].message;
  EXPECT_TRUE(Says(f[1], "name it updated_at")) << f[1].message;
  EXPECT_EQ(
      LintWith(MakeNamingTimestampSuffix(), "ALTER TABLE events ADD COLUMN archived timestamptz;")
          .size(),
      1u);
}

TEST(NamingTimestampSuffix, FiresOnARenameThatDropsTheSuffix) {
  const Before before = {{"events", {{"created_at", "timestamptz"}, {"name", "text"}}}};
  EXPECT_EQ(LintWith(MakeNamingTimestampSuffix(),
                     "ALTER TABLE events RENAME COLUMN created_at TO created;", {},
                     Dialect::kPostgres, before)
                .size(),
            1u);
  EXPECT_TRUE(LintWith(MakeNamingTimestampSuffix(),
                       "ALTER TABLE events RENAME COLUMN name TO title;", {}, Dialect::kPostgres,
                       before)
                  .empty());
}

TEST(NamingTimestampSuffix, QuietOnSuffixedNamesDatesAndOtherTypes) {
  EXPECT_TRUE(
      LintWith(
          MakeNamingTimestampSuffix(),
          "CREATE TABLE events (id bigint, created_at timestamptz, starts_at timestamp,"
          " birth_date date, opens time, reminders timestamptz[], created text);"
          "ALTER TABLE events ALTER COLUMN created TYPE timestamptz USING created::timestamptz;")
          .empty());
}

TEST(NamingTimestampSuffix, FollowsTheConfiguredSuffix) {
  NamingOptions naming;
  naming.timestamp_suffix = "_ts";
  EXPECT_TRUE(WithNaming(MakeNamingTimestampSuffix(),
                         "CREATE TABLE events (created_ts timestamptz);", naming)
                  .empty());
  auto f = WithNaming(MakeNamingTimestampSuffix(), "CREATE TABLE events (created_at timestamptz);",
                      naming);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0], "name it created_ts")) << f[0].message;
  naming.timestamp_suffix.clear();
  EXPECT_TRUE(
      WithNaming(MakeNamingTimestampSuffix(), "CREATE TABLE events (created timestamptz);", naming)
          .empty());
}

TEST(NamingTimestampSuffix, AppliesToSqlite) {
  EXPECT_EQ(
      LintWith(MakeNamingTimestampSuffix(),
               "CREATE TABLE events (id integer PRIMARY KEY, created DATETIME, updated TIMESTAMP,"
               " created_at DATETIME, day DATE);",
               {}, Dialect::kSqlite)
          .size(),
      2u);
  EXPECT_EQ(LintWith(MakeNamingTimestampSuffix(), "ALTER TABLE events ADD COLUMN seen datetime;",
                     {}, Dialect::kSqlite)
                .size(),
            1u);
}

// naming-boolean-prefix

TEST(NamingBooleanPrefix, FiresOnBooleansWithoutAPrefix) {
  const Finding f =
      One(MakeNamingBooleanPrefix(), "CREATE TABLE users (id bigint, active boolean);");
  EXPECT_EQ(f.rule, "naming-boolean-prefix");
  EXPECT_TRUE(Says(f, "users.active")) << f.message;
  EXPECT_TRUE(Says(f, "is_ or has_")) << f.message;
  EXPECT_TRUE(Says(f, "is_active")) << f.message;
  EXPECT_EQ(LintWith(MakeNamingBooleanPrefix(),
                     "ALTER TABLE users ADD COLUMN verified bool DEFAULT false;")
                .size(),
            1u);
  EXPECT_EQ(
      LintWith(MakeNamingBooleanPrefix(), "ALTER TABLE users RENAME COLUMN is_admin TO admin;", {},
               Dialect::kPostgres, {{"users", {{"is_admin", "bool"}}}})
          .size(),
      1u);
}

TEST(NamingBooleanPrefix, QuietOnPrefixedBooleansAndOtherTypes) {
  EXPECT_TRUE(
      LintWith(MakeNamingBooleanPrefix(),
               "CREATE TABLE users (id bigint, is_active boolean, has_discount bool, active text,"
               " flags bool[]);")
          .empty());
}

TEST(NamingBooleanPrefix, FollowsTheConfiguredPrefixes) {
  NamingOptions naming;
  naming.boolean_prefixes = {"is_", "has_", "can_", "should_"};
  EXPECT_TRUE(
      WithNaming(MakeNamingBooleanPrefix(), "CREATE TABLE users (can_edit boolean);", naming)
          .empty());
  EXPECT_EQ(LintWith(MakeNamingBooleanPrefix(), "CREATE TABLE users (can_edit boolean);").size(),
            1u);
  naming.boolean_prefixes.clear();
  EXPECT_TRUE(WithNaming(MakeNamingBooleanPrefix(), "CREATE TABLE users (active boolean);", naming)
                  .empty());
}

TEST(NamingBooleanPrefix, AppliesToSqlite) {
  EXPECT_EQ(
      LintWith(MakeNamingBooleanPrefix(),
               "CREATE TABLE users (id integer PRIMARY KEY, active BOOLEAN);", {}, Dialect::kSqlite)
          .size(),
      1u);
  EXPECT_TRUE(LintWith(MakeNamingBooleanPrefix(),
                       "CREATE TABLE users (id integer PRIMARY KEY, is_active BOOLEAN);", {},
                       Dialect::kSqlite)
                  .empty());
}

TEST(NamingRules, Info) {
  for (auto make :
       {MakeNamingSnakeCase, MakeNamingPluralTables, MakeNamingIndexPrefix,
        MakeNamingConstraintPrefix, MakeNamingTimestampSuffix, MakeNamingBooleanPrefix}) {
    const RuleInfo& info = make()->info();
    EXPECT_EQ(info.category, Category::kNaming) << info.id;
    EXPECT_EQ(info.severity, Severity::kWarning) << info.id;
    EXPECT_TRUE(info.dialects.contains(Dialect::kPostgres)) << info.id;
    EXPECT_FALSE(info.why.empty() || info.fix.empty() || info.summary.empty()) << info.id;
  }
  // SQLite's reader does not keep constraint names.
  EXPECT_FALSE(MakeNamingConstraintPrefix()->info().dialects.contains(Dialect::kSqlite));
}

// --- identifier-too-long -------------------------------------------------

// A name of `bytes` bytes: `stem` padded with x.
std::string LongName(const std::string& stem, size_t bytes) {
  return stem + std::string(bytes - stem.size(), 'x');
}

TEST(IdentifierTooLong, FiresOnEveryKindOfNameItDefines) {
  const std::string table = LongName("orders_", 64);
  const std::string column = LongName("Customer_", 70);  // unquoted: folded to lower case
  const std::string check = LongName("ck_", 80);
  const std::string sql = "CREATE TABLE " + table + " (id bigint, " + column +
                          " text, CONSTRAINT " + check + " CHECK (id > 0));";
  auto f = LintWith(MakeIdentifierTooLong(), sql);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].rule, "identifier-too-long");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].offset, sql.find(table));
  EXPECT_NE(f[0].message.find("64 bytes"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("keeps only " + table.substr(0, 63)), std::string::npos);
  EXPECT_EQ(f[1].offset, sql.find(column));
  EXPECT_NE(f[1].message.find(ToLower(column).substr(0, 63)), std::string::npos);
  EXPECT_EQ(f[2].offset, sql.find(check));
  for (const std::string& other : {
           "CREATE INDEX " + LongName("idx_", 64) + " ON t (a);",
           "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + LongName("uq_", 90) + " ON t (a);",
           "ALTER TABLE t ADD COLUMN " + LongName("c_", 64) + " int;",
           "ALTER TABLE t ADD CONSTRAINT " + LongName("fk_", 64) +
               " FOREIGN KEY (a) REFERENCES u (id);",
           "ALTER TABLE t RENAME COLUMN a TO " + LongName("b_", 64) + ";",
           "ALTER TABLE t RENAME TO " + LongName("t_", 64) + ";",
           "CREATE VIEW " + LongName("v_", 64) + " AS SELECT 1;",
           "CREATE DOMAIN " + LongName("d_", 64) + " AS int;",
           "CREATE TABLE t (\"" + LongName("Quoted \"\" name ", 66) + "\" int);",
       }) {
    SCOPED_TRACE(other);
    EXPECT_EQ(LintWith(MakeIdentifierTooLong(), other).size(), 1u);
  }
}

TEST(IdentifierTooLong, CutsMultiByteNamesAtACharacterBoundary) {
  // 31 two-byte letters and a 3-byte one: 65 bytes, cut to 62, not into the é.
  std::string name;
  for (int i = 0; i < 31; ++i) name += "\xc3\xa9";
  name += "\xe2\x82\xac";
  const std::string sql = "CREATE TABLE \"" + name + "\" (a int);";
  auto f = LintWith(MakeIdentifierTooLong(), sql);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].offset, sql.find('"'));
  EXPECT_NE(f[0].message.find("65 bytes; PostgreSQL keeps only " + name.substr(0, 62)),
            std::string::npos)
      << f[0].message;
}

TEST(IdentifierTooLong, QuietOnShortNamesReferencesAndStrings) {
  for (const std::string& sql : {
           "CREATE TABLE " + LongName("t_", 63) + " (" + LongName("c_", 63) + " int);",
           // References are cut the same way as the name was: they still match.
           "ALTER TABLE " + LongName("t_", 70) + " ADD COLUMN a int;",
           "CREATE INDEX idx_a ON " + LongName("t_", 70) + " (a);",
           "DROP TABLE " + LongName("t_", 70) + ";",
           "ALTER TABLE t RENAME COLUMN " + LongName("c_", 70) + " TO c;",
           "INSERT INTO t (a) VALUES ('" + LongName("s_", 90) + "');",
           "COMMENT ON TABLE t IS '" + LongName("s_", 90) + "';",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(LintWith(MakeIdentifierTooLong(), sql).empty());
  }
}

TEST(IdentifierTooLong, PostgresOnlyAndAnError) {
  const RuleInfo& info = MakeIdentifierTooLong()->info();
  EXPECT_EQ(info.category, Category::kNaming);
  EXPECT_EQ(info.severity, Severity::kError);
  EXPECT_TRUE(info.dialects.contains(Dialect::kPostgres));
  EXPECT_FALSE(info.dialects.contains(Dialect::kSqlite));
  EXPECT_TRUE(LintWith(MakeIdentifierTooLong(), "CREATE TABLE " + LongName("t_", 70) + " (a int);",
                       {}, Dialect::kSqlite)
                  .empty());
}

TEST(NamingRules, SeverityIsConfigurable) {
  LintOptions options;
  options.severity["naming-boolean-prefix"] = Severity::kInfo;
  auto f = LintWith(MakeNamingBooleanPrefix(), "CREATE TABLE users (active boolean);", {},
                    Dialect::kPostgres, {}, options);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kInfo);
  options.severity["naming-boolean-prefix"] = Severity::kOff;
  EXPECT_TRUE(LintWith(MakeNamingBooleanPrefix(), "CREATE TABLE users (active boolean);", {},
                       Dialect::kPostgres, {}, options)
                  .empty());
}

}  // namespace
}  // namespace strata::sql::lint
