#include "engine/reconcile.h"

#include <algorithm>
#include <map>

namespace strata::engine {

const char* StateName(State state) {
  switch (state) {
    case State::kApplied:
      return "applied";
    case State::kPending:
      return "pending";
    case State::kFailed:
      return "failed";
    case State::kInterrupted:
      return "interrupted";
    case State::kResumable:
      return "resumable";
    case State::kMissingFile:
      return "missing file";
    case State::kBelowBaseline:
      return "below baseline";
    case State::kBaseline:
      return "baseline";
    case State::kRepeatableChanged:
      return "changed";
    case State::kPartial:
      return "in progress";
    case State::kRollingBack:
      return "rolling back";
    case State::kRunningNow:
      return "running";
  }
  return "unknown";
}

bool NeedsAttention(State state) {
  switch (state) {
    case State::kFailed:
    case State::kInterrupted:
    case State::kResumable:
    case State::kRollingBack:
    case State::kMissingFile:
      return true;
    case State::kApplied:
    case State::kPending:
    case State::kBelowBaseline:
    case State::kBaseline:
    case State::kRepeatableChanged:
    case State::kPartial:
    case State::kRunningNow:
      return false;
  }
  return false;
}

std::string MigrationStatus::id() const {
  if (migration) return migration->id;
  return row && row->version ? *row->version : "";
}

bool MigrationStatus::PhaseApplied(source::Phase phase) const {
  return std::find(phases_applied.begin(), phases_applied.end(), phase) != phases_applied.end();
}

std::optional<source::Phase> MigrationStatus::NextPhase() const {
  if (!migration) return std::nullopt;
  for (const source::PhaseScripts& p : migration->phases) {
    if (!PhaseApplied(p.phase)) return p.phase;
  }
  return std::nullopt;
}

namespace {

State StateOfRow(const HistoryRow& row) {
  if (row.state == kStateFailed) return State::kFailed;
  if (row.state == kStateRunning) return State::kInterrupted;
  if (row.state == kStateResume) return State::kResumable;
  if (row.state == kStateReverting) return State::kRollingBack;
  return State::kApplied;
}

}  // namespace

Overview Reconcile(const source::MigrationSet& set, std::vector<HistoryRow> rows) {
  Overview ov;
  ov.history = std::move(rows);
  const std::vector<HistoryRow>& history = ov.history;
  // One slot per version in the history: its newest row (a phased migration has
  // a row per phase; the newest stands for it), the phases applied, and whether
  // a file has that version. One map, looked up once per row and once per file:
  // `status` on thousands of migrations stays fast. Repeatables go by
  // description (the latest row wins).
  struct Slot {
    const HistoryRow* row = nullptr;
    std::vector<source::Phase> phases;
    bool has_file = false;
    bool tampered = false;  // any of its rows
  };
  std::map<source::Version, Slot> slots;
  std::vector<const Slot*> installed_order;  // each version's slot, by its first row
  std::map<std::string, const HistoryRow*> repeatables;
  std::map<std::string, bool> repeatables_tampered;
  const source::Version* baseline = nullptr;  // keys of `slots`, which stay put
  const source::Version* newest = nullptr;
  for (const HistoryRow& r : history) {
    if (r.kind == kKindRepeatable) {
      repeatables[r.description] = &r;
      repeatables_tampered[r.description] |= Tampered(r);
      continue;
    }
    std::optional<source::Version> v =
        r.version ? source::Version::Parse(*r.version) : std::nullopt;
    if (!v) continue;
    auto [it, fresh] = slots.try_emplace(std::move(*v));
    Slot& slot = it->second;
    if (fresh) installed_order.push_back(&slot);
    slot.row = &r;
    slot.tampered |= Tampered(r);
    if (!r.phase.empty() && r.state == kStateApplied) {
      if (const std::optional<source::Phase> p = source::ParsePhase(r.phase)) {
        slot.phases.push_back(*p);
      }
    }
    if (r.kind == kKindBaseline) baseline = &it->first;
    if (!newest || *newest < it->first) {
      newest = &it->first;
      ov.current_version = *r.version;
    }
  }

  std::vector<MigrationStatus> applied, pending;
  applied.reserve(set.migrations.size());
  for (const source::Migration& m : set.migrations) {
    MigrationStatus s;
    s.migration = &m;
    if (m.is_repeatable()) {
      auto it = repeatables.find(m.description);
      if (it != repeatables.end()) {
        s.row = it->second;
        s.tampered = repeatables_tampered[m.description];
      }
      s.state = !s.row                                             ? State::kPending
                : s.row->checksum_content != m.checksums.content() ? State::kRepeatableChanged
                                                                   : State::kApplied;
      (s.state == State::kApplied ? applied : pending).push_back(std::move(s));
      continue;
    }
    if (auto slot = slots.find(m.version); slot != slots.end()) {
      slot->second.has_file = true;
      const HistoryRow* row = slot->second.row;
      if (row->kind == kKindBaseline) continue;  // shown as the baseline row
      s.row = row;
      s.state = StateOfRow(*row);
      s.phases_applied = slot->second.phases;
      s.tampered = slot->second.tampered;
      if (s.state == State::kApplied && s.NextPhase()) s.state = State::kPartial;
      s.content_changed = row->checksum_content != m.checksums.content();
      // Same bytes, same tokens: the semantic checksum is computed only when needed.
      s.semantic_changed = s.content_changed && row->checksum_semantic != m.checksums.semantic();
      applied.push_back(std::move(s));
    } else if (baseline && !(*baseline < m.version)) {
      s.state = State::kBelowBaseline;
      applied.push_back(std::move(s));
    } else {
      s.state = State::kPending;
      s.out_of_order = newest && m.version < *newest;
      pending.push_back(std::move(s));
    }
  }
  // Applied in installed order, so the listing reads like the history.
  const auto by_rank = [](const MigrationStatus& a, const MigrationStatus& b) {
    const int64_t ra = a.row ? a.row->rank : 0, rb = b.row ? b.row->rank : 0;
    return ra < rb;
  };
  // Usually installed in version order already; sorting anyway cost `status` more
  // than reading the history.
  if (!std::is_sorted(applied.begin(), applied.end(), by_rank)) {
    std::stable_sort(applied.begin(), applied.end(), by_rank);
  }
  // The baseline and rows whose files are gone come first, in installed order.
  for (const Slot* slot : installed_order) {
    const bool is_baseline = slot->row->kind == kKindBaseline;
    if (!is_baseline && slot->has_file) continue;
    MigrationStatus s;
    s.row = slot->row;
    s.state = is_baseline ? State::kBaseline : State::kMissingFile;
    s.tampered = slot->tampered;
    ov.items.push_back(std::move(s));
  }
  ov.items.reserve(ov.items.size() + applied.size() + pending.size());
  for (auto& s : applied) {
    if (s.state == State::kApplied) ++ov.applied;
    ov.items.push_back(std::move(s));
  }
  for (auto& s : pending) ov.items.push_back(std::move(s));
  ov.pending = pending.size();
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kApplied && s.row && !s.row->schema_version.empty() &&
        s.row->kind != kKindRepeatable) {
      ov.schema_version = s.row->schema_version;  // items are in installed order: the last wins
    }
  }
  return ov;
}

}  // namespace strata::engine
