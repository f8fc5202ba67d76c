#include "tests/schema_gen/builder.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace strata::schema_gen {

namespace {

using K = TypeKind;

// Every kind each dialect's tables may use; enums and domains are added when the
// schema has some.
const std::vector<K> kPostgresKinds = {
    K::kSmallint,    K::kInteger,   K::kBigint,   K::kNumeric, K::kReal,  K::kDouble,
    K::kText,        K::kVarchar,   K::kChar,     K::kBoolean, K::kDate,  K::kTimestamp,
    K::kTimestamptz, K::kInterval,  K::kUuid,     K::kJsonb,   K::kBytea, K::kIntArray,
    K::kTextArray,   K::kInt4range, K::kTstzrange};
const std::vector<K> kSqliteKinds = {K::kSmallint, K::kInteger, K::kBigint, K::kNumeric,
                                     K::kReal,     K::kDouble,  K::kText,   K::kVarchar,
                                     K::kChar,     K::kBoolean, K::kDate,   K::kTimestamp,
                                     K::kUuid,     K::kJsonb,   K::kBytea};
const std::vector<K> kPostgresKeyKinds = {K::kSmallint,    K::kInteger, K::kBigint, K::kNumeric,
                                          K::kText,        K::kVarchar, K::kChar,   K::kDate,
                                          K::kTimestamptz, K::kUuid};
const std::vector<K> kSqliteKeyKinds = {K::kInteger, K::kBigint,  K::kText,
                                        K::kVarchar, K::kNumeric, K::kDate};
const std::vector<std::string> kActions = {"NO ACTION", "RESTRICT", "CASCADE", "SET NULL",
                                           "SET DEFAULT"};
const std::vector<std::string> kLabelWords = {"new",  "open", "closed",     "red", "green",
                                              "it's", "late", "Mixed Case", "x"};

bool IsRange(K kind) { return kind == K::kInt4range || kind == K::kTstzrange; }

// Plain columns: what a generated expression, an expression index key or a
// hash index may use without caring about domains, identity or serial.
bool IsPlain(const Column& c) {
  return c.generated_from.empty() && c.identity == Identity::kNone && !c.serial &&
         c.type.kind != K::kDomain && c.type.kind != K::kEnum;
}

}  // namespace

std::string Builder::NewName(std::string_view prefix) {
  return std::string(prefix) + std::to_string(s_.next_id++);
}

std::string Builder::NewColumnName() { return NewName(r_.Percent(6) ? "Col" : "c"); }

Name Builder::NewRelationName() {
  std::string schema = PickNamespace();
  return {std::move(schema), NewName(r_.Percent(5) ? "Tab" : "t")};
}

std::string Builder::PickNamespace() {
  if (!postgres()) return "";
  if (s_.namespaces.empty() || r_.Percent(50)) return "public";
  return r_.Pick(s_.namespaces).name;
}

Type Builder::RandomType() {
  std::vector<K> kinds = postgres() ? kPostgresKinds : kSqliteKinds;
  // Enums and domains weigh twice, so that plenty of columns use them.
  for (int i = 0; i < 2; ++i) {
    if (!s_.enums.empty()) kinds.push_back(K::kEnum);
    if (!s_.domains.empty()) kinds.push_back(K::kDomain);
  }
  Type t;
  t.kind = r_.Pick(kinds);
  switch (t.kind) {
    case K::kNumeric:
      t.length = r_.Between(6, 12);
      t.scale = r_.Between(0, 2);
      break;
    case K::kVarchar:
      t.length = r_.Between(8, 64);
      break;
    case K::kChar:
      t.length = r_.Between(4, 12);
      break;
    case K::kEnum:
      t.ref = r_.Pick(s_.enums).name;
      break;
    case K::kDomain:
      t.ref = r_.Pick(s_.domains).name;
      break;
    default:
      break;
  }
  return t;
}

Type Builder::RandomKeyType() {
  Type t;
  t.kind = r_.Pick(postgres() ? kPostgresKeyKinds : kSqliteKeyKinds);
  if (t.kind == K::kNumeric) t.length = 10;
  if (t.kind == K::kVarchar) t.length = 20;
  if (t.kind == K::kChar) t.length = 6;
  return t;
}

