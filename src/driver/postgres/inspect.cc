// PostgreSQL introspection: the rows of inspect_queries.h made into a Catalog.
#include "driver/postgres/inspect.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "driver/postgres/inspect_queries.h"
#include "driver/sql_text.h"

namespace strata::driver::postgres {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::ColumnRef;
using catalog::CompositeAttribute;
using catalog::CompositeType;
using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Domain;
using catalog::EnumType;
using catalog::Function;
using catalog::Generated;
using catalog::Identity;
using catalog::Index;
using catalog::Policy;
using catalog::QualifiedName;
using catalog::RoutineKind;
using catalog::Sequence;
using catalog::SequenceOptions;
using catalog::Table;
using catalog::TriggerState;
using catalog::View;

using json = nlohmann::json;

std::string Text(const Row& r, size_t i) { return r.at(i).value_or(""); }
bool Bool(const Row& r, size_t i) { return r.at(i) == "t"; }
QualifiedName Name(const Row& r, size_t i) { return {Text(r, i), Text(r, i + 1)}; }

// A collation given as schema and name in columns i and i+1; none when NULL.
std::optional<QualifiedName> Collation(const Row& r, size_t i) {
  if (!r.at(i + 1)) return std::nullopt;
  return Name(r, i);
}

// A json column; NULL (json_agg over no rows) is an empty array.
Result<json> Json(const Row& r, size_t i, std::string_view what) {
  if (!r.at(i)) return json::array();
  json j = json::parse(*r[i], nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::Internal("PostgreSQL returned unreadable json for " + std::string(what));
  }
  return j;
}

// Element i of a json array as text; "" when absent or not a string (never throws).
std::string StrAt(const json& array, size_t i) {
  if (!array.is_array() || i >= array.size() || !array[i].is_string()) return "";
  return array[i].get<std::string>();
}

Result<std::vector<std::string>> Strings(const Row& r, size_t i, std::string_view what) {
  STRATA_ASSIGN_OR_RETURN(json j, Json(r, i, what));
  std::vector<std::string> out;
  for (const json& item : j) out.push_back(item.is_string() ? item.get<std::string>() : "");
  return out;
}

Result<std::vector<QualifiedName>> Names(const Row& r, size_t i, std::string_view what) {
  STRATA_ASSIGN_OR_RETURN(json j, Json(r, i, what));
  std::vector<QualifiedName> out;
  for (const json& pair : j) out.push_back({StrAt(pair, 0), StrAt(pair, 1)});
  return out;
}

std::string WithoutSemicolon(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.back() == ';') text.remove_suffix(1);
  return std::string(Trim(text));
}

SequenceOptions Options(const Row& r, size_t i) {
  return {Text(r, i),     Text(r, i + 1), Text(r, i + 2), Text(r, i + 3),
          Text(r, i + 4), Text(r, i + 5), Bool(r, i + 6)};
}

std::string Action(const std::string& code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "NO ACTION";
}

std::string Match(const std::string& code) {
  if (code == "f") return "FULL";
  if (code == "p") return "PARTIAL";
  return "SIMPLE";
}

ConstraintKind KindOf(const std::string& contype) {
  if (contype == "p") return ConstraintKind::kPrimaryKey;
  if (contype == "u") return ConstraintKind::kUnique;
  if (contype == "f") return ConstraintKind::kForeignKey;
  if (contype == "x") return ConstraintKind::kExclusion;
  return ConstraintKind::kCheck;
}

std::string Command(const std::string& polcmd) {
  if (polcmd == "r") return "SELECT";
  if (polcmd == "a") return "INSERT";
  if (polcmd == "w") return "UPDATE";
  if (polcmd == "d") return "DELETE";
  return "ALL";
}

TriggerState StateOf(const std::string& tgenabled) {
  if (tgenabled == "D") return TriggerState::kDisabled;
  if (tgenabled == "R") return TriggerState::kReplica;
  if (tgenabled == "A") return TriggerState::kAlways;
  return TriggerState::kEnabled;
}

