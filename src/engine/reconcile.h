// Reconciling the migrations directory with the history table: for every
// migration (and every history row whose file is gone), where it stands. Pure:
// no database access, so status, validate and up share one reading.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/history.h"
#include "source/migration.h"

namespace strata::engine {

enum class State {
  kApplied,
  kPending,
  kFailed,             // non-transactional migration failed; blocks until repair
  kInterrupted,        // non-transactional migration left "running" by a run that died
  kResumable,          // repaired; the next up resumes at statements_done
  kMissingFile,        // applied, but its file is gone
  kBelowBaseline,      // older than the baseline: never applied here, never will be
  kBaseline,           // the baseline row itself
  kRepeatableChanged,  // a repeatable whose file changed since it last ran
  kPartial,            // a phased migration with some phases applied and some not
  kRollingBack,        // a rollback without a transaction was stopped midway; down resumes it
  kRunningNow,         // left "running", and another run holds the run lock: it is at it now
};

const char* StateName(State state);
// Failed work, work stopped midway, and history rows that match no file: what
// status and validate report as problems (exit 3).
bool NeedsAttention(State state);

struct MigrationStatus {
  const source::Migration* migration = nullptr;  // null for kMissingFile and kBaseline
  const HistoryRow* row = nullptr;  // the (latest) history row, if any; owned by the Overview
  State state = State::kPending;
  bool content_changed = false;   // applied file's bytes differ from when applied
  bool semantic_changed = false;  // ... and so do its tokens: a real change
  bool out_of_order = false;      // pending, but older than the newest applied version
  bool tampered = false;          // a history row of it no longer matches its seal (Tampered)
  // A phased migration: the phases applied so far, in order. `row` is the row of
  // the newest phase.
  std::vector<source::Phase> phases_applied;

  std::string id() const;  // the version, or R__name, or the history's version
  bool PhaseApplied(source::Phase phase) const;
  // The first phase of the migration's file not applied yet; nullopt when none.
  std::optional<source::Phase> NextPhase() const;
};

// Move-only: the items point into `history`, which a move keeps where it is.
struct Overview {
  Overview() = default;
  Overview(Overview&&) = default;
  Overview& operator=(Overview&&) = default;
  Overview(const Overview&) = delete;
  Overview& operator=(const Overview&) = delete;

  std::vector<HistoryRow> history;     // the rows it was reconciled with
  std::vector<MigrationStatus> items;  // baseline, applied, then pending, in apply order
  std::string current_version;         // newest applied version; empty when none
  std::string schema_version;          // the "-- Version:" of the newest applied migration with one
  size_t pending = 0;
  size_t applied = 0;
};

// Takes the rows, so that the statuses point at them instead of copying them.
Overview Reconcile(const source::MigrationSet& set, std::vector<HistoryRow> rows);

}  // namespace strata::engine
