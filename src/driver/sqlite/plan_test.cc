#include "driver/sqlite/plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/test_builder.h"

namespace strata::driver::sqlite {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Index;
using catalog::QualifiedName;
using catalog::SortCanonically;
using catalog::Table;
using catalog::TriggerState;
using catalog::View;
using catalog::testing::MakeView;
using catalog::testing::TableBuilder;

Catalog SmallSqliteCatalog() {
  Catalog c;
  c.dialect = Dialect::kSqlite;
  Table users = TableBuilder({"", "users"})
                    .Column("id", "INTEGER")
                    .Column("email", "TEXT", true)
                    .Column("created", "TEXT", true)
                    .Default("datetime('now')")
                    .Column("score", "REAL")
                    .Default("-1.5")
                    .Build();
  users.columns[0].autoincrement = true;
  users.columns[1].collation = QualifiedName{"", "NOCASE"};
  Constraint pk;
  pk.name = "pk_users";
  pk.kind = ConstraintKind::kPrimaryKey;
  pk.columns = {"id"};
  pk.definition = "PRIMARY KEY (\"id\")";
  Constraint unique;
  unique.kind = ConstraintKind::kUnique;
  unique.columns = {"email"};
  unique.definition = "UNIQUE (\"email\")";
  users.constraints = {pk, unique};
  c.tables.push_back(users);
  Table kv = TableBuilder({"", "kv"}).Column("k", "TEXT", true).Build();
  kv.constraints = {unique};
  kv.constraints[0].definition = "PRIMARY KEY (\"k\")";
  kv.without_rowid = true;
  kv.strict = true;
  c.tables.push_back(kv);
  Index i;
  i.name = {"", "ix"};
  i.table = {"", "users"};
  i.keys = {"lower(email)"};
  i.predicate = "score > 0";
  c.indexes = {i};
  View v = MakeView({"", "v"}, "SELECT id FROM users");
  v.columns = {"user_id"};
  c.views = {v};
  c.triggers = {{{"", "users"},
                 "trg",
                 "CREATE TRIGGER trg AFTER INSERT ON users BEGIN SELECT 1; END",
                 TriggerState::kEnabled,
                 ""}};
  SortCanonically(c);
  return c;
}

TEST(SqliteSchemaSql, ConstraintsInlineAutoincrementOnItsColumnAndDefaultsParenthesizedWhenNeeded) {
  EXPECT_EQ(SchemaSql(SmallSqliteCatalog()),
            R"(-- strata schema dump (SQLite)

-- Tables
CREATE TABLE "kv" (
    "k" TEXT NOT NULL,
    PRIMARY KEY ("k")
) WITHOUT ROWID, STRICT;
CREATE TABLE "users" (
    "id" INTEGER CONSTRAINT "pk_users" PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL COLLATE "NOCASE",
    "created" TEXT NOT NULL DEFAULT (datetime('now')),
    "score" REAL DEFAULT -1.5,
    UNIQUE ("email")
);

-- Indexes
CREATE INDEX "ix" ON "users" (lower(email)) WHERE score > 0;

-- Views
CREATE VIEW "v" ("user_id") AS SELECT id FROM users;

-- Triggers
CREATE TRIGGER trg AFTER INSERT ON users BEGIN SELECT 1; END;
)");
}

}  // namespace
}  // namespace strata::driver::sqlite
