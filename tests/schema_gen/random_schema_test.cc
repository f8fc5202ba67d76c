// The generator without a database: a seed names one schema, the seeds of a
// property run cover every kind of object and change the issue lists, and the
// descriptions stay consistent (every reference resolves). Whether the SQL
// loads is tested against PostgreSQL and SQLite in
// tests/integration/schema_diff_property_test.cc.
#include "tests/schema_gen/random_schema.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/schema_gen/render.h"

namespace strata::schema_gen {
namespace {

constexpr int kSeeds = 200;

TEST(RandomSchema, ASeedNamesOneSchemaAndOneMutation) {
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    const Schema a = Generate(42, d);
    EXPECT_EQ(Render(a), Render(Generate(42, d)));
    EXPECT_NE(Render(a), Render(Generate(43, d)));
    EXPECT_EQ(Render(Mutate(a, 42).schema), Render(Mutate(a, 42).schema));
  }
}

TEST(RandomSchema, EveryMutationChangesTheSchema) {
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    for (int seed = 1; seed <= kSeeds; ++seed) {
      const Schema a = Generate(seed, d);
      const Mutation b = Mutate(a, seed);
      EXPECT_FALSE(b.changes.empty()) << seed;
      EXPECT_NE(Render(a), Render(b.schema)) << "seed " << seed;
    }
  }
}

// Every reference in the description resolves, so the rendering can be valid.
void ExpectConsistent(const Schema& s, int seed) {
  std::set<std::string> names;
  for (const Table& t : s.tables) {
    EXPECT_FALSE(t.columns.empty()) << seed;
    for (const Column& c : t.columns) {
      EXPECT_TRUE(c.generated_from.empty() || FindColumn(t, c.generated_from)) << seed;
      EXPECT_TRUE(c.type.kind != TypeKind::kEnum || FindEnum(s, c.type.ref)) << seed;
      EXPECT_TRUE(c.type.kind != TypeKind::kDomain || FindDomain(s, c.type.ref)) << seed;
    }
    std::set<std::set<std::string>> keys;  // PostgreSQL would merge two keys on the same columns
    for (const Constraint& k : t.constraints) {
      EXPECT_TRUE(names.insert(k.name).second) << "seed " << seed << ": " << k.name;
      if (k.kind == ConstraintKind::kPrimaryKey || k.kind == ConstraintKind::kUnique) {
        EXPECT_TRUE(keys.insert({k.columns.begin(), k.columns.end()}).second) << seed;
      }
      for (const std::string& c : k.columns) EXPECT_TRUE(FindColumn(t, c)) << seed << " " << c;
      if (k.kind != ConstraintKind::kForeignKey) continue;
      const Table* target = FindTable(s, k.ref_table);
      ASSERT_TRUE(target) << seed;
      for (size_t i = 0; i < k.ref_columns.size(); ++i) {
        const Column* ref = FindColumn(*target, k.ref_columns[i]);
        ASSERT_TRUE(ref) << seed;
        EXPECT_EQ(FindColumn(t, k.columns[i])->type, ref->type) << seed;
      }
    }
  }
  for (const View& v : s.views) {
    for (const Name& from : v.from) EXPECT_FALSE(RelationColumns(s, from).empty()) << seed;
    for (const ViewColumn& c : v.columns) {
      const std::vector<std::string> columns = RelationColumns(s, v.from[c.source]);
      EXPECT_NE(std::find(columns.begin(), columns.end(), c.column), columns.end()) << seed;
    }
  }
  for (const Index& ix : s.indexes) {
    EXPECT_TRUE(names.insert(ix.name.name).second) << seed;
    EXPECT_FALSE(RelationColumns(s, ix.table).empty()) << seed;
  }
}

TEST(RandomSchema, DescriptionsAndTheirMutationsAreConsistent) {
  for (Dialect d : {Dialect::kPostgres, Dialect::kSqlite}) {
    for (int seed = 1; seed <= kSeeds; ++seed) {
      const Schema a = Generate(seed, d);
      ExpectConsistent(a, seed);
      ExpectConsistent(Mutate(a, seed).schema, seed);
    }
  }
}

