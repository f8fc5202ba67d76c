#include "driver/sqlite/ddl_reader.h"

#include <cctype>

#include "base/strings.h"
#include "driver/sql_text.h"

namespace strata::driver::sqlite::ddl {
namespace {

using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Generated;
using catalog::QualifiedName;

using Kind = Token::Kind;

// Walks a token list; past the end it sees an empty word.
class Cursor {
 public:
  explicit Cursor(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  bool done() const { return pos_ >= tokens_.size(); }
  const Token& Peek(size_t ahead = 0) const {
    static const Token kEnd;
    return pos_ + ahead < tokens_.size() ? tokens_[pos_ + ahead] : kEnd;
  }
  bool IsWord(std::string_view word, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return pos_ + ahead < tokens_.size() && t.kind == Kind::kWord && EqualsIgnoreCase(t.text, word);
  }
  bool IsKind(Kind kind) const { return !done() && Peek().kind == kind; }
  bool Accept(std::string_view word) {
    if (!IsWord(word)) return false;
    ++pos_;
    return true;
  }
  Token Next() { return done() ? Token{} : tokens_[pos_++]; }
  // At "(": the tokens up to its ")", which is consumed too. Empty otherwise.
  std::vector<Token> Group() {
    std::vector<Token> inside;
    if (!IsKind(Kind::kOpen)) return inside;
    int depth = 0;
    while (!done()) {
      Token t = Next();
      if (t.kind == Kind::kOpen && depth++ == 0) continue;
      if (t.kind == Kind::kClose && --depth == 0) break;
      inside.push_back(std::move(t));
    }
    return inside;
  }
  // "ON CONFLICT <resolution>" after a column or table constraint.
  void SkipConflictClause() {
    if (IsWord("ON") && IsWord("CONFLICT", 1)) pos_ += 3;
  }

 private:
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// Splits tokens at commas outside parentheses.
std::vector<std::vector<Token>> SplitAtCommas(const std::vector<Token>& tokens) {
  std::vector<std::vector<Token>> items(1);
  int depth = 0;
  for (const Token& t : tokens) {
    if (t.kind == Kind::kOpen) ++depth;
    if (t.kind == Kind::kClose) --depth;
    if (t.kind == Kind::kComma && depth == 0) {
      items.emplace_back();
      continue;
    }
    items.back().push_back(t);
  }
  if (items.size() == 1 && items[0].empty()) items.clear();
  return items;
}

std::string Quoted(std::string_view name) { return QuoteName(Dialect::kSqlite, name); }

std::string QuotedList(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + Quoted(n);
  return out;
}

// A key of a PRIMARY KEY, UNIQUE or index: a column with its COLLATE and
// ASC/DESC, or an expression. Sets *column for a plain column.
std::string KeyText(const std::vector<Token>& item, std::string* column) {
  if (item.empty()) return "";
  const bool named = item[0].kind == Kind::kWord || item[0].kind == Kind::kQuotedName;
  const bool plain = named && (item.size() == 1 || (item[1].kind == Kind::kWord &&
                                                    (EqualsIgnoreCase(item[1].text, "COLLATE") ||
                                                     EqualsIgnoreCase(item[1].text, "ASC") ||
                                                     EqualsIgnoreCase(item[1].text, "DESC"))));
  if (!plain) return JoinTokens(item);
  if (column) *column = NameOf(item[0]);
  std::vector<Token> rest(item.begin() + 1, item.end());
  return Quoted(NameOf(item[0])) + (rest.empty() ? "" : " " + JoinTokens(rest));
}

void SetKeys(Constraint& k, const std::vector<Token>& group, const char* keyword) {
  std::string keys;
  for (const auto& item : SplitAtCommas(group)) {
    std::string column;
    keys += (keys.empty() ? "" : ", ") + KeyText(item, &column);
    k.columns.push_back(column);
  }
  k.definition = std::string(keyword) + " (" + keys + ")";
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

std::string ReadAction(Cursor& c) {
  if (c.Accept("SET")) {
    if (c.Accept("NULL")) return "SET NULL";
    c.Accept("DEFAULT");
    return "SET DEFAULT";
  }
  if (c.Accept("NO")) {
    c.Accept("ACTION");
    return "NO ACTION";
  }
  return Upper(c.Next().text);  // CASCADE, RESTRICT
}

// After REFERENCES: the parent table, its columns, actions and deferrability.
void ReadReferences(Cursor& c, Constraint& k) {
  k.kind = ConstraintKind::kForeignKey;
  k.match = "NONE";  // what PRAGMA foreign_key_list says when no MATCH is given
  k.ref_table = {"", NameOf(c.Next())};
  for (const auto& item : SplitAtCommas(c.Group())) {
    if (!item.empty()) k.ref_columns.push_back(NameOf(item[0]));
  }
  while (!c.done()) {
    if (c.Accept("ON")) {
      const bool on_delete = c.Accept("DELETE");
      if (!on_delete) c.Accept("UPDATE");
      (on_delete ? k.on_delete : k.on_update) = ReadAction(c);
    } else if (c.Accept("MATCH")) {
      k.match = Upper(c.Next().text);
    } else if (c.IsWord("NOT") && c.IsWord("DEFERRABLE", 1)) {
      c.Next();
      c.Next();
      if (c.Accept("INITIALLY")) c.Next();
    } else if (c.Accept("DEFERRABLE")) {
      k.deferrable = true;
      if (c.Accept("INITIALLY")) {
        k.initially_deferred = c.Accept("DEFERRED");
        if (!k.initially_deferred) c.Accept("IMMEDIATE");
      }
    } else {
      break;
    }
  }
  std::string def =
      "FOREIGN KEY (" + QuotedList(k.columns) + ") REFERENCES " + Quoted(k.ref_table.name);
  if (!k.ref_columns.empty()) def += " (" + QuotedList(k.ref_columns) + ")";
  if (k.on_update != "NO ACTION") def += " ON UPDATE " + k.on_update;
  if (k.on_delete != "NO ACTION") def += " ON DELETE " + k.on_delete;
  if (k.match != "NONE") def += " MATCH " + k.match;
  if (k.deferrable) def += k.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  k.definition = std::move(def);
}

Constraint Check(std::string name, const std::vector<Token>& expr) {
  Constraint k;
  k.name = std::move(name);
  k.kind = ConstraintKind::kCheck;
  k.expression = JoinTokens(expr);
  k.definition = "CHECK (" + k.expression + ")";
  return k;
}

bool StartsColumnConstraint(const Cursor& c) {
  for (std::string_view w : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
                             "COLLATE", "REFERENCES", "GENERATED", "AS"}) {
    if (c.IsWord(w)) return true;
  }
  return false;
}

void ReadColumn(std::vector<Token> item, TableDdl& out) {
  Cursor c(std::move(item));
  ColumnDdl col;
  col.name = NameOf(c.Next());
  while (!c.done() && !StartsColumnConstraint(c)) {  // the type: words and "(10, 2)"
    if (c.IsKind(Kind::kOpen)) {
      c.Group();
    } else {
      c.Next();
    }
  }
  std::string name;
  while (!c.done()) {
    if (c.Accept("CONSTRAINT")) {
      name = NameOf(c.Next());
      continue;
    }
    Constraint k;
    k.name = name;
    k.columns = {col.name};
    bool made = true;
    if (c.Accept("PRIMARY")) {
      c.Accept("KEY");
      if (!c.Accept("ASC")) c.Accept("DESC");
      c.SkipConflictClause();
      col.autoincrement = c.Accept("AUTOINCREMENT");
      k.kind = ConstraintKind::kPrimaryKey;
      k.definition = "PRIMARY KEY (" + Quoted(col.name) + ")";
    } else if (c.Accept("UNIQUE")) {
      c.SkipConflictClause();
      k.kind = ConstraintKind::kUnique;
      k.definition = "UNIQUE (" + Quoted(col.name) + ")";
    } else if (c.Accept("CHECK")) {
      k = Check(name, c.Group());
    } else if (c.Accept("REFERENCES")) {
      ReadReferences(c, k);
    } else {
      made = false;
      if (c.Accept("NOT") || c.Accept("NULL")) {
        c.Accept("NULL");
        c.SkipConflictClause();
      } else if (c.Accept("DEFAULT")) {  // PRAGMA table_xinfo gives the value
        if (c.IsKind(Kind::kOpen)) {
          c.Group();
        } else {
          if (c.IsKind(Kind::kOperator)) c.Next();
          c.Next();
        }
      } else if (c.Accept("COLLATE")) {
        col.collation = QualifiedName{"", NameOf(c.Next())};
      } else if (c.Accept("GENERATED") || c.IsWord("AS")) {
        c.Accept("ALWAYS");
        c.Accept("AS");
        col.generation_expr = JoinTokens(c.Group());
        // VIRTUAL is SQLite's default when neither word is given.
        col.generated = c.Accept("STORED") ? Generated::kStored : Generated::kVirtual;
        c.Accept("VIRTUAL");
      } else {
        c.Next();  // something this reader does not know; SQLite accepted it
      }
    }
    if (made) out.constraints.push_back(std::move(k));
    name.clear();
  }
  out.columns.push_back(std::move(col));
}

void ReadTableConstraint(std::vector<Token> item, TableDdl& out) {
  Cursor c(std::move(item));
  Constraint k;
  if (c.Accept("CONSTRAINT")) k.name = NameOf(c.Next());
  if (c.Accept("PRIMARY")) {
    c.Accept("KEY");
    k.kind = ConstraintKind::kPrimaryKey;
    SetKeys(k, c.Group(), "PRIMARY KEY");
    c.SkipConflictClause();
  } else if (c.Accept("UNIQUE")) {
    k.kind = ConstraintKind::kUnique;
    SetKeys(k, c.Group(), "UNIQUE");
    c.SkipConflictClause();
  } else if (c.Accept("CHECK")) {
    k = Check(k.name, c.Group());
  } else if (c.Accept("FOREIGN")) {
    c.Accept("KEY");
    for (const auto& col : SplitAtCommas(c.Group())) {
      if (!col.empty()) k.columns.push_back(NameOf(col[0]));
    }
    c.Accept("REFERENCES");
    ReadReferences(c, k);
  } else {
    return;
  }
  out.constraints.push_back(std::move(k));
}

bool IsTableConstraint(const std::vector<Token>& item) {
  if (item.empty() || item[0].kind != Kind::kWord) return false;
  for (std::string_view w : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (EqualsIgnoreCase(item[0].text, w)) return true;
  }
  return false;
}

// Moves past "CREATE [TEMP|TEMPORARY] <what> [IF NOT EXISTS] [schema.]name".
Status SkipHead(Cursor& c, std::string_view what, std::string_view object) {
  if (!c.Accept("CREATE")) {
    return Status::Internal("sqlite_schema holds no CREATE statement for " + std::string(object));
  }
  if (!c.Accept("TEMP")) c.Accept("TEMPORARY");
  c.Accept("UNIQUE");  // CREATE UNIQUE INDEX
  if (!c.Accept(what)) {
    return Status::Internal("cannot read the CREATE statement of " + std::string(object) +
                            ": expected " + std::string(what));
  }
  if (c.IsWord("IF") && c.IsWord("NOT", 1) && c.IsWord("EXISTS", 2)) {
    c.Next();
    c.Next();
    c.Next();
  }
  c.Next();
  if (c.IsKind(Kind::kDot)) {
    c.Next();
    c.Next();
  }
  return Status::Ok();
}

}  // namespace

Result<TableDdl> ParseCreateTable(std::string_view sql, std::string_view table) {
  Cursor c(Tokenize(sql));
  STRATA_RETURN_IF_ERROR(SkipHead(c, "TABLE", "table " + std::string(table)));
  TableDdl out;
  if (c.IsWord("AS")) return out;  // CREATE TABLE ... AS SELECT: no constraints
  if (!c.IsKind(Kind::kOpen)) {
    return Status::Internal("cannot read the CREATE TABLE statement of table " +
                            std::string(table));
  }
  for (auto& item : SplitAtCommas(c.Group())) {
    if (item.empty()) continue;
    if (IsTableConstraint(item)) {
      ReadTableConstraint(std::move(item), out);
    } else {
      ReadColumn(std::move(item), out);
    }
  }
  while (!c.done()) {
    if (c.Accept("WITHOUT")) {
      out.without_rowid = c.Accept("ROWID");
    } else if (c.Accept("STRICT")) {
      out.strict = true;
    } else {
      c.Next();
    }
  }
  return out;
}

Result<IndexDdl> ParseCreateIndex(std::string_view sql, std::string_view index) {
  Cursor c(Tokenize(sql));
  IndexDdl out;
  out.unique = c.IsWord("UNIQUE", 1);
  STRATA_RETURN_IF_ERROR(SkipHead(c, "INDEX", "index " + std::string(index)));
  if (!c.Accept("ON")) {
    return Status::Internal("cannot read the CREATE INDEX statement of index " +
                            std::string(index));
  }
  c.Next();  // the table
  for (const auto& item : SplitAtCommas(c.Group())) out.keys.push_back(KeyText(item, nullptr));
  if (c.Accept("WHERE")) {
    std::vector<Token> rest;
    while (!c.done() && !c.IsKind(Kind::kSemicolon)) rest.push_back(c.Next());
    out.predicate = JoinTokens(rest);
  }
  return out;
}

Result<std::string> ParseVirtualTableUsing(std::string_view sql, std::string_view table) {
  std::vector<Token> tokens = Tokenize(sql);
  while (!tokens.empty() && tokens.back().kind == Kind::kSemicolon) tokens.pop_back();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == Kind::kWord && EqualsIgnoreCase(tokens[i].text, "USING")) {
      return JoinTokens(
          std::vector<Token>(tokens.begin() + static_cast<std::ptrdiff_t>(i) + 1, tokens.end()));
    }
  }
  return Status::Internal("cannot read the CREATE VIRTUAL TABLE statement of table " +
                          std::string(table));
}

Result<ViewDdl> ParseCreateView(std::string_view sql, std::string_view view) {
  Cursor c(Tokenize(sql));
  STRATA_RETURN_IF_ERROR(SkipHead(c, "VIEW", "view " + std::string(view)));
  ViewDdl out;
  for (const auto& item : SplitAtCommas(c.Group())) {
    if (!item.empty()) out.columns.push_back(NameOf(item[0]));
  }
  if (!c.IsWord("AS")) {
    return Status::Internal("cannot read the CREATE VIEW statement of view " + std::string(view));
  }
  c.Next();
  // The query stays as written: SQLite names a view's unaliased result
  // columns after their text, so even blank space in it is meaning.
  std::string_view query = Trim(sql.substr(c.Peek().offset));
  while (!query.empty() && query.back() == ';') query = Trim(query.substr(0, query.size() - 1));
  out.query = std::string(query);
  return out;
}

}  // namespace strata::driver::sqlite::ddl
