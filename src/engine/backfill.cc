// Batched backfills: `-- strata:backfill table=t key=k batch=n` and the UPDATE
// after it, bounded by :lo and :hi. The key is walked in order; each batch is one
// transaction that runs the UPDATE for (lo, hi] and records hi as done, so a run
// killed at any point resumes after the last committed batch: no batch is redone
// or skipped. Lock timeouts, deadlocks and serialization failures retry the batch.
#include "engine/backfill.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "base/strings.h"
#include "engine/engine.h"
#include "engine/retry.h"
#include "sql/lexer.h"

namespace strata::engine {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The UPDATE with :lo and :hi turned into parameters 1 and 2.
Result<std::string> BindBounds(std::string_view text, Dialect dialect,
                               const BoundPlaceholders& as = {}) {
  bool lo = false, hi = false;
  std::string out = ReplaceBackfillBounds(text, dialect, &lo, &hi, as);
  if (!lo || !hi) {
    return Status::InvalidInput(
        "the statement after a backfill directive must bound each batch with :lo and :hi, "
        "e.g. WHERE id > :lo AND id <= :hi");
  }
  return out;
}

// "public.users" -> "public"."users".
std::string QuoteQualified(const driver::SqlDialect& dialect, std::string_view name) {
  std::string out;
  for (const std::string& part : SplitAndTrim(name, '.')) {
    out += (out.empty() ? "" : ".") + dialect.QuoteIdentifier(part);
  }
  return out;
}

std::optional<double> AsNumber(const std::optional<std::string>& v) {
  if (!v || v->empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (end != v->c_str() + v->size()) return std::nullopt;
  return d;
}

}  // namespace

std::string ReplaceBackfillBounds(std::string_view text, Dialect dialect, bool* lo, bool* hi,
                                  const BoundPlaceholders& as) {
  const auto padded = [](std::string p) {
    if (p.size() < 3) p.resize(3, ' ');
    return p;
  };
  const std::string lo_text = padded(as.lo), hi_text = padded(as.hi);
  const std::vector<sql::Token> tokens = sql::Lex(text, dialect);
  std::string out(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const sql::Token& t = tokens[i];
    const std::string_view word = sql::TokenText(text, t);
    std::string name;
    if (t.kind == sql::TokenKind::kParam && word.size() == 3 && word[0] == ':') {
      name = ToLower(word.substr(1));
    } else if (word == ":" && i + 1 < tokens.size() && tokens[i + 1].offset == t.offset + 1 &&
               tokens[i + 1].kind == sql::TokenKind::kWord && tokens[i + 1].length == 2) {
      name = ToLower(sql::TokenText(text, tokens[i + 1]));
    }
    if (name != "lo" && name != "hi") continue;
    // A placeholder longer than three characters moves what follows it.
    out.replace(t.offset + (out.size() - text.size()), 3, name == "lo" ? lo_text : hi_text);
    *(name == "lo" ? lo : hi) = true;
  }
  return out;
}

Status CheckBackfills(const source::Script& script, const std::vector<sql::Statement>& statements,
                      Dialect dialect) {
  for (const source::Backfill& b : script.backfills) {
    const sql::Statement* governed = nullptr;
    for (const sql::Statement& stmt : statements) {
      if (stmt.offset > b.offset) {
        governed = &stmt;
        break;
      }
    }
    Status st = governed == nullptr ? Status::InvalidInput(
                                          "a backfill directive must be followed by the UPDATE it "
                                          "runs in batches")
                                    : BindBounds(governed->text, dialect).status();
    if (!st.ok()) return std::move(st).WithFile(script.path).WithLocation(b.line, 1);
  }
  return Status::Ok();
}

Status Engine::RunBackfill(const source::Migration& m, const source::Script& script,
                           const std::string& phase, size_t index, const sql::Statement& stmt,
                           const source::Backfill& b, StepReport& step) {
  const auto located = [&](Status st) {
    return std::move(st).WithFile(script.path).WithLocation(b.line, 1);
  };
  Result<std::string> update = BindBounds(stmt.text, conn_.dialect(),
                                          {conn_.sql().Placeholder(1), conn_.sql().Placeholder(2)});
  if (!update.ok()) return located(update.take_status());
  const std::string table = QuoteQualified(conn_.sql(), b.table);
  const std::string key = conn_.sql().QuoteIdentifier(b.key);
  // The upper bound of the next batch: the batch-th key after lo (NULL: none left).
  const std::string next_bound = "SELECT max(k) FROM (SELECT " + key + " AS k FROM " + table +
                                 " WHERE " + key + " > " + conn_.sql().Placeholder(1) +
                                 " ORDER BY " + key + " LIMIT " + std::to_string(b.batch) +
                                 ") AS next_batch";
  const std::string key_range = "SELECT min(" + key + ") - 1, max(" + key + ") FROM " + table;
  const std::string label = m.id + (phase.empty() ? "" : " " + phase);
  const int64_t statement = static_cast<int64_t>(index);

  STRATA_ASSIGN_OR_RETURN(BackfillProgress progress, history_.LoadBackfill(m.id, phase, statement));
  if (progress.finished) return Status::Ok();
  Result<driver::Rows> range = conn_.Query(key_range, {});
  if (!range.ok()) {
    return located(range.take_status().Prefixed(
        "backfill of " + b.table + " (its key must be an integer column of the table): "));
  }
  const std::optional<double> first = AsNumber(range->rows[0][0]);
  const std::optional<double> last = AsNumber(range->rows[0][1]);
  if (progress.started) {
    log_.Info("backfill of " + b.table + " resumes after " + b.key + " " +
              progress.last_key.value_or("(start)") + " (" + std::to_string(progress.rows_done) +
              " rows done)");
  }
  STRATA_RETURN_IF_ERROR(conn_.SetStatementTimeout(options_.batch_statement_timeout));

  const std::optional<double> resumed_at = AsNumber(progress.last_key);
  const double start_fraction =
      first && last && resumed_at && *last > *first
          ? std::clamp((*resumed_at - *first) / (*last - *first), 0.0, 1.0)
          : 0.0;
  const auto start = Clock::now();
  int64_t rows_this_run = 0, retries = 0;
  Status result = Status::Ok();
  for (;;) {
    // One batch: read where we are, update (lo, hi], record hi; commit together.
    bool done = false;
    int64_t changed = 0;
    Status st;
    for (int attempt = 0;; ++attempt) {
      // A runner that lost its lock stops before its next batch.
      st = CheckLock();
      if (st.ok()) st = conn_.Begin();
      Result<BackfillProgress> p =
          st.ok() ? history_.LoadBackfill(m.id, phase, statement) : Result<BackfillProgress>(st);
      const int64_t from_batches = p.ok() ? p->batches : 0;
      // Records the batch with its COMMIT, unless another run (one whose lock
      // this run took over) recorded one meanwhile: then the batch is undone.
      auto save = [&](const BackfillProgress& next) -> Status {
        STRATA_ASSIGN_OR_RETURN(
            bool saved, history_.AdvanceBackfill(m.id, phase, statement, from_batches, next));
        if (!saved) {
          return Status::Conflict("another run moved the backfill of " + b.table +
                                  " on meanwhile; stopped so as not to run a batch twice");
        }
        return conn_.Commit();
      };
      if (p.ok() && !p->started) {
        p->last_key = range->rows[0][0];  // min(key) - 1
        p->started = true;
      }
      Result<driver::Rows> bound =
          p.ok() ? conn_.Query(next_bound, {p->last_key}) : Result<driver::Rows>(p.status());
      if (bound.ok() && (!p->last_key || bound->rows.empty() || !bound->rows[0][0])) {
        p->finished = true;  // no key left after lo (or the table is empty)
        st = save(*p);
        done = true;
        progress = *p;
      } else if (bound.ok()) {
        const std::optional<std::string> hi = bound->rows[0][0];
        Result<driver::Rows> updated = conn_.Query(*update, {p->last_key, hi});
        if (updated.ok()) {
          changed = std::max<int64_t>(updated->affected, 0);
          p->last_key = hi;
          p->rows_done += changed;
          ++p->batches;
          st = save(*p);
          if (st.ok()) progress = *p;
        } else {
          st = located(updated.take_status());
        }
      } else {
        st = bound.take_status();
      }
      if (st.ok()) break;
      (void)conn_.Rollback();
      if (!IsTransientConflict(st) || attempt >= options_.lock_retries) break;
      ++retries;
      const std::chrono::milliseconds pause = Backoff(options_.retry_backoff, attempt + 1);
      log_.Warn("backfill of " + b.table + ": batch " + std::to_string(progress.batches + 1) +
                " hit a conflict (" + st.message() + "); retrying in " +
                std::to_string(pause.count()) + " ms");
      std::this_thread::sleep_for(pause);
    }
    if (!st.ok()) {
      result = std::move(st).Prefixed("backfill of " + b.table + " stopped after " + b.key + " " +
                                      progress.last_key.value_or("(start)") + " (" +
                                      std::to_string(progress.rows_done) +
                                      " rows done; the next run resumes there): ");
      break;
    }
    rows_this_run += changed;
    BackfillTick tick;
    tick.migration = label;
    tick.table = b.table;
    tick.rows_done = progress.rows_done;
    tick.batches = progress.batches;
    tick.retries = retries;
    tick.finished = done;
    const double elapsed = SecondsSince(start);
    tick.rows_per_second = elapsed > 0 ? static_cast<double>(rows_this_run) / elapsed : 0;
    const std::optional<double> at = AsNumber(progress.last_key);
    if (first && last && at && *last > *first) {
      tick.fraction = done ? 1.0 : std::clamp((*at - *first) / (*last - *first), 0.0, 1.0);
      // The key range covered per second in this run, applied to what is left.
      const double speed = (tick.fraction - start_fraction) / elapsed;
      if (!done && elapsed > 0 && speed > 0) tick.seconds_left = (1.0 - tick.fraction) / speed;
    }
    log_.Progress(tick);
    if (done) break;
    // Pacing: the pause between batches, and no faster than max_rate rows/s.
    if (b.pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(b.pause_ms));
    if (b.max_rate > 0) {
      const double due = static_cast<double>(rows_this_run) / static_cast<double>(b.max_rate);
      const double ahead = due - SecondsSince(start);
      if (ahead > 0) std::this_thread::sleep_for(std::chrono::duration<double>(ahead));
    }
  }
  step.backfill_rows += rows_this_run;
  Status reset = conn_.SetStatementTimeout(std::chrono::milliseconds(0));
  if (!result.ok()) return result;
  if (!reset.ok()) return reset;
  log_.Info("backfill of " + b.table + ": " + std::to_string(progress.rows_done) + " rows in " +
            std::to_string(progress.batches) + " batches" +
            (retries > 0 ? ", " + std::to_string(retries) + " batch retries" : ""));
  return Status::Ok();
}

}  // namespace strata::engine
