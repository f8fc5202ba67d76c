// The SQLite token reader fills the subset of the model its rules use.
#include "sql/sqlite_reader.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

TEST(SqliteReader, ReadsKindsTablesAndWhere) {
  const auto stmts = ReadSqliteScript(
      "CREATE TABLE IF NOT EXISTS main.users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,\n"
      "  CONSTRAINT ck_email CHECK (email <> ''));\n"
      "CREATE UNIQUE INDEX uq_users_email ON users (email);\n"
      "DELETE FROM users;\n"
      "UPDATE users SET email = 'x' WHERE id = 1;\n"
      "INSERT INTO users (email) VALUES ('a');\n"
      "ALTER TABLE users ADD COLUMN is_active INTEGER NOT NULL DEFAULT 1;\n"
      "ALTER TABLE users RENAME COLUMN email TO mail;\n"
      "ALTER TABLE users RENAME TO accounts;\n"
      "DROP TABLE IF EXISTS `old data`;\n"
      "BEGIN;\n");
  ASSERT_EQ(stmts.size(), 10u);
  EXPECT_EQ(stmts[0].kind, StatementKind::kCreateTable);
  EXPECT_EQ(stmts[0].table.Display(), "main.users");
  ASSERT_EQ(stmts[0].columns.size(), 2u);
  EXPECT_TRUE(stmts[0].columns[0].primary_key);
  EXPECT_EQ(stmts[0].columns[1].type.name, "text");
  EXPECT_TRUE(stmts[0].columns[1].not_null);
  EXPECT_TRUE(stmts[0].columns[1].unique);
  EXPECT_EQ(stmts[1].kind, StatementKind::kCreateIndex);
  EXPECT_TRUE(stmts[1].index.unique);
  EXPECT_EQ(stmts[1].table.name, "users");
  EXPECT_EQ(stmts[1].index.columns, (std::vector<std::string>{"email"}));
  EXPECT_EQ(stmts[2].kind, StatementKind::kDelete);
  EXPECT_FALSE(stmts[2].has_where);
  EXPECT_EQ(stmts[3].kind, StatementKind::kUpdate);
  EXPECT_TRUE(stmts[3].has_where);
  EXPECT_EQ(stmts[4].kind, StatementKind::kInsert);
  EXPECT_EQ(stmts[4].table.name, "users");
  ASSERT_EQ(stmts[5].alters.size(), 1u);
  EXPECT_EQ(stmts[5].alters[0].kind, AlterKind::kAddColumn);
  EXPECT_TRUE(stmts[5].alters[0].column_def.not_null);
  EXPECT_EQ(stmts[5].alters[0].column_def.default_kind, DefaultKind::kConstant);
  EXPECT_EQ(stmts[6].kind, StatementKind::kRename);
  EXPECT_EQ(stmts[6].rename.object, ObjectKind::kColumn);
  EXPECT_EQ(stmts[6].rename.old_name, "email");
  EXPECT_EQ(stmts[6].rename.new_name, "mail");
  EXPECT_EQ(stmts[7].rename.object, ObjectKind::kTable);
  EXPECT_EQ(stmts[7].rename.new_name, "accounts");
  EXPECT_EQ(stmts[8].kind, StatementKind::kDrop);
  EXPECT_TRUE(stmts[8].drop.if_exists);
  ASSERT_EQ(stmts[8].drop.names.size(), 1u);
  EXPECT_EQ(stmts[8].drop.names[0].name, "old data");
  EXPECT_EQ(stmts[9].kind, StatementKind::kTransaction);
}

TEST(SqliteReader, StatementsAreLocatedInTheScript) {
  const std::string script = "-- header\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n\nDROP TABLE a;";
  const auto stmts = ReadSqliteScript(script);
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(stmts[0].offset, script.find("CREATE"));
  EXPECT_EQ(stmts[1].offset, script.find("DROP"));
  EXPECT_EQ(stmts[1].text, "DROP TABLE a");
}

}  // namespace
}  // namespace strata::sql
