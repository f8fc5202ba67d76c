#include "sql/sqlite_reader.h"

#include "base/strings.h"
#include "sql/lexer.h"
#include "sql/statement.h"

namespace strata::sql {
namespace {

// The significant tokens of one statement, with words lower-cased and quoted
// identifiers unquoted.
struct Words {
  std::vector<std::string> text;  // normalized
  std::vector<TokenKind> kind;
  std::vector<size_t> offset;  // in the script
  size_t size() const { return text.size(); }
  bool Is(size_t i, std::string_view w) const {
    return i < text.size() && kind[i] == TokenKind::kWord && text[i] == w;
  }
};

std::string Unquote(std::string_view t) {
  if (t.size() >= 2 && (t.front() == '"' || t.front() == '`' || t.front() == '[')) {
    return std::string(t.substr(1, t.size() - 2));
  }
  return std::string(t);
}

Words Read(std::string_view text, size_t base) {
  Words w;
  for (const Token& t : Lex(text, Dialect::kSqlite)) {
    if (t.kind == TokenKind::kSpace || t.kind == TokenKind::kComment) continue;
    const std::string_view s = TokenText(text, t);
    w.text.push_back(t.kind == TokenKind::kWord          ? ToLower(s)
                     : t.kind == TokenKind::kQuotedIdent ? Unquote(s)
                                                         : std::string(s));
    w.kind.push_back(t.kind);
    w.offset.push_back(base + t.offset);
  }
  return w;
}

// Reads [schema.]name at i; returns the index after it.
size_t Name(const Words& w, size_t i, QualifiedName* out) {
  if (i >= w.size()) return i;
  if (i + 2 < w.size() && w.text[i + 1] == ".") {
    *out = QualifiedName{w.text[i], w.text[i + 2]};
    return i + 3;
  }
  *out = QualifiedName{"", w.text[i]};
  return i + 1;
}

size_t SkipIfExists(const Words& w, size_t i) {
  if (w.Is(i, "if") && w.Is(i + 1, "exists")) return i + 2;
  if (w.Is(i, "if") && w.Is(i + 1, "not") && w.Is(i + 2, "exists")) return i + 3;
  return i;
}

bool HasWordAtDepth0(const Words& w, size_t from, std::string_view word) {
  int depth = 0;
  for (size_t i = from; i < w.size(); ++i) {
    if (w.text[i] == "(") ++depth;
    if (w.text[i] == ")") --depth;
    if (depth == 0 && w.Is(i, word)) return true;
  }
  return false;
}

// CREATE TABLE t ( col type ..., CONSTRAINT ..., PRIMARY KEY (...) )
void ReadColumns(const Words& w, size_t i, ParsedStatement& s) {
  if (i >= w.size() || w.text[i] != "(") return;
  int depth = 0;
  size_t item_start = i + 1;
  for (size_t j = i; j < w.size(); ++j) {
    if (w.text[j] == "(") ++depth;
    if (w.text[j] == ")") --depth;
    const bool end_item = (depth == 1 && w.text[j] == ",") || (depth == 0 && w.text[j] == ")");
    if (!end_item) continue;
    if (item_start < j) {
      const std::string& first = w.text[item_start];
      const bool table_constraint = w.kind[item_start] == TokenKind::kWord &&
                                    (first == "constraint" || first == "primary" ||
                                     first == "unique" || first == "check" || first == "foreign");
      if (table_constraint) {
        if (HasWordAtDepth0(w, item_start, "primary") || first == "primary") {
          Constraint c;
          c.kind = ConstraintKind::kPrimaryKey;
          c.offset = w.offset[item_start];
          s.constraints.push_back(c);
        }
      } else {
        ColumnDef col;
        col.name = first;
        col.offset = w.offset[item_start];
        if (item_start + 1 < j && w.kind[item_start + 1] == TokenKind::kWord &&
            w.text[item_start + 1] != "primary" && w.text[item_start + 1] != "not") {
          col.type.name = w.text[item_start + 1];
        }
        for (size_t k = item_start + 1; k < j; ++k) {
          if (w.Is(k, "primary")) col.primary_key = col.not_null = true;
          if (w.Is(k, "not") && w.Is(k + 1, "null")) col.not_null = true;
          if (w.Is(k, "unique")) col.unique = true;
        }
        s.columns.push_back(std::move(col));
      }
    }
    item_start = j + 1;
    if (depth == 0) break;
  }
}

void Classify(const Words& w, ParsedStatement& s) {
  if (w.size() == 0) return;
  const std::string& first = w.text[0];
  if (first == "begin" || first == "commit" || first == "end" || first == "rollback" ||
      first == "savepoint" || first == "release") {
    s.kind = StatementKind::kTransaction;
    s.transaction = first;
  } else if (first == "create") {
    size_t i = 1;
    if (w.Is(i, "temp") || w.Is(i, "temporary")) {
      s.temporary = true;
      ++i;
    }
    if (w.Is(i, "table")) {
      s.kind = StatementKind::kCreateTable;
      i = SkipIfExists(w, i + 1);
      s.if_not_exists = i > 0 && w.Is(i - 1, "exists");
      i = Name(w, i, &s.table);
      ReadColumns(w, i, s);
    } else if (w.Is(i, "index") || (w.Is(i, "unique") && w.Is(i + 1, "index"))) {
      s.kind = StatementKind::kCreateIndex;
      s.index.unique = w.Is(i, "unique");
      i = SkipIfExists(w, i + (s.index.unique ? 2 : 1));
      i = Name(w, i, &s.index.name);
      if (w.Is(i, "on")) i = Name(w, i + 1, &s.table);
      for (++i; i < w.size() && w.text[i] != ")"; ++i) {
        if (w.kind[i] == TokenKind::kWord || w.kind[i] == TokenKind::kQuotedIdent) {
          s.index.columns.push_back(w.text[i]);
        }
      }
    } else if (w.Is(i, "view")) {
      s.kind = StatementKind::kCreateView;
      Name(w, SkipIfExists(w, i + 1), &s.table);
    }
  } else if (first == "drop") {
    s.kind = StatementKind::kDrop;
    const std::string& what = w.size() > 1 ? w.text[1] : "";
    s.drop.object = what == "table"     ? ObjectKind::kTable
                    : what == "index"   ? ObjectKind::kIndex
                    : what == "view"    ? ObjectKind::kView
                    : what == "trigger" ? ObjectKind::kTrigger
                                        : ObjectKind::kOther;
    size_t i = SkipIfExists(w, 2);
    s.drop.if_exists = i > 2;
    QualifiedName n;
    Name(w, i, &n);
    s.drop.names.push_back(n);
    if (s.drop.object == ObjectKind::kTable) s.table = n;
  } else if (first == "alter" && w.Is(1, "table")) {
    size_t i = Name(w, 2, &s.table);
    if (w.Is(i, "rename")) {
      s.kind = StatementKind::kRename;
      if (w.Is(i + 1, "to")) {
        s.rename.object = ObjectKind::kTable;
        s.rename.old_name = s.table.name;
        s.rename.new_name = i + 2 < w.size() ? w.text[i + 2] : "";
      } else {
        size_t j = w.Is(i + 1, "column") ? i + 2 : i + 1;
        s.rename.object = ObjectKind::kColumn;
        s.rename.old_name = j < w.size() ? w.text[j] : "";
        s.rename.new_name = j + 2 < w.size() ? w.text[j + 2] : "";
      }
    } else {
      s.kind = StatementKind::kAlterTable;
      AlterCmd cmd;
      cmd.offset = i < w.size() ? w.offset[i] : s.offset;
      if (w.Is(i, "add")) {
        cmd.kind = AlterKind::kAddColumn;
        size_t j = w.Is(i + 1, "column") ? i + 2 : i + 1;
        cmd.column = j < w.size() ? w.text[j] : "";
        cmd.column_def.name = cmd.column;
        if (j + 1 < w.size() && w.kind[j + 1] == TokenKind::kWord)
          cmd.column_def.type.name = w.text[j + 1];
        for (size_t k = j + 1; k < w.size(); ++k) {
          if (w.Is(k, "not") && w.Is(k + 1, "null")) cmd.column_def.not_null = true;
          if (w.Is(k, "default")) cmd.column_def.default_kind = DefaultKind::kConstant;
        }
      } else if (w.Is(i, "drop")) {
        cmd.kind = AlterKind::kDropColumn;
        size_t j = w.Is(i + 1, "column") ? i + 2 : i + 1;
        cmd.column = j < w.size() ? w.text[j] : "";
      }
      s.alters.push_back(std::move(cmd));
    }
  } else if (first == "delete") {
    s.kind = StatementKind::kDelete;
    Name(w, w.Is(1, "from") ? 2 : 1, &s.table);
    s.has_where = HasWordAtDepth0(w, 1, "where");
  } else if (first == "update") {
    s.kind = StatementKind::kUpdate;
    size_t i = 1;
    if (w.Is(i, "or")) i += 2;
    Name(w, i, &s.table);
    s.has_where = HasWordAtDepth0(w, 1, "where");
  } else if (first == "insert" || first == "replace") {
    s.kind = StatementKind::kInsert;
    for (size_t i = 1; i < w.size(); ++i) {
      if (w.Is(i, "into")) {
        Name(w, i + 1, &s.table);
        break;
      }
    }
  } else if (first == "vacuum") {
    s.kind = StatementKind::kVacuum;
  } else if (first == "reindex") {
    s.kind = StatementKind::kReindex;
  } else if (first == "select" || first == "with") {
    s.kind = StatementKind::kSelect;
  }
}

}  // namespace

std::vector<ParsedStatement> ReadSqliteScript(std::string_view script) {
  std::vector<ParsedStatement> out;
  Result<std::vector<Statement>> pieces = Split(script, Dialect::kSqlite);
  if (!pieces.ok()) return out;
  for (const Statement& piece : *pieces) {
    ParsedStatement s;
    s.offset = piece.offset;
    s.length = piece.text.size();
    s.text = piece.text;
    Classify(Read(piece.text, piece.offset), s);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace strata::sql
