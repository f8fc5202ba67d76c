#include "sql/pg/pg_parse.h"

#include <pg_query.h>

#include "base/strings.h"
#include "sql/pg/json_tree.h"
#include "sql/pg/pg_split.h"

namespace strata::sql::pg {
namespace {

struct ParseHolder {
  explicit ParseHolder(PgQueryParseResult result) : r(result) {}
  ParseHolder(const ParseHolder&) = delete;
  ParseHolder& operator=(const ParseHolder&) = delete;
  ~ParseHolder() { pg_query_free_parse_result(r); }
  PgQueryParseResult r;
};

void Translate(const Json& wrapper, ParsedStatement& out) {
  const std::string type = NodeType(wrapper);
  const Json& n = wrapper.begin().value();
  if (type == "CreateStmt") return TranslateCreateTable(n, out);
  if (type == "AlterTableStmt") {
    // ALTER INDEX / ALTER SEQUENCE share the node; only tables are ours here.
    const std::string obj = Str(n, "objtype");
    if (obj.empty() || obj == "OBJECT_TABLE") return TranslateAlterTable(n, out);
    return;
  }
  if (type == "IndexStmt") return TranslateIndex(n, out);
  if (type == "DropStmt") return TranslateDrop(n, out);
  if (type == "RenameStmt") return TranslateRename(n, out);
  if (type == "GrantStmt") return TranslateGrant(n, out);
  if (type == "CreateFunctionStmt") return TranslateFunction(n, out);
  if (type == "VariableSetStmt") return TranslateSet(n, out);
  if (type == "VacuumStmt" || type == "ClusterStmt" || type == "ReindexStmt") {
    return TranslateMaintenance(type, n, out);
  }
  if (type == "DeleteStmt" || type == "UpdateStmt" || type == "InsertStmt" ||
      type == "TruncateStmt") {
    return TranslateDml(type, n, out);
  }
  if (type == "TransactionStmt") {
    out.kind = StatementKind::kTransaction;
    // "TRANS_STMT_BEGIN" -> "begin", "TRANS_STMT_ROLLBACK_TO" -> "rollback_to"
    std::string kind = Str(n, "kind");
    if (kind.rfind("TRANS_STMT_", 0) == 0) kind.erase(0, 11);
    out.transaction = ToLower(kind);
    return;
  }
  if (type == "ViewStmt") {
    out.kind = StatementKind::kCreateView;
    out.table = RangeVarName(n.contains("view") ? &n["view"] : nullptr);
    return;
  }
  if (type == "SelectStmt") out.kind = StatementKind::kSelect;
}

// Parses `text` (the whole script, or one statement) and returns its tree's
// statements, or the parser's message.
struct Parsed {
  Json tree;
  std::string error;
};
Parsed Parse(const std::string& text) {
  ParseHolder parsed(pg_query_parse(text.c_str()));
  if (parsed.r.error != nullptr) return Parsed{Json(), parsed.r.error->message};
  return Parsed{Json::parse(parsed.r.parse_tree, nullptr, false), ""};
}

// Moves every offset of a statement parsed on its own into the script.
void Shift(ParsedStatement& s, size_t base) {
  for (ColumnDef& c : s.columns) c.offset += base;
  for (Constraint& c : s.constraints) c.offset += base;
  for (AlterCmd& a : s.alters) {
    a.offset += base;
    a.column_def.offset += base;
    a.constraint.offset += base;
  }
}

ParsedStatement FromPiece(const sql::Statement& piece) {
  ParsedStatement s;
  s.offset = piece.offset;
  s.length = piece.text.size();
  s.text = piece.text;
  return s;
}

}  // namespace

std::vector<ParsedStatement> ParseScript(std::string_view script) {
  std::vector<ParsedStatement> out;
  const std::string input(script);
  Parsed whole = Parse(input);
  if (whole.error.empty() && whole.tree.contains("stmts")) {
    // One parse for the script; the tree's locations are already script offsets.
    for (const Json& raw : whole.tree["stmts"]) {
      const size_t loc = raw.value("stmt_location", 0);
      const size_t len = raw.value("stmt_len", 0) == 0 ? script.size() - loc : raw.value("stmt_len", 0);
      std::optional<sql::Statement> piece = Trimmed(script, loc, len);
      if (!piece) continue;
      ParsedStatement s = FromPiece(*piece);
      if (raw.contains("stmt")) Translate(raw["stmt"], s);
      out.push_back(std::move(s));
    }
    return out;
  }
  // The script does not parse: split it with the scanner and parse each
  // statement alone, so that the error stays with its own statement.
  Result<std::vector<sql::Statement>> pieces = Split(script);
  if (!pieces.ok()) return out;
  for (const sql::Statement& piece : *pieces) {
    ParsedStatement s = FromPiece(piece);
    Parsed one = Parse(s.text);
    if (!one.error.empty()) {
      s.parsed = false;
      s.parse_error = one.error;
    } else if (one.tree.contains("stmts") && !one.tree["stmts"].empty() &&
               one.tree["stmts"][0].contains("stmt")) {
      Translate(one.tree["stmts"][0]["stmt"], s);
      Shift(s, s.offset);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace strata::sql::pg