Default Builder::RandomDefault(const Type& type) {
  Default d;
  if (r_.Percent(50)) return d;
  std::vector<DefaultKind> kinds = {DefaultKind::kConstant};
  const K k = type.kind;
  if (k != K::kUuid && k != K::kEnum && k != K::kDomain) kinds.push_back(DefaultKind::kExpression);
  if (k == K::kDate || k == K::kTimestamp || k == K::kTimestamptz ||
      (k == K::kUuid && postgres())) {
    kinds.push_back(DefaultKind::kNow);
  }
  if (postgres() && (k == K::kInteger || k == K::kBigint) && !s_.sequences.empty()) {
    kinds.push_back(DefaultKind::kNextval);
  }
  if (postgres() && IsIntegerLike(k) && !s_.functions.empty()) {
    kinds.push_back(DefaultKind::kFunction);
  }
  d.kind = r_.Pick(kinds);
  d.variant = r_.Between(0, 99);
  return d;
}

Column Builder::RandomColumn() {
  Column c;
  c.name = NewColumnName();
  c.type = RandomType();
  c.not_null = r_.Percent(30);
  c.default_value = RandomDefault(c.type);
  c.collate_c = IsTextLike(c.type.kind) && r_.Percent(25);
  c.comment = MaybeComment(15);
  return c;
}

std::optional<Column> Builder::GeneratedColumn(const Table& table) {
  std::vector<const Column*> sources;
  for (const Column& c : table.columns) {
    if (IsPlain(c) && (IsIntegerLike(c.type.kind) || IsTextLike(c.type.kind)))
      sources.push_back(&c);
  }
  if (sources.empty()) return std::nullopt;
  const Column& source = *r_.Pick(sources);
  Column g;
  g.name = NewColumnName();
  g.type.kind = IsIntegerLike(source.type.kind) ? K::kBigint : K::kText;
  g.generated_from = source.name;
  g.not_null = r_.Percent(10);
  return g;
}

std::string Builder::MaybeComment(int percent) {
  if (!postgres() || !r_.Percent(percent)) return "";
  return NewComment();
}

std::string Builder::NewComment() {
  return (r_.Percent(20) ? "it's note " : "note ") + std::to_string(s_.next_id++);
}

Table& Builder::AddTable() {
  Table t;
  t.name = NewRelationName();
  Constraint pk;
  pk.name = NewName("pk");
  pk.kind = ConstraintKind::kPrimaryKey;
  auto key_column = [&](Type type) {
    Column c;
    c.name = NewColumnName();
    c.type = std::move(type);
    c.not_null = true;
    pk.columns.push_back(c.name);
    t.columns.push_back(std::move(c));
    return &t.columns.back();
  };
  const int style = postgres() ? r_.Between(0, 7) : r_.Between(0, 3);
  if (postgres()) {
    if (style == 0) key_column(Type::Of(K::kBigint))->identity = Identity::kAlways;
    if (style == 1) {
      Column* c = key_column(Type::Of(K::kInteger));
      c->identity = Identity::kByDefault;
      if (r_.Percent(50)) c->identity_start = r_.Between(2, 1000);
    }
    if (style == 2) key_column(Type::Of(K::kInteger))->serial = true;
    if (style == 3) key_column(Type::Of(K::kBigint))->serial = true;
    if (style == 4) key_column(Type::Of(K::kUuid))->default_value = {DefaultKind::kNow, 0};
    if (style == 5) {
      Column* c = key_column(RandomKeyType());
      c->collate_c = IsTextLike(c->type.kind) && r_.Percent(50);
    }
    if (style == 6) {
      key_column(Type::Of(K::kInteger));
      key_column(Type::Of(K::kVarchar, 20));
    }
  } else {
    if (style == 0) key_column(Type::Of(K::kInteger));
    if (style == 1) key_column(RandomKeyType());
    if (style == 2) {
      key_column(Type::Of(K::kInteger));
      key_column(Type::Of(K::kVarchar, 20));
    }
  }
  if (!pk.columns.empty()) t.constraints.push_back(std::move(pk));
  for (int i = r_.Between(2, 7); i > 0; --i) t.columns.push_back(RandomColumn());
  if (r_.Percent(30)) {
    if (auto g = GeneratedColumn(t)) t.columns.push_back(std::move(*g));
  }
  if (postgres()) {
    // Ranges are rare among random types; exclusion constraints need one.
    const bool has_range = std::any_of(t.columns.begin(), t.columns.end(),
                                       [](const Column& c) { return IsRange(c.type.kind); });
    if (!has_range && r_.Percent(20)) {
      Column c = RandomColumn();
      c.type = Type::Of(r_.Percent(50) ? K::kTstzrange : K::kInt4range);
      c.default_value = {};
      t.columns.push_back(std::move(c));
    }
    if (r_.Percent(50)) {
      if (auto x = Exclusion(t)) t.constraints.push_back(std::move(*x));
    }
  }
  for (int i = r_.Between(0, 2); i > 0; --i) {
    if (auto u = Unique(t)) t.constraints.push_back(std::move(*u));
  }
  for (int i = r_.Between(0, 3); i > 0; --i) t.constraints.push_back(Check(t));
  for (int i = r_.Between(0, 2); i > 0; --i) {
    if (auto fk = AnyForeignKey(t)) t.constraints.push_back(std::move(*fk));
  }
  for (Constraint& k : t.constraints) k.comment = MaybeComment(10);
  t.comment = MaybeComment();
  s_.tables.push_back(std::move(t));
  return s_.tables.back();
}