// A list partition's values in sorted order: the server keeps them as they
// were written, but "IN ('2', '1')" and "IN ('1', '2')" are the same bound.
std::string CanonicalBound(const std::string& bound) {
  const std::string_view prefix = "FOR VALUES IN (";
  if (bound.rfind(prefix, 0) != 0 || bound.back() != ')') return bound;
  const size_t open = prefix.size() - 1;
  if (MatchingParen(bound, open) != bound.size() - 1) return bound;
  std::vector<std::string> values =
      SplitTopLevel(std::string_view(bound).substr(open + 1, bound.size() - open - 2), ',');
  std::sort(values.begin(), values.end());
  std::string out(prefix);
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
  return out + ")";
}

// The key list of pg_get_indexdef's "CREATE INDEX n ON t USING m (k1, k2) ...":
// the first parenthesis outside quoted names opens it.
Result<std::vector<std::string>> IndexKeys(std::string_view def, const QualifiedName& index) {
  for (size_t i = 0; i < def.size(); ++i) {
    if (def[i] == '"') {
      i = EndOfQuoted(def, i) - 1;
    } else if (def[i] == '(') {
      const size_t close = MatchingParen(def, i);
      if (close == std::string_view::npos) break;
      return SplitTopLevel(def.substr(i + 1, close - i - 1), ',');
    }
  }
  return Status::Internal("cannot read the key list of index " + index.schema + "." + index.name +
                          " from: " + std::string(def));
}

// Runs the queries; $1, where a query takes it, is the excluded table list.
class Reader {
 public:
  Reader(Connection& conn, const InspectOptions& options) : conn_(conn) {
    excluded_ =
        json{{"names", options.excluded_tables}, {"prefixes", options.excluded_prefixes}}.dump();
  }

  Result<Rows> Run(const std::string& sql, bool takes_excluded) {
    Result<Rows> rows =
        conn_.Query(sql, takes_excluded ? std::vector<Value>{excluded_} : std::vector<Value>{});
    if (!rows.ok()) return rows.take_status().Prefixed("reading the PostgreSQL catalog: ");
    return rows;
  }

