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
  }
  return "unknown";
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
  return State::kApplied;
}

}  // namespace

Overview Reconcile(const source::MigrationSet& set, const std::vector<HistoryRow>& rows) {
  Overview ov;
  // Versioned rows by parsed version; repeatables by script description (latest wins).
  // Maps keep this O(n log n): status on thousands of migrations stays fast.
  std::vector<std::pair<source::Version, const HistoryRow*>> versioned;
  std::map<source::Version, const HistoryRow*> row_by_version;
  std::map<source::Version, std::vector<source::Phase>> phases_by_version;
  std::map<source::Version, const source::Migration*> file_by_version;
  for (const source::Migration& m : set.migrations) {
    if (!m.is_repeatable()) file_by_version.emplace(m.version, &m);
  }
  std::map<std::string, const HistoryRow*> repeatables;
  std::optional<source::Version> baseline;
  std::optional<source::Version> newest;
  for (const HistoryRow& r : rows) {
    if (r.kind == kKindRepeatable) {
      repeatables[r.description] = &r;
      continue;
    }
    const std::optional<source::Version> v =
        r.version ? source::Version::Parse(*r.version) : std::nullopt;
    if (!v) continue;
    if (!r.phase.empty() && r.state == kStateApplied) {
      if (const std::optional<source::Phase> p = source::ParsePhase(r.phase)) {
        phases_by_version[*v].push_back(*p);
      }
    }
    // A phased migration has a row per phase; the newest stands for it.
    if (row_by_version.count(*v) == 0) versioned.emplace_back(*v, &r);
    row_by_version[*v] = &r;
    if (r.kind == kKindBaseline) baseline = *v;
    if (!newest || *newest < *v) {
      newest = *v;
      ov.current_version = *r.version;
    }
  }
  auto find_row = [&](const source::Version& v) -> const HistoryRow* {
    auto it = row_by_version.find(v);
    return it == row_by_version.end() ? nullptr : it->second;
  };

  // Baseline and rows whose files are gone come first, in installed order.
  for (auto& [v, row] : versioned) {
    row = row_by_version[v];
    const bool baseline = row->kind == kKindBaseline;
    if (baseline || file_by_version.count(v) == 0) {
      MigrationStatus s;
      s.row = *row;
      s.state = baseline ? State::kBaseline : State::kMissingFile;
      ov.items.push_back(std::move(s));
    }
  }
  std::vector<MigrationStatus> applied, pending;
  for (const source::Migration& m : set.migrations) {
    MigrationStatus s;
    s.migration = &m;
    if (m.is_repeatable()) {
      auto it = repeatables.find(m.description);
      if (it != repeatables.end()) s.row = *it->second;
      s.state = !s.row ? State::kPending
                : s.row->checksum_content != m.checksums.content() ? State::kRepeatableChanged
                                                                 : State::kApplied;
      (s.state == State::kApplied ? applied : pending).push_back(std::move(s));
      continue;
    }
    if (const HistoryRow* row = find_row(m.version)) {
      if (row->kind == kKindBaseline) continue;  // shown as the baseline row
      s.row = *row;
      s.state = StateOfRow(*row);
      s.phases_applied = phases_by_version[m.version];
      if (s.state == State::kApplied && s.NextPhase()) s.state = State::kPartial;
      s.content_changed = row->checksum_content != m.checksums.content();
      // Same bytes, same tokens: the semantic checksum is computed only when needed.
      s.semantic_changed =
          s.content_changed && row->checksum_semantic != m.checksums.semantic();
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
  for (auto& s : applied) {
    if (s.state == State::kApplied) ++ov.applied;
    ov.items.push_back(std::move(s));
  }
  for (auto& s : pending) ov.items.push_back(std::move(s));
  ov.pending = pending.size();
  for (const MigrationStatus& s : ov.items) {
    if (s.state == State::kApplied && s.row && !s.row->schema_version.empty() && s.row->kind != kKindRepeatable) {
      ov.schema_version = s.row->schema_version;  // items are in installed order: the last wins
    }
  }
  return ov;
}

}  // namespace strata::engine
