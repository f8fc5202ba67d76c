#include "sql/transaction_mode.h"

#include "base/strings.h"
#include "sql/dialect_traits.h"
#include "sql/lexer.h"

namespace strata::sql {
namespace {

enum class Verb {
  kNone,         // not transaction control (SAVEPOINT and ROLLBACK TO included)
  kBegin,        // BEGIN, START TRANSACTION
  kCommit,       // COMMIT, END
  kRollback,     // ROLLBACK, ABORT
  kUnsupported,  // two-phase commit, COMMIT AND CHAIN
};

// What the classification needs of one statement, from one pass of the lexer.
struct Facts {
  Verb verb = Verb::kNone;
  std::string modes;  // kBegin, where keeps_begin_modes: what follows BEGIN [WORK|TRANSACTION]
  std::string unsupported;  // kUnsupported: why
  bool refused_in_block = false;
};

// Whether CONCURRENTLY stands in `statement` as a keyword (not in a string or
// a comment). Most statements do not hold the letters at all and are not lexed.
bool SaysConcurrently(std::string_view statement, Dialect dialect) {
  if (!ContainsIgnoreCase(statement, "concurrently")) return false;
  for (const Token& t : Lex(statement, dialect)) {
    if (t.kind == TokenKind::kWord && EqualsIgnoreCase(TokenText(statement, t), "concurrently")) {
      return true;
    }
  }
  return false;
}

bool RefusedInBlock(std::string_view statement, Dialect dialect,
                    const std::vector<std::string>& words) {
  if (words.empty()) return false;
  const std::string& first = words[0];
  const std::string second = words.size() > 1 ? words[1] : "";
  bool worth_parsing = false;
  switch (dialect) {
    case Dialect::kSqlite:
      return first == "vacuum";  // "cannot VACUUM from within a transaction"
    case Dialect::kPostgres:
      // Parsing every CREATE TABLE again would cost `up` time for nothing: only
      // these can be refused in a block (sql/pg/pg_split.cc decides exactly).
      worth_parsing =
          first == "vacuum" || first == "reindex" || first == "cluster" ||
          (first == "alter" && second == "system") ||
          ((first == "create" || first == "drop") &&
           (second == "database" || second == "tablespace" || second == "subscription")) ||
          SaysConcurrently(statement, dialect);
      break;
  }
  return worth_parsing && Describe(statement, dialect).outside_transaction;
}

// `with_refusal`: also find out whether the database refuses it in a block,
// which for a few statements takes a parse (Describe, which asks this file
// whether a statement is transaction control, passes false).
Facts Read(std::string_view statement, Dialect dialect, bool with_refusal) {
  // The leading tokens only (the longest verb read is COMMIT TRANSACTION AND
  // CHAIN), stepped through with TokenAt: lexing a long INSERT whole for its
  // first word would cost every up and lint run for nothing.
  constexpr size_t kLeadingTokens = 5;
  std::vector<Token> tokens;
  std::vector<std::string> words;  // lower-cased; "" for a token that is not a word
  for (size_t pos = 0; pos < statement.size() && tokens.size() < kLeadingTokens;) {
    const Token t = TokenAt(statement, pos, dialect);
    if (t.length == 0) break;
    pos = t.offset + t.length;
    if (t.kind == TokenKind::kSpace || t.kind == TokenKind::kComment) continue;
    tokens.push_back(t);
    words.push_back(t.kind == TokenKind::kWord ? ToLower(TokenText(statement, t)) : "");
  }
  auto word = [&](size_t i) { return i < words.size() ? words[i] : std::string(); };
  // The index after an optional WORK or TRANSACTION at `i`.
  auto skip_noise = [&](size_t i) {
    return word(i) == "work" || word(i) == "transaction" ? i + 1 : i;
  };
  Facts facts;
  const std::string first = word(0);
  if (first == "begin" || (first == "start" && word(1) == "transaction")) {
    facts.verb = Verb::kBegin;
    const size_t from = first == "start" ? 2 : skip_noise(1);
    if (TraitsOf(dialect).keeps_begin_modes && from < tokens.size()) {
      facts.modes = std::string(Trim(statement.substr(tokens[from].offset)));
    }
  } else if (first == "commit" || first == "end") {
    facts.verb = Verb::kCommit;
    const size_t k = skip_noise(1);
    if (word(k) == "prepared") {
      facts.verb = Verb::kUnsupported;
      facts.unsupported = "finishes a prepared two-phase transaction";
    } else if (word(k) == "and" && word(k + 1) == "chain") {
      facts.verb = Verb::kUnsupported;
      facts.unsupported = "opens a new transaction at once (AND CHAIN)";
    }
  } else if (first == "rollback" || first == "abort") {
    const size_t k = skip_noise(1);
    if (first == "rollback" && word(k) == "to") return facts;  // to a savepoint
    facts.verb = word(k) == "prepared" ? Verb::kUnsupported : Verb::kRollback;
    facts.unsupported = "finishes a prepared two-phase transaction";
  } else if (first == "prepare" && word(1) == "transaction") {
    facts.verb = Verb::kUnsupported;
    facts.unsupported = "prepares a two-phase transaction";
  } else if (with_refusal) {
    facts.refused_in_block = RefusedInBlock(statement, dialect, words);
  }
  return facts;
}

std::string Quoted(const Statement& s) { return "'" + Excerpt(s.text, 40) + "'"; }

}  // namespace

const char* TransactionModeName(TransactionMode mode) {
  switch (mode) {
    case TransactionMode::kSingle:
      return "single";
    case TransactionMode::kWrapped:
      return "wrapped";
    case TransactionMode::kOwnBlocks:
      return "blocks";
    case TransactionMode::kNone:
      return "none";
  }
  return "single";
}

std::optional<TransactionMode> ParseTransactionMode(std::string_view name) {
  for (TransactionMode m : {TransactionMode::kSingle, TransactionMode::kWrapped,
                            TransactionMode::kOwnBlocks, TransactionMode::kNone}) {
    if (name == TransactionModeName(m)) return m;
  }
  return std::nullopt;
}

std::vector<TransactionUnit> OneUnitPerStatement(size_t count) {
  std::vector<TransactionUnit> units;
  units.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    units.push_back(TransactionUnit{TransactionUnit::Kind::kStatement, i, i + 1, ""});
  }
  return units;
}