  Status ReadTypes(Catalog& c) {
    STRATA_ASSIGN_OR_RETURN(Rows schemas, Run(queries::Schemas(), false));
    for (const Row& r : schemas.rows) c.schemas.push_back({Text(r, 0), Text(r, 1)});
    STRATA_ASSIGN_OR_RETURN(Rows extensions, Run(queries::Extensions(), false));
    for (const Row& r : extensions.rows) {
      c.extensions.push_back({Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3)});
    }
    STRATA_ASSIGN_OR_RETURN(Rows enums, Run(queries::Enums(), false));
    for (const Row& r : enums.rows) {
      EnumType e{Name(r, 0), {}, Text(r, 3)};
      STRATA_ASSIGN_OR_RETURN(e.labels, Strings(r, 2, "enum labels"));
      c.enums.push_back(std::move(e));
    }
    STRATA_ASSIGN_OR_RETURN(Rows domains, Run(queries::Domains(), false));
    for (const Row& r : domains.rows) {
      Domain d;
      d.name = Name(r, 0);
      d.base_type = Text(r, 2);
      d.not_null = Bool(r, 3);
      d.default_expr = r.at(4);
      d.collation = Collation(r, 5);
      STRATA_ASSIGN_OR_RETURN(json checks, Json(r, 7, "domain constraints"));
      for (const json& k : checks) d.constraints.push_back({StrAt(k, 0), StrAt(k, 1)});
      d.comment = Text(r, 8);
      c.domains.push_back(std::move(d));
    }
    STRATA_ASSIGN_OR_RETURN(Rows composites, Run(queries::CompositeTypes(), false));
    for (const Row& r : composites.rows) {
      CompositeType t{Name(r, 0), {}, Text(r, 3)};
      STRATA_ASSIGN_OR_RETURN(json attributes, Json(r, 2, "composite type attributes"));
      for (const json& a : attributes) {
        CompositeAttribute attribute{StrAt(a, 0), StrAt(a, 1), {}};
        if (!StrAt(a, 3).empty()) attribute.collation = QualifiedName{StrAt(a, 2), StrAt(a, 3)};
        t.attributes.push_back(std::move(attribute));
      }
      c.composite_types.push_back(std::move(t));
    }
    return Status::Ok();
  }

  Status ReadRoutinesAndSequences(Catalog& c) {
    STRATA_ASSIGN_OR_RETURN(Rows sequences, Run(queries::Sequences(), true));
    for (const Row& r : sequences.rows) {
      Sequence s{Name(r, 0), Options(r, 2), std::nullopt, Text(r, 12)};
      if (r.at(10)) s.owned_by = ColumnRef{Name(r, 9), Text(r, 11)};
      c.sequences.push_back(std::move(s));
    }
    STRATA_ASSIGN_OR_RETURN(Rows functions, Run(queries::Functions(), false));
    for (const Row& r : functions.rows) {
      Function f;
      f.name = Name(r, 0);
      f.arguments = Text(r, 2);
      f.kind = Text(r, 3) == "p" ? RoutineKind::kProcedure : RoutineKind::kFunction;
      f.result = Text(r, 4);
      f.language = Text(r, 5);
      f.definition = std::string(Trim(Text(r, 6)));
      f.comment = Text(r, 7);
      f.uses_tables = Bool(r, 8);
      f.uses_views = Bool(r, 9);
      c.functions.push_back(std::move(f));
    }
    return Status::Ok();
  }

  Status ReadTables(Catalog& c) {
    STRATA_ASSIGN_OR_RETURN(Rows tables, Run(queries::Tables(), true));
    std::map<QualifiedName, size_t> where;
    for (const Row& r : tables.rows) {
      Table t;
      t.name = Name(r, 0);
      t.unlogged = Bool(r, 3);
      t.partition_key = Text(r, 4);
      if (r.at(6)) t.partition_of = Name(r, 5);
      t.partition_bound = CanonicalBound(Text(r, 7));
      STRATA_ASSIGN_OR_RETURN(t.inherits, Names(r, 8, "table parents"));
      STRATA_ASSIGN_OR_RETURN(t.options, Strings(r, 9, "table options"));
      t.row_security = Bool(r, 10);
      t.force_row_security = Bool(r, 11);
      t.comment = Text(r, 12);
      where[t.name] = c.tables.size();
      c.tables.push_back(std::move(t));
    }
    STRATA_ASSIGN_OR_RETURN(Rows columns, Run(queries::Columns(), true));
    for (const Row& r : columns.rows) {
      auto it = where.find(Name(r, 0));
      if (it == where.end()) continue;  // defensive: one snapshot, the same filters
      Column col;
      col.name = Text(r, 2);
      col.type = Text(r, 3);
      col.not_null = Bool(r, 4);
      col.default_expr = r.at(5);
      const std::string identity = Text(r, 6);
      col.identity = identity == "a"   ? Identity::kAlways
                     : identity == "d" ? Identity::kByDefault
                                       : Identity::kNone;
      if (col.identity != Identity::kNone) col.identity_options = Options(r, 11);
      if (Text(r, 7) == "s") {
        col.generated = Generated::kStored;
        col.generation_expr = Text(r, 8);
      }
      col.collation = Collation(r, 9);
      col.inherited = Bool(r, 18);
      col.comment = Text(r, 19);
      c.tables[it->second].columns.push_back(std::move(col));
    }
    STRATA_ASSIGN_OR_RETURN(Rows constraints, Run(queries::Constraints(), true));
    for (const Row& r : constraints.rows) {
      auto it = where.find(Name(r, 0));
      if (it == where.end()) continue;
      Constraint k;
      k.name = Text(r, 2);
      k.kind = KindOf(Text(r, 3));
      k.definition = Text(r, 4);
      k.deferrable = Bool(r, 5);
      k.initially_deferred = Bool(r, 6);
      k.validated = Bool(r, 7);
      STRATA_ASSIGN_OR_RETURN(k.columns, Strings(r, 8, "constraint columns"));
      if (k.kind == ConstraintKind::kForeignKey) {
        k.ref_table = Name(r, 9);
        STRATA_ASSIGN_OR_RETURN(k.ref_columns, Strings(r, 11, "referenced columns"));
        k.on_update = Action(Text(r, 12));
        k.on_delete = Action(Text(r, 13));
        k.match = Match(Text(r, 14));
      }
      k.expression = Text(r, 15);
      k.comment = Text(r, 16);
      c.tables[it->second].constraints.push_back(std::move(k));
    }
    return Status::Ok();
  }

  Status ReadRelationObjects(Catalog& c) {
    STRATA_ASSIGN_OR_RETURN(Rows indexes, Run(queries::Indexes(), true));
    for (const Row& r : indexes.rows) {
      Index i;
      i.name = Name(r, 0);
      i.table = Name(r, 2);
      i.method = Text(r, 4);
      i.unique = Bool(r, 5);
      i.nulls_not_distinct = Bool(r, 6);
      STRATA_ASSIGN_OR_RETURN(i.keys, IndexKeys(Text(r, 7), i.name));
      STRATA_ASSIGN_OR_RETURN(i.include, Strings(r, 8, "index INCLUDE columns"));
      i.predicate = Text(r, 9);
      STRATA_ASSIGN_OR_RETURN(i.options, Strings(r, 10, "index options"));
      i.comment = Text(r, 11);
      c.indexes.push_back(std::move(i));
    }
    STRATA_ASSIGN_OR_RETURN(Rows views, Run(queries::Views(), false));
    for (const Row& r : views.rows) {
      View v;
      v.name = Name(r, 0);
      v.materialized = Bool(r, 2);
      v.definition = WithoutSemicolon(Text(r, 3));
      STRATA_ASSIGN_OR_RETURN(v.options, Strings(r, 4, "view options"));
      STRATA_ASSIGN_OR_RETURN(v.depends_on, Names(r, 5, "view dependencies"));
      v.comment = Text(r, 6);
      c.views.push_back(std::move(v));
    }
    STRATA_ASSIGN_OR_RETURN(Rows triggers, Run(queries::Triggers(), true));
    for (const Row& r : triggers.rows) {
      c.triggers.push_back({Name(r, 0), Text(r, 2), Text(r, 3), StateOf(Text(r, 4)), Text(r, 5)});
    }
    STRATA_ASSIGN_OR_RETURN(Rows policies, Run(queries::Policies(), true));
    for (const Row& r : policies.rows) {
      Policy p;
      p.table = Name(r, 0);
      p.name = Text(r, 2);
      p.permissive = Bool(r, 3);
      p.command = Command(Text(r, 4));
      STRATA_ASSIGN_OR_RETURN(p.roles, Strings(r, 5, "policy roles"));
      p.using_expr = Text(r, 6);
      p.check_expr = Text(r, 7);
      p.comment = Text(r, 8);
      c.policies.push_back(std::move(p));
    }
    return Status::Ok();
  }

 private:
  Connection& conn_;
  std::string excluded_;
};

