#include "report/schema_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "catalog/test_builder.h"

namespace strata::report {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::Identity;
using catalog::SortCanonically;
using catalog::Table;
using catalog::testing::TableBuilder;

Catalog Sample() {
  Catalog c;
  c.schemas = {{"app", ""}};
  Table t = TableBuilder({"app", "orders"})
                .Column("id", "bigint", true)
                .Column("total", "numeric(12,2)")
                .Default("0")
                .PrimaryKey("orders_pkey", {"id"})
                .ForeignKey("orders_id_fkey", {"id"}, {"app", "parent"}, {"id"})
                .Build();
  t.columns[0].identity = Identity::kByDefault;
  t.columns[0].identity_options = {"bigint", "1", "1", "1", "100", "1", true};
  c.tables.push_back(t);
  SortCanonically(c);
  return c;
}

TEST(SchemaJson, CarriesTheModelWithEveryFieldPresent) {
  const auto j = nlohmann::json::parse(SchemaJson(Sample()));
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["dialect"], "postgres");
  EXPECT_TRUE(j["views"].is_array());
  const auto& table = j["tables"][0];
  EXPECT_EQ(table["schema"], "app");
  EXPECT_EQ(table["name"], "orders");
  EXPECT_EQ(table["partition_of"], nullptr);
  EXPECT_EQ(table["columns"][0]["identity"], "by_default");
  EXPECT_EQ(table["columns"][0]["identity_options"]["cycle"], true);
  EXPECT_EQ(table["columns"][1]["default"], "0");
  EXPECT_EQ(table["columns"][1]["identity_options"], nullptr);
  const auto& fk = table["constraints"][0];
  EXPECT_EQ(fk["kind"], "foreign_key");
  EXPECT_EQ(fk["references"]["table"]["name"], "parent");
  EXPECT_EQ(fk["references"]["on_delete"], "NO ACTION");
  EXPECT_EQ(table["constraints"][1]["kind"], "primary_key");
}

TEST(SchemaJson, KeysComeInAFixedOrderSoTheBytesAreStable) {
  const std::string text = SchemaJson(Sample());
  EXPECT_EQ(text, SchemaJson(Sample()));
  EXPECT_LT(text.find("\"format_version\""), text.find("\"dialect\""));
  EXPECT_LT(text.find("\"dialect\""), text.find("\"schemas\""));
  EXPECT_LT(text.find("\"tables\""), text.find("\"views\""));
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace strata::report