// What the SQL of the property seeds contains, counted by the text that
// shows each feature, so a generator change that loses one fails here.
TEST(RandomSchema, ThePropertySeedsCoverEveryKindTheIssueLists) {
  std::string all;
  std::map<ChangeKind, int> changes;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const Schema a = Generate(seed, Dialect::kPostgres);
    const Mutation b = Mutate(a, seed);
    all += RenderPostgres(a) + RenderPostgres(b.schema);
    for (const Change& c : b.changes) ++changes[c.kind];
  }
  for (const char* needle : {"CREATE SCHEMA",
                             "AS ENUM (",
                             "CREATE DOMAIN",
                             "CREATE SEQUENCE",
                             "CREATE FUNCTION",
                             " smallint",
                             " integer",
                             " bigint",
                             " numeric(",
                             " real",
                             " double precision",
                             " text",
                             " varchar(",
                             " char(",
                             " boolean",
                             " date",
                             " timestamp",
                             " timestamptz",
                             " interval",
                             " uuid",
                             " jsonb",
                             " bytea",
                             " integer[]",
                             " text[]",
                             " int4range",
                             " tstzrange",
                             "GENERATED ALWAYS AS IDENTITY",
                             "GENERATED BY DEFAULT AS IDENTITY (START WITH",
                             " serial",
                             " bigserial",
                             ") STORED",
                             "DEFAULT now()",
                             "DEFAULT gen_random_uuid()",
                             "DEFAULT nextval(",
                             "DEFAULT (1 + 2)",
                             "DEFAULT 'it''s'",
                             " NOT NULL",
                             "COLLATE \"C\"",
                             "PRIMARY KEY (",
                             "UNIQUE (",
                             "UNIQUE NULLS NOT DISTINCT (",
                             "FOREIGN KEY (",
                             "ON DELETE CASCADE",
                             "ON UPDATE SET NULL",
                             "ON DELETE SET DEFAULT",
                             "DEFERRABLE INITIALLY DEFERRED",
                             "CHECK (",
                             "EXCLUDE USING gist (",
                             "CREATE UNIQUE INDEX",
                             "USING hash",
                             "USING gin",
                             " DESC",
                             "lower(",
                             " + 1)",
                             " ->> 'k')",
                             " INCLUDE (",
                             ") WHERE ",
                             "CROSS JOIN",
                             "CREATE VIEW",
                             "CREATE MATERIALIZED VIEW",
                             "COMMENT ON TABLE",
                             "COMMENT ON COLUMN",
                             "COMMENT ON CONSTRAINT",
                             "COMMENT ON INDEX",
                             "COMMENT ON VIEW",
                             "COMMENT ON MATERIALIZED VIEW",
                             "COMMENT ON TYPE",
                             "COMMENT ON DOMAIN",
                             "COMMENT ON SCHEMA",
                             "\"Col"}) {
    EXPECT_NE(all.find(needle), std::string::npos) << "no seed renders " << needle;
  }
  for (int i = 0; i < kChangeKindCount; ++i) {
    EXPECT_GE(changes[static_cast<ChangeKind>(i)], 5) << "change kind " << i << " is rare";
  }
}

// The cases the issue names explicitly, which plain text search cannot see.
TEST(RandomSchema, ThePropertySeedsHaveCompositeAndSelfReferencingKeysAndViewsOnViews) {
  int composite = 0, self = 0, view_on_view = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const Schema a = Generate(seed, Dialect::kPostgres);
    for (const Table& t : a.tables) {
      for (const Constraint& k : t.constraints) {
        if (k.kind != ConstraintKind::kForeignKey) continue;
        composite += k.columns.size() > 1;
        self += k.ref_table == t.name;
      }
    }
    for (const View& v : a.views) {
      for (const Name& from : v.from) view_on_view += FindView(a, from) != nullptr;
    }
  }
  EXPECT_GE(composite, 10);
  EXPECT_GE(self, 10);
  EXPECT_GE(view_on_view, 10);
}

}  // namespace
}  // namespace strata::schema_gen
