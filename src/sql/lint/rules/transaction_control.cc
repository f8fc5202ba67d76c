// transaction-control: BEGIN / COMMIT / ROLLBACK inside strata's own transaction.
#include "base/strings.h"
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

// The statement's verb, lower-case, from either spelling of the model:
// "begin" (SQLite reader) or "TRANS_STMT_BEGIN" (libpg_query).
std::string Verb(const ParsedStatement& s) {
  constexpr std::string_view kPrefix = "TRANS_STMT_";
  std::string_view raw = s.transaction;
  if (StartsWithIgnoreCase(raw, kPrefix)) raw.remove_prefix(kPrefix.size());
  const std::string verb = ToLower(raw);
  // SQLite spells ROLLBACK TO SAVEPOINT with the same first word as ROLLBACK.
  if (verb == "rollback") {
    std::string words = ToLower(s.text);
    for (char& c : words) {
      if (c == '\n' || c == '\t' || c == '\r' || c == ';') c = ' ';
    }
    for (const std::string& word : SplitAndTrim(words, ' ')) {
      if (word == "to") return "rollback_to";
    }
  }
  return verb;
}

// Savepoints nest inside the migration's transaction; everything else starts,
// ends or prepares a transaction.
bool EndsOrStartsTransaction(const std::string& verb) {
  return verb != "savepoint" && verb != "release" && verb != "rollback_to";
}

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '_') c = ' ';
  }
  return text;
}

class TransactionControl final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "transaction-control",
        Category::kTransactions,
        Severity::kError,
        "BEGIN, COMMIT or ROLLBACK in a migration that strata runs in a transaction.",
        "strata wraps each migration, and its history record, in one transaction. A COMMIT "
        "in the script commits part of the migration early, so a later failure leaves the "
        "schema half changed while the history says the migration did not run; a ROLLBACK "
        "silently undoes the work before it; a BEGIN is refused (SQLite) or only warned "
        "about (PostgreSQL).",
        "Remove the statement and let strata manage the transaction; SAVEPOINTs are fine. If "
        "the migration needs its own transactions, or none (CREATE INDEX CONCURRENTLY), mark "
        "it -- strata:no-transaction.",
        true,
        true};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    if (s.kind != StatementKind::kTransaction || !ctx.options().transactional) return;
    const std::string verb = Verb(s);
    if (!EndsOrStartsTransaction(verb)) return;
    emit(s.offset, Upper(verb) + " inside the transaction strata runs the migration in");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTransactionControl() { return std::make_unique<TransactionControl>(); }

}  // namespace strata::sql::lint
