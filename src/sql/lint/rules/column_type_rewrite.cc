// column-type-rewrite: ALTER COLUMN ... TYPE that rewrites the table and its
// indexes under ACCESS EXCLUSIVE.
#include <cstdint>
#include <string>

#include "base/strings.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// The name PostgreSQL's catalog uses, for the long spellings an introspected
// schema may carry.
std::string Canonical(const std::string& name) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"character varying", "varchar"},
      {"character", "bpchar"},
      {"decimal", "numeric"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"bit varying", "varbit"},
      {"integer", "int4"},
      {"int", "int4"},
      {"bigint", "int8"},
      {"smallint", "int2"},
  };
  std::string lower = ToLower(name);
  for (const auto& [alias, canonical] : kAliases) {
    if (lower == alias) return canonical;
  }
  return lower;
}

int64_t Modifier(const TypeRef& t, size_t i, int64_t absent) {
  return i < t.modifiers.size() ? t.modifiers[i] : absent;
}

// True when PostgreSQL (11 to 15) changes `from` to `to` in the catalog only,
// without touching a row: the new type reads the old bytes as they are, or only
// a length or precision limit is relaxed. Everything else rewrites.
bool KeepsRows(const TypeRef& from, const TypeRef& to) {
  const std::string f = Canonical(from.name);
  const std::string t = Canonical(to.name);
  if (from.array != to.array) return false;
  if (f == t && from.modifiers == to.modifiers) return true;  // nothing changes
  if (from.array) return false;  // element by element: assume a rewrite
  const bool unlimited = to.modifiers.empty();
  if (t == "text") return f == "varchar";
  if (f == "text" && t == "varchar") return unlimited;
  if (f == "cidr" && t == "inet") return true;
  if (f != t) return false;
  // The same type with another limit: no rewrite when the new one is looser.
  if (f == "varchar" || f == "varbit") {
    return unlimited || (!from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0]);
  }
  if (f == "numeric") {  // numeric(p) means numeric(p, 0)
    return unlimited || (!from.modifiers.empty() && Modifier(to, 1, 0) == Modifier(from, 1, 0) &&
                         to.modifiers[0] >= from.modifiers[0]);
  }
  if (f == "timestamp" || f == "timestamptz") {  // 6 digits is the most there is
    return unlimited || to.modifiers[0] >= 6 ||
           (!from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0]);
  }
  if (f == "interval") return unlimited;
  return false;
}

// A target that never rewrites from the types it is usually changed from
// (varchar(n), text).
bool NeverRewritesFromText(const TypeRef& to) {
  const std::string t = Canonical(to.name);
  return !to.array && (t == "text" || (t == "varchar" && to.modifiers.empty()));
}

std::string Display(const TypeRef& t) {
  std::string out = t.name;
  if (!t.modifiers.empty()) {
    out += "(";
    for (size_t i = 0; i < t.modifiers.size(); ++i) {
      out += (i ? "," : "") + std::to_string(t.modifiers[i]);
    }
    out += ")";
  }
  return t.array ? out + "[]" : out;
}

class ColumnTypeRewrite final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "column-type-rewrite",
        Category::kLocking,
        Severity::kError,
        "ALTER COLUMN ... TYPE that rewrites the table and its indexes.",
        "Changing a column's type holds an ACCESS EXCLUSIVE lock while PostgreSQL rewrites "
        "every row and rebuilds every index of the table: all queries on it, reads included, "
        "wait for the whole rewrite, which also needs the disk space of a second copy.",
        "Expand and contract: add a column of the new type, keep it in step with the old one "
        "(a trigger, or writes from the application), backfill it in batches, move readers to "
        "it, then drop the old column. Changes that only relax a limit do not rewrite: "
        "varchar(n) to varchar(m >= n), to varchar or to text; text to varchar; numeric(p,s) to "
        "numeric(p2 >= p, s) or to numeric; cidr to inet.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kAlterColumnType)) {
      const AlterCmd& a = *ap;
      const std::string column = s.table.Display() + "." + a.column;
      const std::string effect =
          ", which rewrites " + s.table.Display() + " and every index on it under ACCESS EXCLUSIVE";
      const TypeRef* from = KnownColumnType(s, ctx, a.column);
      if (a.has_using) {
        emit(a.offset, "changes the type of " + column + " to " + Display(a.new_type) +
                           " with USING" + effect);
      } else if (from == nullptr) {
        if (NeverRewritesFromText(a.new_type)) continue;
        emit(a.offset, "changes the type of " + column + " to " + Display(a.new_type) +
                           "; strata does not know its current type, and unless the change only "
                           "relaxes a length or precision limit it rewrites " +
                           s.table.Display() + " and every index on it under ACCESS EXCLUSIVE");
      } else if (!KeepsRows(*from, a.new_type)) {
        std::string message =
            "changes " + column + " from " + Display(*from) + " to " + Display(a.new_type) + effect;
        if (Canonical(from->name) == "timestamp" && Canonical(a.new_type.name) == "timestamptz") {
          message += " (PostgreSQL 12+ skips the rewrite only when the session TimeZone is UTC)";
        }
        emit(a.offset, std::move(message));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeColumnTypeRewrite() { return std::make_unique<ColumnTypeRewrite>(); }

}  // namespace strata::sql::lint
