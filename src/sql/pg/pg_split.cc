#include "sql/pg/pg_split.h"

#include <pg_query.h>

#include <memory>
#include <string>

#include "sql/lexer.h"
#include "sql/pg/json_tree.h"

namespace strata::sql::pg {
namespace {

// libpg_query results own C memory; these holders free it on every path. They
// cannot be copied: a copy would free the same result twice.
struct SplitResultHolder {
  explicit SplitResultHolder(PgQuerySplitResult result) : r(result) {}
  SplitResultHolder(const SplitResultHolder&) = delete;
  SplitResultHolder& operator=(const SplitResultHolder&) = delete;
  ~SplitResultHolder() { pg_query_free_split_result(r); }
  PgQuerySplitResult r;
};
struct ParseResultHolder {
  explicit ParseResultHolder(PgQueryParseResult result) : r(result) {}
  ParseResultHolder(const ParseResultHolder&) = delete;
  ParseResultHolder& operator=(const ParseResultHolder&) = delete;
  ~ParseResultHolder() { pg_query_free_parse_result(r); }
  PgQueryParseResult r;
};

}  // namespace

// libpg_query's statement ranges may start with the blank space and comments that
// follow the previous ';'. Move the start to the first significant token and the
// end back to the last one.
std::optional<Statement> Trimmed(std::string_view script, size_t loc, size_t len) {
  std::string_view piece = script.substr(loc, len);
  size_t begin = std::string_view::npos, end = 0;
  for (size_t at = 0; at < piece.size();) {
    const Token t = TokenAt(piece, at, Dialect::kPostgres);
    at += t.length;
    if (t.kind == TokenKind::kSpace || t.kind == TokenKind::kComment ||
        t.kind == TokenKind::kSemicolon)
      continue;
    if (begin == std::string_view::npos) begin = t.offset;
    end = t.offset + t.length;
  }
  if (begin == std::string_view::npos) return std::nullopt;
  return Statement{std::string(piece.substr(begin, end - begin)), loc + begin};
}

Result<std::vector<Statement>> Split(std::string_view script) {
  const std::string input(script);  // libpg_query wants a NUL-terminated string
  SplitResultHolder parsed(pg_query_split_with_parser(input.c_str()));
  if (parsed.r.error != nullptr) {
    // libpg_query's scanner splitter is no fallback: it drops statements that do
    // not start with a keyword ("SELEC 1"), which would then never run.
    return Status::InvalidInput(std::string("the script does not parse: ") +
                                parsed.r.error->message);
  }
  std::vector<Statement> out;
  out.reserve(parsed.r.n_stmts);
  for (int i = 0; i < parsed.r.n_stmts; ++i) {
    const size_t loc = static_cast<size_t>(parsed.r.stmts[i]->stmt_location);
    const size_t len = parsed.r.stmts[i]->stmt_len == 0
                           ? script.size() - loc
                           : static_cast<size_t>(parsed.r.stmts[i]->stmt_len);
    if (std::optional<Statement> st = Trimmed(script, loc, len)) out.push_back(std::move(*st));
  }
  return out;
}

StatementInfo DescribeCreate(std::string_view statement) {
  const std::string input(statement);
  ParseResultHolder parsed{pg_query_parse(input.c_str())};
  if (parsed.r.error != nullptr || parsed.r.parse_tree == nullptr) return {};
  const std::string_view text = parsed.r.parse_tree;
  JsonTree tree;
  if (const size_t used = tree.Parse(text); used == 0 || used != text.size()) return {};
  const JsonValue* stmts = tree.root().Find("stmts");
  const JsonValue* first = stmts != nullptr ? stmts->At(0) : nullptr;
  const JsonValue* stmt = first != nullptr ? first->Find("stmt") : nullptr;
  const JsonValue* index = stmt != nullptr ? Node(*stmt, "IndexStmt") : nullptr;
  if (index == nullptr) return {};
  StatementInfo info;
  info.kind = DescribedKind::kCreateIndex;
  info.concurrently = Bool(*index, "concurrent");
  info.index_name = Str(*index, "idxname");
  // An index lives in its table's schema.
  if (const JsonValue* relation = index->Find("relation")) {
    info.index_schema = Str(*relation, "schemaname");
  }
  return info;
}

}  // namespace strata::sql::pg
