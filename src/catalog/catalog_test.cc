#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "catalog/dependency_order.h"
#include "catalog/test_builder.h"

namespace strata::catalog {
namespace {

using testing::MakeFunction;
using testing::MakeIndex;
using testing::MakeView;
using testing::TableBuilder;

std::vector<std::string> TableNames(const std::vector<const Table*>& tables) {
  std::vector<std::string> out;
  out.reserve(tables.size());
  for (const Table* t : tables) out.push_back(t->name.schema + "." + t->name.name);
  return out;
}

TEST(SortCanonically, SortsBySchemaThenNameWhateverTheCreationOrder) {
  Catalog c;
  c.tables.push_back(TableBuilder({"public", "b"}).Build());
  c.tables.push_back(TableBuilder({"app", "z"}).Build());
  c.tables.push_back(TableBuilder({"public", "a"}).Build());
  c.indexes.push_back(MakeIndex({"public", "i2"}, {"public", "a"}, {"x"}));
  c.indexes.push_back(MakeIndex({"public", "i1"}, {"public", "b"}, {"x"}));
  c.schemas = {{"public", ""}, {"app", ""}};
  SortCanonically(c);
  ASSERT_EQ(c.tables.size(), 3u);
  EXPECT_EQ(c.tables[0].name.name, "z");
  EXPECT_EQ(c.tables[1].name.name, "a");
  EXPECT_EQ(c.tables[2].name.name, "b");
  EXPECT_EQ(c.indexes[0].name.name, "i1");
  EXPECT_EQ(c.schemas[0].name, "app");
}

TEST(SortCanonically, KeepsColumnOrderButSortsConstraintsByName) {
  Catalog c;
  c.tables.push_back(TableBuilder({"public", "t"})
                         .Column("zeta", "int")
                         .Column("alpha", "int")
                         .Check("t_zeta_check", "zeta > 0")
                         .PrimaryKey("t_pkey", {"zeta"})
                         .Check("t_alpha_check", "alpha > 0")
                         .Build());
  SortCanonically(c);
  const Table& t = c.tables[0];
  EXPECT_EQ(t.columns[0].name, "zeta");
  EXPECT_EQ(t.columns[1].name, "alpha");
  EXPECT_EQ(t.constraints[0].name, "t_alpha_check");
  EXPECT_EQ(t.constraints[1].name, "t_pkey");
  EXPECT_EQ(t.constraints[2].name, "t_zeta_check");
}

TEST(SortCanonically, OverloadsSortByArgumentsAndTriggersByTableThenName) {
  Catalog c;
  c.functions.push_back(MakeFunction({"public", "f"}, "b text", ""));
  c.functions.push_back(MakeFunction({"public", "f"}, "a integer", ""));
  c.triggers.push_back({{"public", "t2"}, "a", "", TriggerState::kEnabled, ""});
  c.triggers.push_back({{"public", "t1"}, "z", "", TriggerState::kEnabled, ""});
  SortCanonically(c);
  EXPECT_EQ(c.functions[0].arguments, "a integer");
  EXPECT_EQ(c.triggers[0].table.name, "t1");
}

TEST(SortCanonically, ViewDependenciesAreSortedAndUnique) {
  Catalog c;
  c.views.push_back(
      MakeView({"public", "v"}, "SELECT 1", {{"public", "b"}, {"public", "a"}, {"public", "b"}}));
  SortCanonically(c);
  ASSERT_EQ(c.views[0].depends_on.size(), 2u);
  EXPECT_EQ(c.views[0].depends_on[0].name, "a");
}

TEST(DependencyOrder, PutsEachAfterWhatItDependsOnAndOtherwiseKeepsIndexOrder) {
  // 0 depends on 2; 1 on nothing; 2 on nothing; 3 on 0.
  const std::vector<std::vector<size_t>> deps = {{2}, {}, {}, {0}};
  EXPECT_EQ(DependencyOrder(4, [&](size_t i) { return deps[i]; }),
            (std::vector<size_t>{1, 2, 0, 3}));
}

TEST(DependencyOrder, BreaksACycleAtItsLowestIndexInsteadOfDroppingIt) {
  const std::vector<std::vector<size_t>> deps = {{1}, {0}, {}};
  EXPECT_EQ(DependencyOrder(3, [&](size_t i) { return deps[i]; }), (std::vector<size_t>{2, 0, 1}));
}

TEST(TablesInCreationOrder, PartitionsComeAfterTheirParentEvenWhenTheirNameSortsFirst) {
  Catalog c;
  c.tables.push_back(
      TableBuilder({"app", "a_2025"}).PartitionOf({"app", "z_events"}, "DEFAULT").Build());
  c.tables.push_back(TableBuilder({"app", "b"}).Build());
  c.tables.push_back(TableBuilder({"app", "z_events"}).PartitionBy("RANGE (at)").Build());
  EXPECT_EQ(TableNames(TablesInCreationOrder(c)),
            (std::vector<std::string>{"app.b", "app.z_events", "app.a_2025"}));
}

TEST(TablesInCreationOrder, InheritsParentsComeFirst) {
  Catalog c;
  Table child = TableBuilder({"app", "a_child"}).Build();
  child.inherits = {{"app", "m_parent"}};
  c.tables.push_back(child);
  c.tables.push_back(TableBuilder({"app", "m_parent"}).Build());
  EXPECT_EQ(TableNames(TablesInCreationOrder(c)),
            (std::vector<std::string>{"app.m_parent", "app.a_child"}));
}

TEST(ViewsInCreationOrder, AViewComesAfterTheViewsItReads) {
  Catalog c;
  c.views.push_back(MakeView({"app", "a"}, "SELECT * FROM app.c", {{"app", "c"}}));
  c.views.push_back(MakeView({"app", "b"}, "SELECT 1"));
  c.views.push_back(MakeView({"app", "c"}, "SELECT * FROM app.b", {{"app", "b"}}));
  std::vector<std::string> names;
  for (const View* v : ViewsInCreationOrder(c)) names.push_back(v->name.name);
  EXPECT_EQ(names, (std::vector<std::string>{"b", "c", "a"}));
}

}  // namespace
}  // namespace strata::catalog
