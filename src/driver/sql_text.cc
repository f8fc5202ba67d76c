#include "driver/sql_text.h"

#include <algorithm>
#include <iterator>

#include "base/strings.h"

namespace strata::driver {
namespace {

// PostgreSQL 15's keywords that quote_ident() quotes: every category but
// unreserved (SELECT word FROM pg_get_keywords() WHERE catcode <> 'U').
constexpr std::string_view kPgQuotedKeywords[] = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
};

bool IsPlainPgName(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  for (char ch : name) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  }
  return !std::binary_search(std::begin(kPgQuotedKeywords), std::end(kPgQuotedKeywords), name);
}

bool OpensQuote(char ch) { return ch == '\'' || ch == '"' || ch == '`' || ch == '['; }

}  // namespace

std::string QuoteName(Dialect dialect, std::string_view name) {
  switch (dialect) {
    case Dialect::kPostgres:
      if (IsPlainPgName(name)) return std::string(name);
      break;
    case Dialect::kSqlite:
      break;  // always quoted
  }
  return QuoteWithDoubleQuotes(name);
}

std::string QuoteWithDoubleQuotes(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QuoteQualified(Dialect dialect, const catalog::QualifiedName& name) {
  if (name.schema.empty()) return QuoteName(dialect, name.name);
  return QuoteName(dialect, name.schema) + "." + QuoteName(dialect, name.name);
}

std::string QuoteLiteral(std::string_view text) {
  std::string out = "'";
  for (char ch : text) {
    if (ch == '\'') out += '\'';
    out += ch;
  }
  out += '\'';
  return out;
}

std::vector<std::string> SplitTopLevel(std::string_view text, char separator) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    const char ch = text[i];
    if (OpensQuote(ch)) {
      i = EndOfQuoted(text, i);
      continue;
    }
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (ch == separator && depth == 0) {
      out.emplace_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
    ++i;
  }
  std::string_view last = Trim(text.substr(start));
  if (!last.empty() || !out.empty()) out.emplace_back(last);
  return out;
}

size_t EndOfQuoted(std::string_view text, size_t at) {
  const char close = text[at] == '[' ? ']' : text[at];
  for (size_t j = at + 1; j < text.size(); ++j) {
    if (text[j] != close) continue;
    if (close != ']' && j + 1 < text.size() && text[j + 1] == close) {
      ++j;  // a doubled quote stands for itself
      continue;
    }
    return j + 1;
  }
  return text.size();
}

size_t MatchingParen(std::string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size();) {
    const char ch = text[i];
    if (OpensQuote(ch)) {
      i = EndOfQuoted(text, i);
      continue;
    }
    if (ch == '(') ++depth;
    if (ch == ')' && --depth == 0) return i;
    ++i;
  }
  return std::string_view::npos;
}

}  // namespace strata::driver