bool IsTransactionControl(std::string_view statement, Dialect dialect) {
  return Read(statement, dialect, false).verb != Verb::kNone;
}

TransactionClassification ClassifyTransactions(const std::vector<Statement>& statements,
                                               Dialect dialect, TransactionRequest request,
                                               const std::vector<bool>& backfill_at,
                                               const std::function<std::string(size_t)>& where) {
  TransactionClassification out;
  auto at = [&](size_t i) { return where ? where(i) : "statement " + std::to_string(i + 1); };
  TransactionPlan& plan = out.plan;
  auto refuse = [&](size_t i, std::string message) {
    out.refusal = TransactionRefusal{i, std::move(message)};
    return out;
  };
  auto has_backfill = [&](size_t i) { return i < backfill_at.size() && backfill_at[i]; };
  std::vector<Facts> facts;
  facts.reserve(statements.size());
  bool any_control = false;
  bool any_backfill = false;
  std::optional<size_t> first_refused;
  for (size_t i = 0; i < statements.size(); ++i) {
    facts.push_back(Read(statements[i].text, dialect, true));
    const Facts& f = facts.back();
    any_control = any_control || f.verb != Verb::kNone;
    any_backfill = any_backfill || has_backfill(i);
    if (f.refused_in_block && !first_refused) first_refused = i;
    if (f.verb == Verb::kUnsupported) {
      return refuse(i, Quoted(statements[i]) + " " + f.unsupported +
                           ", which strata cannot record progress around; run it by hand");
    }
    if (f.verb == Verb::kRollback) {
      return refuse(
          i, Quoted(statements[i]) +
                 " would undo the work before it and strata's record of it; a "
                 "migration that must not apply should fail instead (PostgreSQL: RAISE EXCEPTION "
                 "in a DO block), and ROLLBACK TO SAVEPOINT undoes part of one");
    }
  }
  // One unit per statement: no-transaction files, and the statements between
  // a file's own blocks.
  auto single_unit = [&](size_t i) {
    TransactionUnit u;
    u.kind = facts[i].refused_in_block ? TransactionUnit::Kind::kBare
                                       : TransactionUnit::Kind::kStatement;
    u.begin = i;
    u.end = i + 1;
    return u;
  };
  if (!any_control) {
    if (request == TransactionRequest::kTransaction && !any_backfill) {
      plan.inferred = false;
      return out;  // kSingle, as asked: the database refuses what it must
    }
    if (request == TransactionRequest::kInfer && !any_backfill && !first_refused) return out;
    plan.mode = TransactionMode::kNone;
    plan.inferred = request == TransactionRequest::kInfer && !any_backfill;
    if (plan.inferred) plan.cause = first_refused;
    for (size_t i = 0; i < statements.size(); ++i) plan.units.push_back(single_unit(i));
    return out;
  }
  std::optional<size_t> open;  // the BEGIN of the block being read
  for (size_t i = 0; i < statements.size(); ++i) {
    const Facts& f = facts[i];
    if (f.verb == Verb::kBegin) {
      if (open) {
        return refuse(i, "BEGIN inside the transaction block opened on " + at(*open) +
                             " (PostgreSQL would only warn and carry on in the first); end the "
                             "first block with COMMIT, or remove this BEGIN");
      }
      open = i;
      continue;
    }
    if (f.verb == Verb::kCommit) {
      if (!open) {
        return refuse(i, Quoted(statements[i]) +
                             " has no BEGIN before it: strata runs each statement outside a "
                             "block in a transaction of its own; remove it, or add the BEGIN");
      }
      TransactionUnit u;
      u.kind = TransactionUnit::Kind::kBlock;
      u.begin = *open;
      u.end = i + 1;
      if (!facts[*open].modes.empty()) {
        u.set_transaction = "SET TRANSACTION " + facts[*open].modes;
      }
      plan.units.push_back(std::move(u));
      open.reset();
      continue;
    }
    if (!open) {
      plan.units.push_back(single_unit(i));
      continue;
    }
    if (f.refused_in_block) {
      return refuse(i, Quoted(statements[i]) +
                           " cannot run inside a transaction block, and this one is inside the "
                           "file's BEGIN (" +
                           at(*open) + "); move it after the block's COMMIT");
    }
    if (has_backfill(i)) {
      return refuse(i,
                    "a -- strata:backfill commits batch by batch, so it cannot run inside the "
                    "file's BEGIN (" +
                        at(*open) + "); move it after the block's COMMIT");
    }
  }
  if (open) {
    return refuse(*open,
                  "BEGIN is never committed: the server would roll the block back at the "
                  "end of the session; add a COMMIT");
  }
  if (request == TransactionRequest::kTransaction) {
    plan.inferred = false;
    if (plan.units.size() != 1 || plan.units[0].kind != TransactionUnit::Kind::kBlock) {
      const TransactionUnit& other =
          plan.units[0].kind == TransactionUnit::Kind::kBlock && plan.units.size() > 1
              ? plan.units[1]
              : plan.units[0];
      return refuse(other.begin,
                    "-- strata:transaction asks for one transaction, but the file manages its "
                    "own (statements outside its BEGIN ... COMMIT, or several blocks); remove the "
                    "directive to run the blocks as written");
    }
  }
  plan.inferred = request == TransactionRequest::kInfer;
  const bool wrapped = plan.units.size() == 1 &&
                       plan.units[0].kind == TransactionUnit::Kind::kBlock &&
                       request != TransactionRequest::kNoTransaction;
  if (wrapped) {
    plan.mode = TransactionMode::kWrapped;
    plan.set_transaction = std::move(plan.units[0].set_transaction);
    plan.units.clear();
    return out;
  }
  plan.mode = TransactionMode::kOwnBlocks;
  return out;
}

}  // namespace strata::sql
