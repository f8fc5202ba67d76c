// The SQLite plan: schema SQL; the order of sections is documented in plan.h.
#include "driver/sqlite/plan.h"

#include <algorithm>

#include "base/strings.h"
#include "driver/sql_text.h"
#include "driver/sqlite/render.h"
#include "driver/sqlite/tokens.h"

namespace strata::driver::sqlite {
namespace {

using catalog::Column;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Generated;
using catalog::Index;
using catalog::Table;
using catalog::Trigger;
using catalog::View;

void Section(std::string& out, std::string_view title, const std::vector<std::string>& statements) {
  if (statements.empty()) return;
  out += "\n-- ";
  out += title;
  out += "\n";
  for (const std::string& s : statements) out += s + ";\n";
}

// SQLite's type affinity of a declared type (section 3.1 of its datatype rules).
std::string Affinity(const std::string& declared) {
  const std::string t = ToLower(declared);
  if (t.find("int") != std::string::npos) return "integer";
  for (const char* text : {"char", "clob", "text"}) {
    if (t.find(text) != std::string::npos) return "text";
  }
  if (t.empty() || t.find("blob") != std::string::npos) return "blob";
  for (const char* real : {"real", "floa", "doub"}) {
    if (t.find(real) != std::string::npos) return "real";
  }
  return "numeric";
}

bool InKey(const Table& t, const std::string& column) {
  for (const Constraint& k : t.constraints) {
    if (k.kind != ConstraintKind::kPrimaryKey && k.kind != ConstraintKind::kUnique) continue;
    if (std::find(k.columns.begin(), k.columns.end(), column) != k.columns.end()) return true;
  }
  return false;
}

// Whether ALTER TABLE ADD COLUMN accepts `c` (SQLite's documented limits): no
// key, no STORED generation, a constant default, and a NOT NULL one has a
// default other than NULL.
bool CanAddColumn(const Table& t, const Column& c) {
  if (InKey(t, c.name) || c.autoincrement || c.generated == Generated::kStored) return false;
  if (!c.default_expr) return !c.not_null;
  const std::vector<ddl::Token> tokens = ddl::Tokenize(*c.default_expr);
  using Kind = ddl::Token::Kind;
  const bool constant =
      (tokens.size() == 1 && tokens[0].kind != Kind::kOperator && tokens[0].kind != Kind::kWord) ||
      (tokens.size() == 1 && tokens[0].kind == Kind::kWord &&
       (EqualsIgnoreCase(tokens[0].text, "NULL") || EqualsIgnoreCase(tokens[0].text, "TRUE") ||
        EqualsIgnoreCase(tokens[0].text, "FALSE"))) ||
      (tokens.size() == 2 && tokens[0].kind == Kind::kOperator && tokens[1].kind == Kind::kNumber);
  if (!constant) return false;
  return !c.not_null || !EqualsIgnoreCase(*c.default_expr, "NULL");
}

class SqliteRules final : public diff::Rules {
 public:
  bool NeedsRebuild(const Table& from, const Table& to) const override {
    if (from.without_rowid != to.without_rowid || from.strict != to.strict ||
        from.constraints != to.constraints) {
      return true;
    }
    for (const Column& a : from.columns) {
      auto b = std::find_if(to.columns.begin(), to.columns.end(),
                            [&](const Column& c) { return c.name == a.name; });
      if (b == to.columns.end() || !(*b == a)) return true;
    }
    for (const Column& b : to.columns) {
      auto a = std::find_if(from.columns.begin(), from.columns.end(),
                            [&](const Column& c) { return c.name == b.name; });
      if (a == from.columns.end() && !CanAddColumn(to, b)) return true;
    }
    return false;
  }
  bool TypeChangeLosesData(const std::string& from, const std::string& to) const override {
    // Values keep their storage class unless the column's affinity changes.
    return Affinity(from) != Affinity(to);
  }
  bool ForeignKeysBindToKeys() const override { return false; }
};

class SqlitePlanner final : public Planner {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string SchemaSql(const catalog::Catalog& catalog) const override {
    return sqlite::SchemaSql(catalog);
  }
  const diff::Rules& DiffRules() const override { return sqlite::DiffRules(); }
  std::vector<PlannedStatement> PlanChanges(const catalog::Changes& changes,
                                            const catalog::Catalog& from,
                                            const catalog::Catalog& to) const override {
    return sqlite::PlanChanges(changes, from, to);
  }
};

}  // namespace

std::string SchemaSql(const catalog::Catalog& c) {
  std::string out = "-- strata schema dump (SQLite)\n";
  std::vector<std::string> tables, indexes, views, triggers;
  for (const Table& t : c.tables) tables.push_back(TableSql(t));
  for (const Index& i : c.indexes) indexes.push_back(IndexSql(i));
  for (const View& v : c.views) views.push_back(ViewSql(v));
  for (const Trigger& t : c.triggers) triggers.push_back(t.definition);
  Section(out, "Tables", tables);
  Section(out, "Indexes", indexes);
  Section(out, "Views", views);
  Section(out, "Triggers", triggers);
  return out;
}

const diff::Rules& DiffRules() {
  static const SqliteRules kRules;
  return kRules;
}

std::unique_ptr<Planner> NewPlanner() { return std::make_unique<SqlitePlanner>(); }

}  // namespace strata::driver::sqlite