Result<Catalog> ReadAll(Connection& conn, const InspectOptions& options) {
  // Local to the transaction: the renderings qualify every name; no JIT, whose
  // compile time the catalog queries' cost estimates trigger but never repay;
  // and sorts of 50,000 columns in memory rather than on disk.
  STRATA_RETURN_IF_ERROR(conn.Query("SELECT pg_catalog.set_config('search_path', '', true), "
                                    "pg_catalog.set_config('jit', 'off', true), "
                                    "pg_catalog.set_config('work_mem', '64MB', true)",
                                    {})
                             .status());
  Reader reader(conn, options);
  Catalog c;
  c.dialect = Dialect::kPostgres;
  STRATA_RETURN_IF_ERROR(reader.ReadTypes(c));
  STRATA_RETURN_IF_ERROR(reader.ReadRoutinesAndSequences(c));
  STRATA_RETURN_IF_ERROR(reader.ReadTables(c));
  STRATA_RETURN_IF_ERROR(reader.ReadRelationObjects(c));
  return c;
}

}  // namespace

Result<catalog::Catalog> Inspect(Connection& conn, const InspectOptions& options) {
  // One snapshot for every query, so the catalog is consistent even while
  // another session changes the schema.
  STRATA_RETURN_IF_ERROR(conn.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
  Result<Catalog> catalog = ReadAll(conn, options);
  const Status end = conn.Execute(catalog.ok() ? "COMMIT" : "ROLLBACK");
  if (catalog.ok() && !end.ok()) return end;
  if (catalog.ok()) SortCanonically(*catalog);
  return catalog;
}

}  // namespace strata::driver::postgres
