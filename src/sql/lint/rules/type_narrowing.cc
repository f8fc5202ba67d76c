// type-narrowing: ALTER COLUMN ... TYPE to a type that holds fewer values.
#include <optional>

#include "base/numbers.h"
#include "base/strings.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// A type reduced to what narrowing depends on: its canonical name and limits.
struct Shape {
  std::string name;           // canonical: "int4", "varchar", "numeric", "timestamptz", ...
  std::vector<int64_t> mods;  // varchar(20) -> {20}
  bool array = false;
};

// Spellings that name the same type, as written or as an inspected catalog shows them.
std::string Canonical(const std::string& name) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"smallint", "int2"},
      {"smallserial", "int2"},
      {"serial2", "int2"},
      {"integer", "int4"},
      {"int", "int4"},
      {"serial", "int4"},
      {"serial4", "int4"},
      {"bigint", "int8"},
      {"bigserial", "int8"},
      {"serial8", "int8"},
      {"decimal", "numeric"},
      {"real", "float4"},
      {"double precision", "float8"},
      {"float", "float8"},
      {"character varying", "varchar"},
      {"character", "bpchar"},
      {"char", "bpchar"},
      {"citext", "text"},
      {"timestamp with time zone", "timestamptz"},
      {"timestamp without time zone", "timestamp"},
      {"time with time zone", "timetz"},
      {"time without time zone", "time"},
  };
  for (const auto& [alias, canonical] : kAliases) {
    if (name == alias) return canonical;
  }
  return name;
}

// Reads a TypeRef; a name with its modifiers in it ("varchar(20)", as an inspected
// schema may spell it) is split into name and modifiers. nullopt when such a
// modifier is not a whole number ("varchar(max)"): then strata cannot tell.
std::optional<Shape> ShapeOf(const TypeRef& t) {
  Shape s{ToLower(t.name), t.modifiers, t.array};
  if (s.name.size() > 2 && s.name.compare(s.name.size() - 2, 2, "[]") == 0) {
    s.array = true;
    s.name.resize(s.name.size() - 2);
  }
  if (const size_t open = s.name.find('('); open != std::string::npos) {
    const size_t close = s.name.find(')', open);
    const std::string args =
        s.name.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    if (s.mods.empty()) {
      for (const std::string& a : SplitAndTrim(args, ',')) {
        const Result<int64_t> mod = ParseInt64(a);
        if (!mod.ok()) return std::nullopt;
        s.mods.push_back(*mod);
      }
    }
    // "timestamp(3) with time zone": keep what follows the modifiers.
    std::string rest = close == std::string::npos ? "" : s.name.substr(close + 1);
    s.name = std::string(Trim(s.name.substr(0, open)));
    if (!Trim(rest).empty()) s.name += " " + std::string(Trim(rest));
  }
  s.name = Canonical(s.name);
  return s;
}

std::string Show(const TypeRef& t) {
  std::string out = t.name;
  if (!t.modifiers.empty() && out.find('(') == std::string::npos) {
    out += "(";
    for (size_t i = 0; i < t.modifiers.size(); ++i) {
      out += (i ? "," : "") + std::to_string(t.modifiers[i]);
    }
    out += ")";
  }
  if (t.array && out.find("[]") == std::string::npos) out += "[]";
  return out;
}

// Decimal digits an integer type needs: 32767, 2147483647, 9223372036854775807.
std::optional<int64_t> IntegerDigits(const std::string& name) {
  if (name == "int2") return 5;
  if (name == "int4") return 10;
  if (name == "int8") return 19;
  return std::nullopt;
}

bool IsString(const std::string& n) { return n == "text" || n == "varchar" || n == "bpchar"; }
bool IsFloat(const std::string& n) { return n == "float4" || n == "float8"; }
bool IsTimestamp(const std::string& n) { return n == "timestamp" || n == "timestamptz"; }
bool IsTime(const std::string& n) { return n == "time" || n == "timetz"; }

// Character limit of a string type; nullopt when unbounded.
std::optional<int64_t> Length(const Shape& s) {
  if (s.name == "text") return std::nullopt;
  if (!s.mods.empty()) return s.mods[0];
  if (s.name == "bpchar") return 1;  // char means char(1)
  return std::nullopt;               // varchar without a length
}

// Fractional-second digits of a time type: 6 unless given.
int64_t SecondsPrecision(const Shape& s) { return s.mods.empty() ? 6 : s.mods[0]; }

