#include "driver/sqlite/ddl_reader.h"

#include <gtest/gtest.h>

namespace strata::driver::sqlite::ddl {
namespace {

using catalog::Constraint;
using catalog::Generated;

std::vector<std::string> Definitions(const TableDdl& t) {
  std::vector<std::string> out;
  for (const Constraint& k : t.constraints)
    out.push_back((k.name.empty() ? "" : k.name + ": ") + k.definition);
  return out;
}

TEST(ParseCreateTable, ColumnConstraintsBecomeTheSameDefinitionsAsTableConstraints) {
  auto inline_form = ParseCreateTable(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, n INT CHECK (n>0), "
      "p INT REFERENCES parent(id) ON DELETE CASCADE)",
      "t");
  auto table_form = ParseCreateTable(
      "create table t (id integer, email text, n int, p int, primary key (id), unique (email), "
      "check (n > 0), foreign key (p) references parent (id) on delete cascade)",
      "t");
  ASSERT_TRUE(inline_form.ok()) << inline_form.status().ToString();
  ASSERT_TRUE(table_form.ok());
  EXPECT_EQ(Definitions(*inline_form), Definitions(*table_form));
  EXPECT_EQ(Definitions(*inline_form),
            (std::vector<std::string>{
                "PRIMARY KEY (\"id\")", "UNIQUE (\"email\")", "CHECK (n > 0)",
                "FOREIGN KEY (\"p\") REFERENCES \"parent\" (\"id\") ON DELETE CASCADE"}));
  EXPECT_EQ(inline_form->constraints[3].ref_table.name, "parent");
  EXPECT_EQ(inline_form->constraints[3].on_delete, "CASCADE");
}

TEST(ParseCreateTable, ReadsNamesCollationsGeneratedColumnsAndAutoincrement) {
  auto t = ParseCreateTable(
      "CREATE TABLE IF NOT EXISTS main.\"Users\" (\n"
      "  id INTEGER CONSTRAINT pk_users PRIMARY KEY AUTOINCREMENT,\n"
      "  email TEXT NOT NULL COLLATE NOCASE DEFAULT ('x'),\n"
      "  up TEXT GENERATED ALWAYS AS (upper(email)) STORED,\n"
      "  len INT AS (length(email)),\n"
      "  CONSTRAINT ck_len CHECK (len < 10), -- a comment\n"
      "  CONSTRAINT fk_x FOREIGN KEY (len) REFERENCES x (id) DEFERRABLE INITIALLY DEFERRED\n"
      ") WITHOUT ROWID, STRICT",
      "Users");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->columns.size(), 4u);
  EXPECT_TRUE(t->columns[0].autoincrement);
  ASSERT_TRUE(t->columns[1].collation.has_value());
  EXPECT_EQ(t->columns[1].collation->name, "NOCASE");
  EXPECT_EQ(t->columns[2].generated, Generated::kStored);
  EXPECT_EQ(t->columns[2].generation_expr, "upper(email)");
  EXPECT_EQ(t->columns[3].generated, Generated::kVirtual);
  EXPECT_TRUE(t->without_rowid);
  EXPECT_TRUE(t->strict);
  EXPECT_EQ(Definitions(*t), (std::vector<std::string>{
                                 "pk_users: PRIMARY KEY (\"id\")", "ck_len: CHECK (len < 10)",
                                 "fk_x: FOREIGN KEY (\"len\") REFERENCES \"x\" (\"id\") DEFERRABLE "
                                 "INITIALLY DEFERRED"}));
  EXPECT_TRUE(t->constraints[2].initially_deferred);
}

// ALTER TABLE ADD COLUMN splices the column in after any table constraint.
TEST(ParseCreateTable, AColumnAddedByAlterTableAfterTableConstraintsIsStillAColumn) {
  auto t = ParseCreateTable(
      "CREATE TABLE t (a INT, CHECK (a > 0), b TEXT DEFAULT 'x' COLLATE RTRIM)", "t");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->columns.size(), 2u);
  EXPECT_EQ(t->columns[1].name, "b");
  EXPECT_EQ(t->columns[1].collation->name, "RTRIM");
  EXPECT_EQ(Definitions(*t), (std::vector<std::string>{"CHECK (a > 0)"}));
}

TEST(ParseCreateTable, KeysKeepTheirCollationAndOrder) {
  auto t = ParseCreateTable(
      "CREATE TABLE t (a TEXT, b INT, UNIQUE (a COLLATE NOCASE, b DESC) ON CONFLICT IGNORE)", "t");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Definitions(*t),
            (std::vector<std::string>{"UNIQUE (\"a\" COLLATE NOCASE, \"b\" DESC)"}));
  EXPECT_EQ(t->constraints[0].columns, (std::vector<std::string>{"a", "b"}));
}

TEST(ParseCreateTable, CreateTableAsSelectHasNoConstraints) {
  auto t = ParseCreateTable("CREATE TABLE t AS SELECT 1 AS a", "t");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->constraints.empty());
}

TEST(ParseCreateTable, TextThatIsNotCreateTableIsAnErrorNamingTheTable) {
  auto t = ParseCreateTable("CREATE VIEW t AS SELECT 1", "t");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("table t"), std::string::npos) << t.status().message();
}

TEST(ParseCreateIndex, ColumnsExpressionsAndPredicate) {
  auto i = ParseCreateIndex(
      "create unique index if not exists ix on t (a desc, lower( b ), c collate nocase) where a>0;",
      "ix");
  ASSERT_TRUE(i.ok()) << i.status().ToString();
  EXPECT_TRUE(i->unique);
  EXPECT_EQ(i->keys, (std::vector<std::string>{"\"a\" desc", "lower(b)", "\"c\" collate nocase"}));
  EXPECT_EQ(i->predicate, "a > 0");
}

TEST(ParseVirtualTableUsing, TheModuleAndItsArgumentsInCanonicalSpacing) {
  auto v = ParseVirtualTableUsing("CREATE VIRTUAL TABLE IF NOT EXISTS d USING fts5( a,b );", "d");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, "fts5(a, b)");
  EXPECT_FALSE(ParseVirtualTableUsing("CREATE TABLE d (a)", "d").ok());
}

TEST(ParseCreateView, KeepsTheQueryAsWrittenAndReadsAColumnList) {
  auto v = ParseCreateView("CREATE VIEW IF NOT EXISTS v (x, \"y\") AS SELECT a+1, b  FROM t;", "v");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->columns, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(v->query, "SELECT a+1, b  FROM t");
}

}  // namespace
}  // namespace strata::driver::sqlite::ddl
