// PlanDiff and ScratchPool with stand-ins for the dialect: no database.
#include "engine/schema_diff.h"

#include <gtest/gtest.h>

#include "catalog/test_builder.h"
#include "engine/scratch.h"

namespace strata::engine {
namespace {

using catalog::Catalog;
using catalog::testing::TableBuilder;

// The same answers for every table and type.
class FixedRules final : public diff::Rules {
 public:
  bool NeedsRebuild(const catalog::Table&, const catalog::Table&) const override { return false; }
  bool TypeChangeLosesData(const std::string&, const std::string&) const override { return true; }
  bool ForeignKeysBindToKeys() const override { return false; }
};

// One statement per change, naming it.
class NamingPlanner final : public driver::Planner {
 public:
  explicit NamingPlanner(Dialect dialect) : dialect_(dialect) {}
  Dialect dialect() const override { return dialect_; }
  std::string SchemaSql(const Catalog&) const override { return ""; }
  const diff::Rules& DiffRules() const override { return rules_; }
  std::vector<driver::PlannedStatement> PlanChanges(const catalog::Changes& changes, const Catalog&,
                                                    const Catalog&) const override {
    std::vector<driver::PlannedStatement> plan;
    for (const catalog::Change& c : changes) {
      driver::PlannedStatement statement;
      statement.sql = "change " + c.name.name;
      plan.push_back(statement);
    }
    return plan;
  }

 private:
  Dialect dialect_;
  FixedRules rules_;
};

Catalog WithTables(const std::vector<std::string>& names) {
  Catalog c;
  c.dialect = Dialect::kPostgres;
  c.schemas = {{"app", ""}};
  for (const std::string& name : names) {
    c.tables.push_back(TableBuilder({"app", name}).Column("id", "bigint", true).Build());
  }
  catalog::SortCanonically(c);
  return c;
}

TEST(PlanDiff, ChangesAndThePlannersStatementsForThem) {
  const NamingPlanner planner(Dialect::kPostgres);
  Result<SchemaDiff> d = PlanDiff(WithTables({"a"}), WithTables({"a", "b", "c"}), planner);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->changes.size(), 2u);
  EXPECT_EQ(d->changes[0].name.name, "b");
  ASSERT_EQ(d->plan.size(), 2u);
  EXPECT_EQ(d->plan[1].sql, "change c");
}

TEST(PlanDiff, SameSchemaNoChangesNoPlan) {
  const NamingPlanner planner(Dialect::kPostgres);
  Result<SchemaDiff> d = PlanDiff(WithTables({"a"}), WithTables({"a"}), planner);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->changes.empty());
  EXPECT_TRUE(d->plan.empty());
}

TEST(PlanDiff, ExcludedNamesAreLeftOutOfBothSides) {
  const NamingPlanner planner(Dialect::kPostgres);
  Result<SchemaDiff> d =
      PlanDiff(WithTables({"a", "audit_x"}), WithTables({"b"}), planner, {"app.audit_*"});
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->changes.size(), 2u);  // b created, a dropped; audit_x not dropped
  for (const catalog::Change& c : d->changes) EXPECT_NE(c.name.name, "audit_x");
}

TEST(PlanDiff, TwoDialectsAreRefused) {
  const NamingPlanner planner(Dialect::kPostgres);
  Catalog sqlite = WithTables({"a"});
  sqlite.dialect = Dialect::kSqlite;
  Result<SchemaDiff> d = PlanDiff(WithTables({"a"}), sqlite, planner);
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(d.status().is_invalid_input());
  EXPECT_EQ(d.status().message(), "cannot compare a postgres schema with a sqlite one");
}

// Records what the pool asks of the dialect.
class FakeScratch final : public driver::ScratchDatabases {
 public:
  explicit FakeScratch(std::vector<std::string>& dropped) : dropped_(dropped) {}
  Result<driver::ScratchDatabase> Create() override {
    if (fail) return Status::Io("permission denied to create database");
    driver::ScratchDatabase d;
    d.name = std::string(driver::kScratchPrefix) + std::to_string(made_++);
    d.options.database = d.name;
    return d;
  }
  Status Drop(std::string_view name) override {
    dropped_.emplace_back(name);
    return Status::Ok();
  }
  Result<std::vector<std::string>> Leftovers() override { return std::vector<std::string>(); }
  bool fail = false;

 private:
  std::vector<std::string>& dropped_;
  int made_ = 0;
};

TEST(ScratchPool, ConnectsToEachNewDatabaseAndDropsThemAllWhenItGoes) {
  std::vector<std::string> dropped;
  std::vector<std::string> connected;
  {
    ScratchPool pool(
        std::make_unique<FakeScratch>(dropped),
        [&](const driver::ConnectOptions& o) -> Result<std::unique_ptr<driver::Connection>> {
          connected.push_back(o.database);
          return Status::NotFound("no connection in this test");
        });
    const FreshDatabase fresh = pool.AsFresh();
    EXPECT_FALSE(fresh().ok());
    EXPECT_FALSE(fresh().ok());
    EXPECT_TRUE(dropped.empty());
  }
  EXPECT_EQ(connected, (std::vector<std::string>{"strata_shadow_0", "strata_shadow_1"}));
  EXPECT_EQ(dropped, connected);
}

TEST(ScratchPool, ACreateErrorCarriesTheCallersAdvice) {
  std::vector<std::string> dropped;
  auto scratch = std::make_unique<FakeScratch>(dropped);
  scratch->fail = true;
  ScratchPool pool(
      std::move(scratch),
      [](const driver::ConnectOptions&) -> Result<std::unique_ptr<driver::Connection>> {
        return Status::Internal("not called");
      },
      "cannot create a shadow database: ");
  Result<std::unique_ptr<driver::Connection>> conn = pool.Fresh();
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().message(),
            "cannot create a shadow database: permission denied to create database");
}

}  // namespace
}  // namespace strata::engine
