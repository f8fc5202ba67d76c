#include "sql/pg/pg_split.h"

#include <pg_query.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "sql/lexer.h"

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
  for (const Token& t : Lex(piece, Dialect::kPostgres)) {
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
  const auto tree = nlohmann::json::parse(parsed.r.parse_tree, nullptr, false);
  if (tree.is_discarded() || !tree.contains("stmts") || tree["stmts"].empty()) return {};
  const auto& stmt = tree["stmts"][0]["stmt"];
  if (!stmt.contains("IndexStmt")) return {};
  const auto& index = stmt["IndexStmt"];
  StatementInfo info;
  info.kind = DescribedKind::kCreateIndex;
  info.concurrently = index.value("concurrent", false);
  info.index_name = index.value("idxname", "");
  // An index lives in its table's schema.
  if (index.contains("relation")) info.index_schema = index["relation"].value("schemaname", "");
  return info;
}

}  // namespace strata::sql::pg