// Why `to` holds fewer values than `from`, or "" when it does not (or strata
// cannot tell, e.g. text to integer, which is a conversion, not a narrowing).
std::string Narrowing(const Shape& from, const Shape& to) {
  if (from.array != to.array) return "";
  const auto from_digits = IntegerDigits(from.name);
  const auto to_digits = IntegerDigits(to.name);
  if (from_digits && to_digits) {
    if (*to_digits < *from_digits) {
      return "larger values no longer fit: the ALTER fails if a row holds one, and old code "
             "writing one fails";
    }
    return "";
  }
  if (from.name == "numeric" && to_digits) {
    const bool fits = !from.mods.empty() && (from.mods.size() < 2 || from.mods[1] == 0) &&
                      from.mods[0] < *to_digits;
    return fits ? "" : "the fraction is rounded away silently and larger values no longer fit";
  }
  if (to.name == "numeric" && !to.mods.empty()) {
    const int64_t to_scale = to.mods.size() > 1 ? to.mods[1] : 0;
    const int64_t to_integer_digits = to.mods[0] - to_scale;
    if (from_digits) {
      return to_integer_digits < *from_digits ? "larger values no longer fit" : "";
    }
    if (IsFloat(from.name)) return "values are rounded silently and larger values no longer fit";
    if (from.name != "numeric") return "";
    if (from.mods.empty())
      return "values are rounded to the new scale and larger ones no longer fit";
    const int64_t from_scale = from.mods.size() > 1 ? from.mods[1] : 0;
    if (to_scale < from_scale) return "values are rounded silently to fewer decimal places";
    if (to_integer_digits < from.mods[0] - from_scale) return "larger values no longer fit";
    return "";
  }
  if (IsFloat(from.name) && to_digits) {
    return "the fraction is rounded away silently and larger values no longer fit";
  }
  if (from.name == "float8" && to.name == "float4") return "values lose precision silently";
  if (from.name == "numeric" && to.name == "float4") return "values lose precision silently";
  if (IsString(from.name) && (to.name == "varchar" || to.name == "bpchar")) {
    const auto from_length = Length(from);
    const auto to_length = Length(to);
    if (to_length && (!from_length || *to_length < *from_length)) {
      return "longer values no longer fit: the ALTER fails if a row holds one (or a USING cast "
             "cuts it silently), and old code writing one fails";
    }
    return "";
  }
  if (IsTimestamp(from.name) && to.name == "date") return "the time of day is dropped silently";
  if (IsTimestamp(from.name) && IsTime(to.name)) return "the date is dropped silently";
  if ((IsTimestamp(from.name) && IsTimestamp(to.name)) || (IsTime(from.name) && IsTime(to.name))) {
    if (SecondsPrecision(to) < SecondsPrecision(from)) {
      return "fractional seconds are rounded silently";
    }
  }
  return "";
}

// Targets narrow enough to flag even when the column's current type is unknown.
bool ClearlyNarrow(const Shape& to) {
  if (to.name == "int2" || to.name == "int4" || to.name == "bpchar") return true;
  return to.name == "varchar" && !to.mods.empty();
}

class TypeNarrowing final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "type-narrowing",
        Category::kCompatibility,
        Severity::kWarning,
        "ALTER COLUMN ... TYPE to a type that holds fewer values than the column's type.",
        "Existing rows may not fit: the ALTER then fails half way through a long table "
        "rewrite, or, for scale, precision and timestamp-to-date changes, silently rounds or "
        "drops part of every value. Application code still writing the old range fails on the "
        "values that no longer fit. A warning rather than an error because the harm depends on "
        "the data (a column whose values all fit is narrowed without loss), but it is never a "
        "zero-downtime change: it rewrites the table under an ACCESS EXCLUSIVE lock. Also "
        "reported in rollbacks, where undoing a widening fails once longer values exist.",
        "Check the data first (SELECT max(length(col)) ...). Then add a CHECK constraint NOT "
        "VALID with the new limit, VALIDATE it, and keep the wider type; or, expand/contract: "
        "add a column of the new type, backfill it in batches, switch the code, and drop the "
        "old column in a contract phase.",
        {Dialect::kPostgres}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    for (const AlterCmd* ap : AltersOfExistingTable(s, ctx, AlterKind::kAlterColumnType)) {
      const AlterCmd& a = *ap;
      const std::optional<Shape> to = ShapeOf(a.new_type);
      if (!to) continue;
      const std::string what = "changes " + s.table.Display() + "." + a.column + " ";
      const TypeRef* old_type = KnownColumnType(s, ctx, a.column);
      const std::optional<Shape> from = old_type == nullptr ? std::nullopt : ShapeOf(*old_type);
      if (!from) {
        if (ClearlyNarrow(*to)) {
          emit(a.offset, what + "to " + Show(a.new_type) +
                             ", which may be narrower than its "
                             "current type (unknown to strata)");
        }
        continue;
      }
      const std::string why = Narrowing(*from, *to);
      if (why.empty()) continue;
      emit(a.offset, what + "from " + Show(*old_type) + " to " + Show(a.new_type) + ": " + why);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTypeNarrowing() { return std::make_unique<TypeNarrowing>(); }

}  // namespace strata::sql::lint
