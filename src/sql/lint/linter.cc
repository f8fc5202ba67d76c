#include "sql/lint/linter.h"

#include <algorithm>

#include "base/strings.h"
#include "sql/analyze.h"
#include "sql/lexer.h"
#include "sql/lint/locks.h"
#include "sql/lint/registry.h"
#include "sql/transaction_mode.h"

namespace strata::sql::lint {
namespace {

struct Suppression {
  size_t offset;                   // of the comment
  std::vector<std::string> rules;  // ids, or "all"
  bool whole_file;
  bool has_reason;
};

// "-- strata:lint-ignore a,b reason" comments, in order.
std::vector<Suppression> FindSuppressions(std::string_view script, Dialect dialect) {
  std::vector<Suppression> out;
  if (script.find("strata:lint-ignore") == std::string_view::npos) return out;  // the usual case
  for (const Token& t : Lex(script, dialect)) {
    if (t.kind != TokenKind::kComment) continue;
    std::string_view text = TokenText(script, t);
    text = Trim(text.substr(
        2, text.size() >= 4 && text[1] == '*' ? text.size() - 4 : std::string_view::npos));
    bool whole_file = false;
    if (StartsWithIgnoreCase(text, "strata:lint-ignore-file")) {
      whole_file = true;
      text = Trim(text.substr(23));
    } else if (StartsWithIgnoreCase(text, "strata:lint-ignore")) {
      text = Trim(text.substr(18));
    } else {
      continue;
    }
    const size_t space = text.find_first_of(" \t");
    Suppression s{t.offset, SplitAndTrim(text.substr(0, space), ','), whole_file,
                  space != std::string_view::npos && !Trim(text.substr(space)).empty()};
    out.push_back(std::move(s));
  }
  return out;
}

// Every id a suppression may name: the rules of the registry (not only those
// this linter runs), the linter's own findings, and "all".
const std::vector<std::string_view>& KnownRuleIds() {
  static const std::vector<std::string_view> kIds = [] {
    static const RuleSet kRules = AllRules();
    static const std::vector<RuleInfo> kBuiltin = BuiltinFindings();
    std::vector<std::string_view> out = {"all"};
    for (const auto& rule : kRules) out.push_back(rule->info().id);
    for (const RuleInfo& info : kBuiltin) out.push_back(info.id);
    return out;
  }();
  return kIds;
}

bool KnownRuleId(const std::string& id) {
  const auto& ids = KnownRuleIds();
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::vector<UnknownSuppression> UnknownIn(const std::vector<Suppression>& suppressions) {
  std::vector<UnknownSuppression> out;
  for (const Suppression& s : suppressions) {
    for (const std::string& rule : s.rules) {
      if (rule.empty() || KnownRuleId(rule)) continue;
      std::string message = "'" + rule + "' is not a lint rule";
      if (auto near = NearestSpelling(rule, KnownRuleIds())) {
        message += "; did you mean " + std::string(*near) + "?";
      }
      out.push_back({s.offset, std::move(message)});
    }
  }
  return out;
}

bool Names(const Suppression& s, const std::string& rule) {
  return std::find(s.rules.begin(), s.rules.end(), rule) != s.rules.end() ||
         std::find(s.rules.begin(), s.rules.end(), "all") != s.rules.end();
}

}  // namespace

std::vector<UnknownSuppression> UnknownSuppressions(std::string_view script, Dialect dialect) {
  return UnknownIn(FindSuppressions(script, dialect));
}

Linter::Linter(LintOptions options) : options_(std::move(options)), rules_(AllRules()) {}
Linter::Linter(LintOptions options, RuleSet rules)
    : options_(std::move(options)), rules_(std::move(rules)) {}

Severity Linter::SeverityOf(const RuleInfo& info) const {
  auto it = options_.severity.find(info.id);
  return it == options_.severity.end() ? info.severity : it->second;
}

namespace {

// `options` with how the script really runs, inferred from its statements as
// the engine infers it (sql/transaction_mode.h): a file wrapped in BEGIN ...
// COMMIT is one transaction, a file with several blocks or a statement that
// cannot run in a transaction is not.
ScriptOptions AsItRuns(ScriptOptions options, const std::vector<ParsedStatement>& parsed,
                       Dialect dialect) {
  std::vector<Statement> statements;
  statements.reserve(parsed.size());
  for (const ParsedStatement& s : parsed) statements.push_back(Statement{s.text, s.offset});
  const TransactionRequest request = !options.transactional ? TransactionRequest::kNoTransaction
                                     : options.force_transaction ? TransactionRequest::kTransaction
                                                                 : TransactionRequest::kInfer;
  const TransactionClassification c = ClassifyTransactions(statements, dialect, request, {});
  if (c.refusal) {
    options.transaction_refusal = ScriptOptions::TransactionRefusal{
        statements[c.refusal->statement].offset, c.refusal->message};
    // The file does not run as it stands: judged as one transaction where it
    // asks for one, else as its own blocks (so that rules see which block
    // holds a statement).
    options.transactional = request == TransactionRequest::kTransaction;
    return options;
  }
  options.transactional = RunsInOneTransaction(c.plan.mode);
  return options;
}

}  // namespace

ScriptResult Linter::Lint(std::string_view script, Dialect dialect, const ScriptOptions& options,
                          const std::map<std::string, TableState>& before) const {
  ScriptResult result;
  const std::vector<ParsedStatement> statements = Analyze(script, dialect);
  Context ctx(AsItRuns(options, statements, dialect), options_.naming, before);
  const std::vector<Suppression> suppressions = FindSuppressions(script, dialect);
  result.statements = statements.size();

  // The rules that run here, with their severities.
  std::vector<std::pair<const Rule*, Severity>> active;
  for (const auto& rule : rules_) {
    const RuleInfo& info = rule->info();
    const Severity sev = SeverityOf(info);
    if (sev != Severity::kOff && info.dialects.contains(dialect)) {
      active.emplace_back(rule.get(), sev);
    }
  }

  size_t previous_end = 0;
  auto suppressed = [&](const std::string& rule, size_t stmt_offset, bool file_level_only) {
    for (const Suppression& s : suppressions) {
      if (!Names(s, rule)) continue;
      if (s.whole_file) return true;
      if (!file_level_only && s.offset >= previous_end && s.offset < stmt_offset) return true;
    }
    return false;
  };
  // `stmt` owns the finding (its suppressions apply); `with_lock` adds its lock.
  auto emit_for = [&](const Rule& rule, Severity sev, const ParsedStatement* stmt,
                      bool with_lock = true) {
    return [&, sev, stmt, with_lock, r = &rule](size_t offset, std::string message) {
      const std::string& id = r->info().id;
      if (suppressed(id, stmt ? stmt->offset : script.size(), stmt == nullptr)) return;
      Finding f;
      f.rule = id;
      // A destructive step in a contract phase is the planned end of an
      // expand/contract change: information, not an error.
      f.severity = options.contract_phase && r->info().category == Category::kDestructive &&
                           sev > Severity::kInfo
                       ? Severity::kInfo
                       : sev;
      f.message = std::move(message);
      f.offset = offset;
      if (stmt && with_lock) f.lock = LockOf(*stmt);
      result.findings.push_back(std::move(f));
    };
  };

  for (const ParsedStatement& stmt : statements) {
    if (!stmt.parsed) {
      Finding f;
      f.rule = "syntax-error";
      f.severity = Severity::kError;
      f.message = "the statement does not parse: " + stmt.parse_error;
      f.offset = stmt.offset;
      result.findings.push_back(std::move(f));
    }
    for (const auto& [rule, sev] : active) {
      rule->Check(stmt, ctx, emit_for(*rule, sev, &stmt));
    }
    ctx.Record(stmt);
    previous_end = stmt.offset + stmt.length;
  }
  // A finding made at the end belongs to the statement that holds its offset:
  // that statement's suppressions apply to it. It is about the migration, so it
  // names no lock.
  for (const auto& [rule, sev] : active) {
    rule->Finish(ctx, [&, rule = rule, sev = sev](size_t offset, std::string message) {
      // Statements are in script order: binary search for the one holding `offset`.
      auto after =
          std::upper_bound(statements.begin(), statements.end(), offset,
                           [](size_t o, const ParsedStatement& st) { return o < st.offset; });
      const ParsedStatement* owner = nullptr;
      previous_end = 0;
      if (after != statements.begin()) {
        const ParsedStatement& candidate = *std::prev(after);
        if (offset < candidate.offset + std::max<size_t>(candidate.length, 1)) owner = &candidate;
        if (std::prev(after) != statements.begin()) {
          const ParsedStatement& before = *std::prev(after, 2);
          previous_end = before.offset + before.length;
        }
      }
      emit_for(*rule, sev, owner, /*with_lock=*/false)(offset, std::move(message));
    });
  }

  for (UnknownSuppression& unknown : UnknownIn(suppressions)) {
    Finding f;
    f.rule = "lint-ignore-unknown-rule";
    f.severity = Severity::kError;
    f.message = std::move(unknown.message);
    f.offset = unknown.offset;
    result.findings.push_back(std::move(f));
  }
  for (const Suppression& s : suppressions) {
    if (s.has_reason) continue;
    Finding f;
    f.rule = "lint-ignore-needs-reason";
    f.severity = Severity::kWarning;
    f.message = "a lint suppression must say why: -- strata:lint-ignore <rule> <reason>";
    f.offset = s.offset;
    result.findings.push_back(std::move(f));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
  result.after = ctx.After();
  return result;
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kOff:
      return "off";
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

bool ParseSeverity(const std::string& text, Severity* out) {
  for (Severity s : {Severity::kOff, Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (text == SeverityName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

const char* CategoryName(Category c) {
  switch (c) {
    case Category::kDestructive:
      return "destructive";
    case Category::kLocking:
      return "locking";
    case Category::kCompatibility:
      return "backward-incompatible";
    case Category::kTransactions:
      return "transactions";
    case Category::kTypes:
      return "types";
    case Category::kConstraints:
      return "constraints";
    case Category::kNaming:
      return "naming";
    case Category::kSecurity:
      return "security";
  }
  return "unknown";
}

}  // namespace strata::sql::lint
