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

namespace {

bool HasDefElem(const JsonValue& n, std::string_view list_key, std::string_view option) {
  const JsonValue* list = n.Find(list_key);
  if (list == nullptr || !list->IsArray()) return false;
  for (const JsonValue& o : *list) {
    const JsonValue* d = Node(o, "DefElem");
    if (d != nullptr && Str(*d, "defname") == option) return true;
  }
  return false;
}

// ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY.
bool DetachesConcurrently(const JsonValue& alter) {
  const JsonValue* cmds = alter.Find("cmds");
  if (cmds == nullptr || !cmds->IsArray()) return false;
  for (const JsonValue& c : *cmds) {
    const JsonValue* cmd = Node(c, "AlterTableCmd");
    const JsonValue* def = cmd != nullptr ? cmd->Find("def") : nullptr;
    const JsonValue* part = def != nullptr ? Node(*def, "PartitionCmd") : nullptr;
    if (part != nullptr && Bool(*part, "concurrent")) return true;
  }
  return false;
}

void DescribeIndexStmt(const JsonValue& index, StatementInfo& info) {
  info.kind = DescribedKind::kCreateIndex;
  info.concurrently = Bool(index, "concurrent");
  info.outside_transaction = info.concurrently;
  info.index_name = Str(index, "idxname");
  // An index lives in its table's schema.
  if (const JsonValue* relation = index.Find("relation")) {
    info.index_schema = Str(*relation, "schemaname");
  }
}

void DescribeDropStmt(const JsonValue& drop, StatementInfo& info) {
  const std::string type = Str(drop, "removeType");
  info.concurrently = Bool(drop, "concurrent");
  info.outside_transaction = info.concurrently;
  if (type != "OBJECT_INDEX") return;
  info.kind = DescribedKind::kDropIndex;
  const JsonValue* objects = drop.Find("objects");
  const JsonValue* first = objects != nullptr ? objects->At(0) : nullptr;
  const JsonValue* list = first != nullptr ? Node(*first, "List") : nullptr;
  const std::vector<std::string> parts = Strings(list != nullptr ? list->Find("items") : nullptr);
  if (parts.empty()) return;
  info.index_name = parts.back();
  if (parts.size() >= 2) info.index_schema = parts[parts.size() - 2];
}

}  // namespace

StatementInfo DescribeStatement(std::string_view statement) {
  const std::string input(statement);
  ParseResultHolder parsed{pg_query_parse(input.c_str())};
  if (parsed.r.error != nullptr || parsed.r.parse_tree == nullptr) return {};
  const std::string_view text = parsed.r.parse_tree;
  JsonTree tree;
  if (const size_t used = tree.Parse(text); used == 0 || used != text.size()) return {};
  const JsonValue* stmts = tree.root().Find("stmts");
  const JsonValue* first = stmts != nullptr ? stmts->At(0) : nullptr;
  const JsonValue* stmt = first != nullptr ? first->Find("stmt") : nullptr;
  StatementInfo info;
  if (stmt == nullptr) return info;
  if (const JsonValue* n = Node(*stmt, "IndexStmt")) {
    DescribeIndexStmt(*n, info);
  } else if (const JsonValue* n = Node(*stmt, "DropStmt")) {
    DescribeDropStmt(*n, info);
  } else if (const JsonValue* n = Node(*stmt, "ReindexStmt")) {
    // REINDEX SCHEMA, DATABASE and SYSTEM commit per table, as CONCURRENTLY does.
    const std::string kind = Str(*n, "kind");
    info.outside_transaction = HasDefElem(*n, "params", "concurrently") ||
                               kind == "REINDEX_OBJECT_SCHEMA" ||
                               kind == "REINDEX_OBJECT_DATABASE" || kind == "REINDEX_OBJECT_SYSTEM";
  } else if (const JsonValue* n = Node(*stmt, "VacuumStmt")) {
    info.outside_transaction = Bool(*n, "is_vacuumcmd");  // not ANALYZE, which may run in one
  } else if (const JsonValue* n = Node(*stmt, "ClusterStmt")) {
    info.outside_transaction = n->Find("relation") == nullptr;  // CLUSTER of every table
  } else if (const JsonValue* n = Node(*stmt, "AlterTableStmt")) {
    info.outside_transaction = DetachesConcurrently(*n);
  } else {
    static constexpr std::string_view kNeverInBlock[] = {
        "CreatedbStmt",         "DropdbStmt",         "AlterSystemStmt",
        "CreateTableSpaceStmt", "DropTableSpaceStmt", "CreateSubscriptionStmt",
        "DropSubscriptionStmt"};
    for (std::string_view type : kNeverInBlock) {
      if (Node(*stmt, type) != nullptr) info.outside_transaction = true;
    }
  }
  return info;
}

}  // namespace strata::sql::pg
