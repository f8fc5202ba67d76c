#include "sql/pg/pg_parse.h"

#include <thread>

#include <pg_query.h>

#include "base/strings.h"
#include "sql/pg/json_tree.h"
#include "sql/lexer.h"
#include "sql/pg/pg_split.h"
#include "sql/statement.h"

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

// Moves every offset of a statement parsed from part of the script into the script.
void Shift(ColumnDef& c, size_t base) {
  c.offset += base;
  for (Constraint& fk : c.references) fk.offset += base;
}
void Shift(ParsedStatement& s, size_t base) {
  for (ColumnDef& c : s.columns) Shift(c, base);
  for (Constraint& c : s.constraints) c.offset += base;
  for (AlterCmd& a : s.alters) {
    a.offset += base;
    Shift(a.column_def, base);
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

// Statements of `script` from one parse of it, offsets moved by `base`; false
// when the script does not parse.
bool ParseWhole(std::string_view script, size_t base, std::vector<ParsedStatement>& out) {
  const ArenaScope arena;  // before any Json: every tree dies before the arena
  Parsed whole = Parse(std::string(script));
  if (!whole.error.empty() || !whole.tree.contains("stmts")) return false;
  // The tree's locations are offsets in `script`.
  for (const Json& raw : whole.tree["stmts"]) {
    const size_t loc = raw.value("stmt_location", 0);
    const size_t len = raw.value("stmt_len", 0) == 0 ? script.size() - loc : raw.value("stmt_len", 0);
    std::optional<sql::Statement> piece = Trimmed(script, loc, len);
    if (!piece) continue;
    ParsedStatement s = FromPiece(*piece);
    if (raw.contains("stmt")) Translate(raw["stmt"], s);
    Shift(s, base);
    s.offset += base;
    out.push_back(std::move(s));
  }
  return true;
}

// Statement by statement, for a script that does not parse: each error stays
// with its own statement.
void ParsePieces(std::string_view script, std::vector<ParsedStatement>& out) {
  const ArenaScope arena;
  Result<std::vector<sql::Statement>> pieces = sql::Split(script, Dialect::kPostgres);
  if (!pieces.ok()) return;
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
}

// The end of a statement (just after its ';') near the middle of `script`, or 0.
// Lexing only the first half is safe: a token cut at the middle can only hide
// semicolons after it.
size_t MiddleBoundary(std::string_view script) {
  const std::vector<Token> tokens = Lex(script.substr(0, script.size() / 2), Dialect::kPostgres);
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->kind == TokenKind::kSemicolon) return it->offset + 1;
  }
  return 0;
}

// Below this size one thread parses faster than two start.
constexpr size_t kParallelBytes = 256 * 1024;

}  // namespace

std::vector<ParsedStatement> ParseScript(std::string_view script) {
  std::vector<ParsedStatement> out;
  // A large script is parsed in two halves on two threads. A cut that falls
  // inside a statement (a BEGIN ATOMIC body) makes a half fail to parse; the
  // whole script is then parsed at once, as below.
  if (script.size() >= kParallelBytes && std::thread::hardware_concurrency() > 1) {
    if (const size_t cut = MiddleBoundary(script); cut > 0) {
      std::vector<ParsedStatement> second;
      bool second_ok = false;
      std::thread worker([&] { second_ok = ParseWhole(script.substr(cut), cut, second); });
      const bool first_ok = ParseWhole(script.substr(0, cut), 0, out);
      worker.join();
      if (first_ok && second_ok) {
        out.insert(out.end(), std::make_move_iterator(second.begin()),
                   std::make_move_iterator(second.end()));
        return out;
      }
      out.clear();
    }
  }
  if (ParseWhole(script, 0, out)) return out;
  out.clear();
  ParsePieces(script, out);
  return out;
}

}  // namespace strata::sql::pg