Constraint Builder::Check(const Table& table) {
  Constraint k;
  k.name = NewName("ck");
  k.kind = ConstraintKind::kCheck;
  k.columns.push_back(r_.Pick(table.columns).name);
  if (table.columns.size() > 1 && r_.Percent(20)) {
    std::string other;
    do other = r_.Pick(table.columns).name;
    while (other == k.columns[0]);
    k.columns.push_back(other);
  }
  k.variant = r_.Between(0, 99);
  return k;
}

std::optional<Constraint> Builder::Unique(const Table& table) {
  if (table.columns.empty()) return std::nullopt;
  Constraint k;
  k.name = NewName("uq");
  k.kind = ConstraintKind::kUnique;
  k.columns.push_back(r_.Pick(table.columns).name);
  if (table.columns.size() > 1 && r_.Percent(40)) {
    std::string other;
    do other = r_.Pick(table.columns).name;
    while (other == k.columns[0]);
    k.columns.push_back(other);
  }
  // PostgreSQL drops a key that repeats another key's columns in CREATE TABLE.
  std::vector<std::string> wanted = k.columns;
  std::sort(wanted.begin(), wanted.end());
  for (const Constraint& other : table.constraints) {
    std::vector<std::string> columns = other.columns;
    std::sort(columns.begin(), columns.end());
    const bool key =
        other.kind == ConstraintKind::kPrimaryKey || other.kind == ConstraintKind::kUnique;
    if (key && columns == wanted) return std::nullopt;
  }
  k.nulls_not_distinct = postgres() && r_.Percent(25);
  return k;
}

std::optional<Constraint> Builder::ForeignKey(Table& table, const Table& target) {
  std::vector<const Constraint*> keys;
  for (const Constraint& k : target.constraints) {
    if (k.kind == ConstraintKind::kPrimaryKey || k.kind == ConstraintKind::kUnique) {
      keys.push_back(&k);
    }
  }
  if (keys.empty()) return std::nullopt;
  const Constraint& key = *r_.Pick(keys);
  Constraint fk;
  fk.name = NewName("fk");
  fk.kind = ConstraintKind::kForeignKey;
  fk.ref_table = target.name;
  fk.ref_columns = key.columns;
  // Copied first: `target` may be `table`, whose columns are about to grow.
  std::vector<Column> referencing;
  for (const std::string& name : key.columns) {
    const Column* ref = FindColumn(target, name);
    Column c;
    c.name = NewColumnName();
    c.type = ref->type;
    c.collate_c = ref->collate_c;
    c.not_null = r_.Percent(20);
    fk.columns.push_back(c.name);
    referencing.push_back(std::move(c));
  }
  for (Column& c : referencing) table.columns.push_back(std::move(c));
  fk.on_delete = r_.Percent(50) ? "NO ACTION" : r_.Pick(kActions);
  fk.on_update = r_.Percent(70) ? "NO ACTION" : r_.Pick(kActions);
  fk.deferred = r_.Percent(25);
  return fk;
}

std::optional<Constraint> Builder::AnyForeignKey(Table& table) {
  // Earlier tables, or now and then the table itself.
  if (s_.tables.empty() || r_.Percent(15)) return ForeignKey(table, table);
  const Table target = r_.Pick(s_.tables);
  if (target.name == table.name) return ForeignKey(table, table);
  return ForeignKey(table, target);
}

std::optional<Constraint> Builder::Exclusion(const Table& table) {
  std::vector<std::string> ranges;
  for (const Column& c : table.columns) {
    if (IsRange(c.type.kind)) ranges.push_back(c.name);
  }
  if (ranges.empty()) return std::nullopt;
  Constraint k;
  k.name = NewName("ex");
  k.kind = ConstraintKind::kExclusion;
  k.columns.push_back(r_.Pick(ranges));
  return k;
}

std::optional<Index> Builder::RandomIndex() {
  std::vector<Name> matviews;
  for (const View& v : s_.views) {
    if (v.materialized) matviews.push_back(v.name);
  }
  if (!matviews.empty() && r_.Percent(15)) return IndexOn(r_.Pick(matviews), NewName("ix"));
  if (s_.tables.empty()) return std::nullopt;
  return IndexOn(r_.Pick(s_.tables).name, NewName("ix"));
}

