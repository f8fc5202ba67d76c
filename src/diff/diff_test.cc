// The diff walk without a database: which changes, in which order, with which
// flags, for catalogs built in memory.
#include "diff/diff.h"

#include <gtest/gtest.h>

#include "catalog/test_builder.h"

namespace strata::diff {
namespace {

using catalog::Action;
using catalog::Catalog;
using catalog::Change;
using catalog::Changes;
using catalog::ObjectKind;
using catalog::testing::MakeIndex;
using catalog::testing::MakeView;
using catalog::testing::TableBuilder;

// PostgreSQL-like answers: nothing rebuilt, int -> bigint keeps data, keys bind.
class TestRules final : public Rules {
 public:
  bool rebuild = false;
  bool NeedsRebuild(const catalog::Table&, const catalog::Table&) const override { return rebuild; }
  bool TypeChangeLosesData(const std::string& from, const std::string& to) const override {
    return !(from == "integer" && to == "bigint");
  }
  bool ForeignKeysBindToKeys() const override { return !rebuild; }
};

// "drop view public.v", "create column public.t.c", ... in order.
std::vector<std::string> Lines(const Changes& changes) {
  std::vector<std::string> out;
  for (const Change& c : changes) {
    out.push_back(std::string(catalog::ActionName(c.action)) + " " +
                  std::string(catalog::ObjectKindName(c.kind)) + " " + catalog::ChangeTarget(c) +
                  (c.destructive ? " !" : "") + (c.rebuild ? " rebuild" : ""));
  }
  return out;
}

Catalog Orders(const std::string& amount_type) {
  Catalog c;
  c.schemas.push_back({"app", ""});
  c.tables.push_back(TableBuilder({"app", "customers"})
                         .Column("id", "bigint", true)
                         .PrimaryKey("customers_pkey", {"id"})
                         .Build());
  c.tables.push_back(
      TableBuilder({"app", "orders"})
          .Column("id", "bigint", true)
          .Column("customer_id", "bigint")
          .Column("amount", amount_type)
          .PrimaryKey("orders_pkey", {"id"})
          .ForeignKey("orders_customer_fkey", {"customer_id"}, {"app", "customers"}, {"id"})
          .Build());
  c.views.push_back(MakeView({"app", "big"}, "SELECT id FROM app.orders", {{"app", "orders"}}));
  c.views.push_back(MakeView({"app", "bigger"}, "SELECT id FROM app.big", {{"app", "big"}}));
  c.indexes.push_back(MakeIndex({"app", "orders_customer"}, {"app", "orders"}, {"customer_id"}));
  catalog::SortCanonically(c);
  return c;
}

TEST(Diff, SameCatalogsGiveNothing) {
  TestRules rules;
  EXPECT_TRUE(Diff(Orders("integer"), Orders("integer"), rules).empty());
}

TEST(Diff, ColumnTypeChangeRecreatesTheViewsThatReadItsTable) {
  TestRules rules;
  EXPECT_EQ(Lines(Diff(Orders("integer"), Orders("bigint"), rules)),
            (std::vector<std::string>{
                "drop view app.bigger",  // readers first
                "drop view app.big",
                "alter column app.orders.amount",  // widening: not destructive
                "create view app.big",
                "create view app.bigger",
            }));
  const Changes narrowing = Diff(Orders("bigint"), Orders("integer"), rules);
  ASSERT_EQ(narrowing.size(), 5u);
  EXPECT_TRUE(narrowing[2].destructive);
  EXPECT_EQ(narrowing[2].details, (std::vector<std::string>{"type: bigint -> integer"}));
}

TEST(Diff, DroppedTableTakesItsIndexesAndForeignKeysBoundToItsKey) {
  TestRules rules;
  Catalog before = Orders("integer");
  Catalog after = before;
  after.tables.erase(after.tables.begin());                                // customers
  after.tables[0].constraints.erase(after.tables[0].constraints.begin());  // its foreign key
  EXPECT_EQ(Lines(Diff(before, after, rules)),
            (std::vector<std::string>{
                "drop constraint app.orders.orders_customer_fkey",
                "drop table app.customers !",
            }));
  // A replaced primary key: foreign keys that use it are dropped and added back.
  Catalog rekeyed = before;
  rekeyed.tables[0].constraints[0].definition = "PRIMARY KEY (id) INCLUDE (id)";
  EXPECT_EQ(Lines(Diff(before, rekeyed, rules)),
            (std::vector<std::string>{
                "drop constraint app.orders.orders_customer_fkey",
                "drop constraint app.customers.customers_pkey",
                "create constraint app.customers.customers_pkey",
                "create constraint app.orders.orders_customer_fkey",
            }));
}

TEST(Diff, CreatesInDependencyOrderAndDropsInReverse) {
  TestRules rules;
  Catalog empty;
  const std::vector<std::string> create = Lines(Diff(empty, Orders("integer"), rules));
  EXPECT_EQ(create, (std::vector<std::string>{
                        "create schema app",
                        "create table app.customers",
                        "create table app.orders",
                        "create constraint app.customers.customers_pkey",
                        "create constraint app.orders.orders_pkey",
                        "create view app.big",
                        "create view app.bigger",
                        "create index app.orders_customer",
                        "create constraint app.orders.orders_customer_fkey",
                    }));
  EXPECT_EQ(Lines(Diff(Orders("integer"), empty, rules)), (std::vector<std::string>{
                                                              "drop view app.bigger",
                                                              "drop view app.big",
                                                              "drop table app.orders !",
                                                              "drop table app.customers !",
                                                              "drop schema app",
                                                          }));
}

TEST(Diff, RebuildingDialectMarksTheTableAndItsReaders) {
  TestRules rules;
  rules.rebuild = true;
  Catalog before = Orders("integer");
  Catalog after = before;
  after.tables[1].columns.erase(after.tables[1].columns.begin() + 2);  // orders.amount
  const std::vector<std::string> lines = Lines(Diff(before, after, rules));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "drop view app.bigger",
                       "drop view app.big",
                       "alter table app.orders ! rebuild",
                       "create view app.big",
                       "create view app.bigger",
                       "drop column app.orders.amount !",
                   }));
}

TEST(Diff, ExcludedObjectsAreNotCompared) {
  TestRules rules;
  Catalog before = Orders("integer");
  Catalog after = before;
  after.tables[1].columns.push_back(after.tables[1].columns[0]);
  after.tables[1].columns.back().name = "note";
  after.indexes.push_back(MakeIndex({"app", "tmp_idx"}, {"app", "orders"}, {"note"}));
  DiffOptions options;
  options.exclude = {"app.orders.note", "app.tmp_*"};
  EXPECT_TRUE(Diff(before, after, rules, options).empty());
  EXPECT_EQ(Diff(before, after, rules).size(), 2u);
}

TEST(GlobMatch, StarsAndQuestionMarks) {
  EXPECT_TRUE(GlobMatch("audit.*", "audit.log"));
  EXPECT_TRUE(GlobMatch("*.tmp_*", "public.tmp_x"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("audit.*", "public.audit"));
  EXPECT_FALSE(GlobMatch("a?c", "ac"));
  EXPECT_TRUE(GlobMatch("*", ""));
}

}  // namespace
}  // namespace strata::diff
