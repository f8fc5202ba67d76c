#include "sql/pg/pg_parse.h"

#include <pg_query.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <thread>

#include "base/strings.h"
#include "sql/lexer.h"
#include "sql/pg/json_tree.h"
#include "sql/pg/pg_split.h"
#include "sql/statement.h"

namespace strata::sql::pg {
namespace {

// libpg_query's parse of `text` (the whole script, or one statement): its tree
// as JSON text, or the parser's message. Owns the C result, so it cannot be
// copied: a copy would free it twice.
class Parsed {
 public:
  explicit Parsed(const std::string& text) : r_(pg_query_parse(text.c_str())) {}
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;
  ~Parsed() { pg_query_free_parse_result(r_); }

  std::string error() const { return r_.error != nullptr ? r_.error->message : std::string(); }
  std::string_view tree() const {
    return r_.parse_tree != nullptr ? r_.parse_tree : std::string_view();
  }

 private:
  PgQueryParseResult r_;
};

void Translate(const JsonValue& wrapper, ParsedStatement& out) {
  const std::string_view type = NodeType(wrapper);
  if (type.empty()) return;
  const JsonValue& n = *wrapper.begin();
  if (type == "CreateStmt") return TranslateCreateTable(n, out);
  if (type == "AlterTableStmt") {
    // ALTER INDEX / ALTER SEQUENCE share the node; only tables are ours here.
    const std::string obj = Str(n, "objtype");
    if (obj.empty() || obj == "OBJECT_TABLE") return TranslateAlterTable(n, out);
    return;
  }
  if (type == "IndexStmt") return TranslateIndex(n, out);
  if (type == "DropStmt") return TranslateDrop(n, out);
  if (type == "DropdbStmt") return TranslateDropDatabase(n, out);
  if (type == "CreateDomainStmt") return TranslateCreateDomain(n, out);
  if (type == "AlterDomainStmt") return TranslateAlterDomain(n, out);
  if (type == "AlterEnumStmt") return TranslateAlterEnum(n, out);
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
    out.table = RangeVarName(n.Find("view"));
    return;
  }
  if (type == "SelectStmt") out.kind = StatementKind::kSelect;
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
  for (Assignment& a : s.assignments) a.offset += base;
  s.domain.constraint.offset += base;
}

ParsedStatement FromPiece(sql::Statement piece) {
  ParsedStatement s;
  s.offset = piece.offset;
  s.length = piece.text.size();
  s.text = std::move(piece.text);
  return s;
}

// How many statements to make room for in `script`: each but the last ends with
// a ';', so there are at most that many. Reserving up front spares moving every
// statement (some 700 bytes) each time the vector grows, and the pages never
// touched cost nothing. Capped at one per 64 bytes, so that a script of bare
// semicolons cannot make it reserve gigabytes; past the cap the vector grows.
size_t MaxStatements(std::string_view script) {
  const auto semicolons = static_cast<size_t>(std::count(script.begin(), script.end(), ';'));
  return std::min(semicolons + 1, script.size() / 64 + 1);
}

// Statements of `script` from one parse of it, offsets moved by `base`; false
// (and `out` as it was) when the script does not parse.
bool ParseWhole(std::string_view script, size_t base, std::vector<ParsedStatement>& out) {
  const Parsed whole{std::string(script)};
  if (!whole.error().empty()) return false;
  const size_t first = out.size();
  out.reserve(first + MaxStatements(script));
  // The tree's locations are offsets in `script`; its statements are read one
  // by one, as the JSON text goes.
  const bool ok = ForEachElement(whole.tree(), "stmts", [&](const JsonValue& raw) {
    const auto loc = static_cast<size_t>(Int(raw, "stmt_location"));
    const auto stated_len = static_cast<size_t>(Int(raw, "stmt_len"));
    const size_t len = stated_len == 0 ? script.size() - loc : stated_len;
    std::optional<sql::Statement> piece = Trimmed(script, loc, len);
    if (!piece) return;
    ParsedStatement s = FromPiece(std::move(*piece));
    if (const JsonValue* stmt = raw.Find("stmt")) Translate(*stmt, s);
    Shift(s, base);
    s.offset += base;
    out.push_back(std::move(s));
  });
  if (!ok) out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  return ok;
}

// Statement by statement, for a script that does not parse: each error stays
// with its own statement.
void ParsePieces(std::string_view script, std::vector<ParsedStatement>& out) {
  Result<std::vector<sql::Statement>> pieces = sql::Split(script, Dialect::kPostgres);
  if (!pieces.ok()) return;
  for (sql::Statement& piece : *pieces) {
    ParsedStatement s = FromPiece(std::move(piece));
    const Parsed one{s.text};
    if (const std::string error = one.error(); !error.empty()) {
      s.parsed = false;
      s.parse_error = error;
    } else {
      // The first statement of the tree, kept only when the whole tree reads.
      ParsedStatement translated = s;
      bool first = true;
      const bool ok = ForEachElement(one.tree(), "stmts", [&](const JsonValue& raw) {
        if (!first) return;
        first = false;
        if (const JsonValue* stmt = raw.Find("stmt")) Translate(*stmt, translated);
      });
      if (ok && !first) {
        s = std::move(translated);
        Shift(s, s.offset);
      }
    }
    out.push_back(std::move(s));
  }
}

// The end of a statement (just after its ';') near the middle of `script`, or 0.
// Lexing only the first half is safe: a token cut at the middle can only hide
// semicolons after it.
size_t MiddleBoundary(std::string_view script) {
  const std::string_view half = script.substr(0, script.size() / 2);
  size_t boundary = 0;
  for (size_t at = 0; at < half.size();) {
    const Token t = TokenAt(half, at, Dialect::kPostgres);
    if (t.kind == TokenKind::kSemicolon) boundary = t.offset + 1;
    at += t.length;
  }
  return boundary;
}

// Below this size one thread parses faster than two start.
constexpr size_t kParallelBytes = size_t{256} * 1024;

}  // namespace

std::vector<ParsedStatement> ParseScript(std::string_view script) {
  std::vector<ParsedStatement> out;
  out.reserve(MaxStatements(script));  // room for the second half too
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