std::optional<Index> Builder::IndexOn(const Name& relation, std::string name) {
  const std::vector<std::string> names = RelationColumns(s_, relation);
  if (names.empty()) return std::nullopt;
  Index ix;
  ix.name = {relation.schema, std::move(name)};
  ix.table = relation;
  const Table* table = FindTable(s_, relation);
  if (!table) {  // a materialized view: its column types are not modelled
    ix.keys.push_back({r_.Pick(names)});
    ix.unique = r_.Percent(20);
    return ix;
  }
  std::vector<const Column*> gin, hash;
  for (const Column& c : table->columns) {
    const K k = c.type.kind;
    if (k == K::kJsonb || k == K::kIntArray || k == K::kTextArray) gin.push_back(&c);
    if (IsPlain(c) && (IsIntegerLike(k) || IsTextLike(k) || k == K::kUuid || k == K::kDate)) {
      hash.push_back(&c);
    }
  }
  if (postgres() && !gin.empty() && r_.Percent(25)) {
    ix.method = IndexMethod::kGin;
    ix.keys.push_back({r_.Pick(gin)->name});
    return ix;
  }
  if (postgres() && !hash.empty() && r_.Percent(12)) {
    ix.method = IndexMethod::kHash;
    ix.keys.push_back({r_.Pick(hash)->name});
    return ix;
  }
  std::vector<const Column*> pool;
  for (const Column& c : table->columns) pool.push_back(&c);
  const int count = r_.Between(1, std::min<int>(3, static_cast<int>(pool.size())));
  for (int i = 0; i < count; ++i) {
    const size_t at = r_.Index(pool.size());
    const Column& c = *pool[at];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(at));
    IndexKey key{c.name};
    if (IsPlain(c) && r_.Percent(30)) {
      if (IsTextLike(c.type.kind)) key.expression = KeyExpression::kLower;
      if (IsIntegerLike(c.type.kind)) key.expression = KeyExpression::kPlus;
      if (c.type.kind == K::kJsonb) key.expression = KeyExpression::kField;
    }
    key.desc = r_.Percent(30);
    ix.keys.push_back(std::move(key));
  }
  ix.unique = r_.Percent(20);
  if (postgres() && !pool.empty() && r_.Percent(20)) ix.include.push_back(r_.Pick(pool)->name);
  if (r_.Percent(25)) ix.where_not_null = r_.Pick(table->columns).name;
  ix.comment = MaybeComment(20);
  return ix;
}

std::optional<View> Builder::RandomView(bool materialized) {
  std::vector<Name> sources;
  for (const Table& t : s_.tables) {
    if (!t.columns.empty()) sources.push_back(t.name);
  }
  for (const View& v : s_.views) sources.push_back(v.name);
  if (sources.empty()) return std::nullopt;
  View v;
  v.materialized = materialized && postgres();
  v.name = {PickNamespace(), NewName(v.materialized ? "mv" : "v")};
  v.from.push_back(r_.Pick(sources));
  if (r_.Percent(40)) v.from.push_back(r_.Pick(sources));
  RandomViewBody(v);
  v.comment = MaybeComment();
  return v;
}

void Builder::RandomViewBody(View& view) {
  view.columns.clear();
  for (int i = r_.Between(1, 4); i > 0; --i) {
    const int source = static_cast<int>(r_.Index(view.from.size()));
    view.columns.push_back({source, r_.Pick(RelationColumns(s_, view.from[source]))});
  }
  view.where_variant = r_.Between(0, 3);
}

Enum Builder::RandomEnum() {
  Enum e;
  e.name = {PickNamespace(), NewName("e")};
  for (int i = r_.Between(2, 5); i > 0; --i) e.labels.push_back(NewEnumLabel(e));
  e.comment = MaybeComment();
  return e;
}

Domain Builder::RandomDomain() {
  Domain d;
  d.name = {PickNamespace(), NewName("d")};
  d.base = r_.Percent(60) ? K::kInteger : K::kText;
  d.check_min = r_.Between(0, 50);
  d.not_null = r_.Percent(20);
  d.has_default = r_.Percent(40);
  d.comment = MaybeComment();
  return d;
}

std::string Builder::NewEnumLabel(const Enum& e) {
  const std::string& word = r_.Pick(kLabelWords);
  if (std::find(e.labels.begin(), e.labels.end(), word) == e.labels.end()) return word;
  return NewName("l");
}

}  // namespace strata::schema_gen
