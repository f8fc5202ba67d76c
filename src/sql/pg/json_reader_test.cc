#include "sql/pg/json_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::sql::pg {
namespace {

TEST(JsonTree, ReadsNestedObjectsAndArrays) {
  const std::string text =
      R"( {"RangeVar": {"relname": "t", "inh": true, "location": 13},
           "list": [1, -2, {"a": null}, [], {}], "f": false} )";
  JsonTree tree;
  ASSERT_EQ(tree.Parse(text), text.size());
  const JsonValue& root = tree.root();
  ASSERT_TRUE(root.IsObject());
  EXPECT_EQ(root.size(), 3u);
  EXPECT_EQ(root.begin()->key(), "RangeVar");

  const JsonValue* rv = root.Find("RangeVar");
  ASSERT_NE(rv, nullptr);
  EXPECT_EQ(rv->Find("relname")->AsString(), "t");
  EXPECT_TRUE(rv->Find("inh")->AsBool());
  EXPECT_EQ(rv->Find("location")->AsInt(), 13);
  EXPECT_EQ(rv->Find("schemaname"), nullptr);
  EXPECT_FALSE(root.Find("f")->AsBool());
  EXPECT_TRUE(root.Find("f")->IsBool());

  const JsonValue* list = root.Find("list");
  ASSERT_TRUE(list->IsArray());
  EXPECT_EQ(list->size(), 5u);
  EXPECT_EQ(list->At(1)->AsInt(), -2);
  EXPECT_TRUE(list->At(2)->Find("a")->IsNull());
  EXPECT_TRUE(list->At(3)->IsArray() && list->At(3)->empty());
  EXPECT_TRUE(list->At(4)->IsObject() && list->At(4)->empty());
  EXPECT_EQ(list->At(5), nullptr);
  std::vector<JsonValue::Kind> kinds;
  for (const JsonValue& e : *list) kinds.push_back(e.kind());
  EXPECT_EQ(kinds,
            (std::vector<JsonValue::Kind>{JsonValue::Kind::kInteger, JsonValue::Kind::kInteger,
                                          JsonValue::Kind::kObject, JsonValue::Kind::kArray,
                                          JsonValue::Kind::kObject}));
}

TEST(JsonTree, DecodesEscapesOnlyWhenAsked) {
  const std::string text = R"({"s": "a\"b\\c\/\n\t\u00e9\ud83d\ude00", "plain": "x y"})";
  JsonTree tree;
  ASSERT_EQ(tree.Parse(text), text.size());
  EXPECT_EQ(tree.root().Find("s")->AsString(), "a\"b\\c/\n\t\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(tree.root().Find("plain")->AsString(), "x y");
}

TEST(JsonTree, NumbersThatAreNoInt64AreNoIntegers) {
  const std::string text =
      R"([9223372036854775807, -9223372036854775808, 9223372036854775808, 1.5, 2e3, 0])";
  JsonTree tree;
  ASSERT_EQ(tree.Parse(text), text.size());
  const JsonValue& a = tree.root();
  EXPECT_EQ(a.At(0)->AsInt(), INT64_MAX);
  EXPECT_EQ(a.At(1)->AsInt(), INT64_MIN);
  EXPECT_FALSE(a.At(2)->IsInteger());
  EXPECT_FALSE(a.At(3)->IsInteger());
  EXPECT_FALSE(a.At(4)->IsInteger());
  EXPECT_TRUE(a.At(5)->IsInteger());
}

TEST(JsonTree, RejectsMalformedText) {
  const char* const malformed[] = {
      "",           "{",         "[1,]",          "[1 2]",
      R"({"a" 1})", R"({"a":})", R"({,"a":1})",   "[01]",
      "[1.]",       "[-]",       "tru",           R"(["a)",
      "[\"\x01\"]", R"(["\x"])", R"(["\ud800"])", R"(["\udc00\ud800"])",
      "[\"\xC3\"]", "[\"\xFF\"]"};
  for (const char* bad : malformed) {
    JsonTree tree;
    EXPECT_EQ(tree.Parse(bad), 0u) << bad;
  }
}

TEST(JsonTree, ParsesOnlyTheFirstValueAndSaysWhereItEnds) {
  JsonTree tree;
  EXPECT_EQ(tree.Parse(R"({"a": [1]} , 2)"), 11u);  // the value and the blank after it
  EXPECT_EQ(tree.Parse(R"({"a":1}})"), 7u);
}

TEST(JsonTree, ReusesItselfForTheNextValue) {
  JsonTree tree;
  ASSERT_GT(tree.Parse(R"({"a": [1, 2, 3]})"), 0u);
  ASSERT_GT(tree.Parse(R"("b")"), 0u);
  EXPECT_EQ(tree.root().AsString(), "b");
}

TEST(ForEachElement, HandsOnEachElementOfTheNamedArray) {
  const std::string doc =
      R"({"version": 150001, "stmts": [{"stmt": {"A": {}}, "stmt_len": 5}, {"stmt_location": 6}]})";
  std::vector<std::string> seen;
  EXPECT_TRUE(ForEachElement(
      doc, "stmts", [&](const JsonValue& e) { seen.push_back(std::string(e.begin()->key())); }));
  EXPECT_EQ(seen, (std::vector<std::string>{"stmt", "stmt_location"}));
}

TEST(ForEachElement, FailsWithoutTheArrayOrOnMalformedText) {
  const auto count = [](std::string_view doc) {
    int n = 0;
    const bool ok = ForEachElement(doc, "stmts", [&](const JsonValue&) { ++n; });
    return ok ? n : -1 - n;  // -1 - (elements handed on before the failure)
  };
  EXPECT_EQ(count(R"({"stmts": []})"), 0);
  EXPECT_EQ(count(R"({"version": 1})"), -1);
  EXPECT_EQ(count(R"({"stmts": {}})"), -1);
  EXPECT_EQ(count(R"({"stmts": [1, 2]} x)"), -3);
  EXPECT_EQ(count(R"({"stmts": [1, ]})"), -2);
  EXPECT_EQ(count(R"({"stmts": [1, 2], "after": [true]})"), 2);
}

}  // namespace
}  // namespace strata::sql::pg
