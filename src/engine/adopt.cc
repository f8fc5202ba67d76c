#include "engine/adopt.h"

#include <map>
#include <optional>

#include "base/utc.h"
#include "engine/engine.h"
#include "source/checksum.h"
#include "source/directory.h"
#include "source/liquibase.h"
#include "source/liquibase_checksum.h"

namespace strata::engine {
namespace {

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The peer's record and the file it names, or why they cannot be paired.
struct Matcher {
  const PeerHistory& history;
  const source::MigrationSet& set;
  bool accept_changed;
  const PeerChecksumOf& checksum_of;
  AdoptReport report;

  void Problem(const PeerEntry& e, const source::Migration* m, std::string message) {
    report.problems.push_back({e.where, m != nullptr ? m->up.path : "", std::move(message)});
  }

  // Adds `e` as applied by `m`, unless the peer says it failed or its checksum
  // of the file now differs from the one it kept.
  Status Take(const PeerEntry& e, const source::Migration* m) {
    if (!e.failure.empty()) {
      Problem(e, m,
              e.failure + "; finish or undo it by hand and mark it in " + PeerName(history.peer) +
                  " before adopting");
      return Status::Ok();
    }
    AdoptStep step;
    step.migration = m;
    step.entry = e;
    if (e.checksum_cleared) {
      // As Liquibase itself does after clear-checksums: the file is taken as it is.
      step.unverified = "checksum cleared in " + history.table + ": not compared";
    }
    if (!e.checksum.empty()) {
      STRATA_ASSIGN_OR_RETURN(const PeerChecksum now, checksum_of(history.peer, *m, e.checksum));
      constexpr std::string_view kAccept =
          "; if the database has the change as the file is now, adopt with --accept-changed";
      if (!now.unverifiable.empty()) {
        // Not known to be unchanged: refused as a changed file is.
        if (!accept_changed) {
          Problem(e, m, now.unverifiable + std::string(kAccept));
          return Status::Ok();
        }
        step.unverified = now.unverifiable;
      } else {
        step.changed = !now.value.empty() && now.value != e.checksum;
        if (step.changed && !accept_changed) {
          Problem(e, m,
                  "the file changed since " + std::string(PeerName(history.peer)) +
                      " applied it (its checksum " + e.checksum + ", the file's now " + now.value +
                      ")" + std::string(kAccept));
          return Status::Ok();
        }
      }
    }
    report.steps.push_back(std::move(step));
    return Status::Ok();
  }

  const source::Migration* ByVersion(const std::string& text) {
    const std::optional<source::Version> v = source::Version::Parse(text);
    return v ? set.FindVersion(*v) : nullptr;
  }

  Status Versions() {
    for (const PeerEntry& e : history.entries) {
      if (e.repeatable) {
        STRATA_RETURN_IF_ERROR(Repeatable(e));
        continue;
      }
      const source::Migration* m = ByVersion(e.key);
      if (e.baseline) {
        AdoptStep step;
        step.migration = m;
        step.version = e.key;
        step.entry = e;
        step.baseline = true;
        report.steps.push_back(std::move(step));
        continue;
      }
      if (m == nullptr) {
        Problem(e, nullptr,
                "version " + e.key + " was applied by " + PeerName(history.peer) +
                    ", but no migration file has that version");
        continue;
      }
      STRATA_RETURN_IF_ERROR(Take(e, m));
    }
    return Status::Ok();
  }

  // Flyway re-applies a repeatable whenever its checksum changes; so does strata.
  // One unchanged since its last run is recorded; a changed one is left pending.
  Status Repeatable(const PeerEntry& e) {
    for (const source::Migration& m : set.migrations) {
      if (!m.is_repeatable() || m.description != e.key) continue;
      if (!e.failure.empty()) return Take(e, &m);
      STRATA_ASSIGN_OR_RETURN(const PeerChecksum now, checksum_of(history.peer, m, e.checksum));
      if (now.value == e.checksum) return Take(e, &m);
      return Status::Ok();  // pending: strata up applies it again
    }
    Problem(e, nullptr, "the repeatable migration '" + e.key + "' has no R__ file any more");
    return Status::Ok();
  }

  // golang-migrate keeps the newest version applied: every file up to it is applied.
  Status UpToVersion() {
    if (!history.up_to_version) return Status::Ok();
    PeerEntry newest;
    newest.key = *history.up_to_version;
    newest.where = history.table + " version " + newest.key;
    const source::Migration* at = ByVersion(newest.key);
    if (at == nullptr) {
      Problem(newest, nullptr,
              "golang-migrate is at version " + newest.key +
                  ", but no migration file has that version");
      return Status::Ok();
    }
    for (const source::Migration& m : set.migrations) {
      if (m.is_repeatable() || at->version < m.version) continue;
      PeerEntry e = newest;
      e.key = m.id;
      STRATA_RETURN_IF_ERROR(Take(e, &m));
    }
    return Status::Ok();
  }

  // sqitch names changes, Liquibase changesets (author:id): the layouts read from
  // their plans give each migration that name as its description.
  Status Names(source::Layout layout) {
    if (set.layout != layout) {
      PeerEntry table;
      table.where = history.table;
      Problem(table, nullptr,
              std::string(PeerName(history.peer)) + " names its migrations, not versions: point " +
                  "--dir at the " +
                  (layout == source::Layout::kSqitch ? "folder that holds sqitch.plan"
                                                     : "folder of the changelogs") +
                  " so that strata reads them in place");
      return Status::Ok();
    }
    // A reworked sqitch change is deployed once per instance in the plan, in order.
    std::map<std::string, size_t> seen;
    for (const PeerEntry& e : history.entries) {
      const source::Migration* found = nullptr;
      size_t instance = 0;
      for (const source::Migration& m : set.migrations) {
        if (!SameName(layout, m, e)) continue;
        if (instance++ == seen[e.key]) {
          found = &m;
          break;
        }
      }
      ++seen[e.key];
      if (found == nullptr) {
        Problem(e, nullptr,
                "'" + e.key + "' was applied by " + PeerName(history.peer) +
                    ", but no migration of the plan has that name");
        continue;
      }
      STRATA_RETURN_IF_ERROR(Take(e, found));
    }
    return Status::Ok();
  }

  static bool SameName(source::Layout layout, const source::Migration& m, const PeerEntry& e) {
    if (layout == source::Layout::kSqitch) {
      // An earlier instance of a reworked change is named "change@tag".
      return m.description == e.key || m.description.rfind(e.key + "@", 0) == 0;
    }
    // Liquibase identifies a changeset by author:id and its file.
    return m.description == e.key && (e.file.empty() || BaseName(e.file) == BaseName(m.up.path));
  }

  void Pending() {
    std::map<const source::Migration*, bool> taken;
    for (const AdoptStep& s : report.steps) taken[s.migration] = true;
    const AdoptStep* baseline = nullptr;
    for (const AdoptStep& s : report.steps) {
      if (s.baseline) baseline = &s;
    }
    const std::optional<source::Version> baseline_version =
        baseline ? source::Version::Parse(baseline->version) : std::nullopt;
    for (const source::Migration& m : set.migrations) {
      if (taken.contains(&m)) continue;
      // Files up to a baseline are never applied.
      if (baseline_version && !m.is_repeatable() && !(*baseline_version < m.version)) continue;
      report.pending.push_back(m.id);
    }
  }
};

}  // namespace

Result<AdoptReport> MatchPeerHistory(const PeerHistory& history, const source::MigrationSet& set,
                                     bool accept_changed, const PeerChecksumOf& checksum_of) {
  Matcher match{history, set, accept_changed, checksum_of, {}};
  match.report.peer = history.peer;
  match.report.table = history.table;
  if (!history.refusal.empty()) {
    PeerEntry table;
    table.where = history.table;
    match.Problem(table, nullptr, history.refusal);
  }
  switch (history.peer) {
    case Peer::kFlyway:
    case Peer::kDbmate:
      STRATA_RETURN_IF_ERROR(match.Versions());
      break;
    case Peer::kGolangMigrate:
      STRATA_RETURN_IF_ERROR(match.UpToVersion());
      break;
    case Peer::kSqitch:
      STRATA_RETURN_IF_ERROR(match.Names(source::Layout::kSqitch));
      break;
    case Peer::kLiquibase:
      STRATA_RETURN_IF_ERROR(match.Names(source::Layout::kLiquibase));
      break;
  }
  match.Pending();
  return std::move(match.report);
}

namespace {

// The peer's checksum of the file as it is now. Flyway and sqitch sum the file
// as it is on disk, read again (the migration's text may have had placeholders
// replaced). Liquibase sums a changeset's SQL with its properties replaced,
// which is the migration's up script (the same values given in strata.toml).
Result<PeerChecksum> PeerChecksumOfFile(Peer peer, const source::Migration& m,
                                        const std::string& kept) {
  if (peer == Peer::kLiquibase) {
    // A --validCheckSum: naming the kept one makes it the file's, as for Liquibase.
    STRATA_ASSIGN_OR_RETURN(const std::vector<std::string> valid,
                            source::LiquibaseValidChecksumsOf(m));
    if (source::LiquibaseChecksumListedValid(valid, kept)) return PeerChecksum{kept, ""};
    Result<std::string> sum = source::LiquibaseChecksumLike(kept, m.up.sql);
    if (!sum.ok()) return PeerChecksum{"", sum.status().message()};
    return PeerChecksum{std::move(sum).value(), ""};
  }
  if (peer != Peer::kFlyway && peer != Peer::kSqitch) return PeerChecksum{};
  STRATA_ASSIGN_OR_RETURN(const std::string text, source::ReadSqlFile(m.up.path));
  if (peer == Peer::kFlyway) return PeerChecksum{std::to_string(source::FlywayChecksum(text)), ""};
  return PeerChecksum{source::Sha1Hex(text), ""};
}

}  // namespace

Result<AdoptReport> Engine::Adopt(const AdoptOptions& options) {
  const AttachedSqitchRegistry registry(conn_);
  STRATA_RETURN_IF_ERROR(registry.status());
  // A dry run only reads: no lock, and no history table made. So does a run
  // whose records need a decision: it is refused before it makes anything.
  AdoptOptions look = options;
  look.dry_run = true;
  STRATA_ASSIGN_OR_RETURN(AdoptReport first_look, AdoptInTransaction(look));
  if (options.dry_run || !first_look.problems.empty()) {
    first_look.dry_run = options.dry_run;
    return first_look;
  }
  STRATA_RETURN_IF_ERROR(Prepare());
  STRATA_RETURN_IF_ERROR(conn_.Begin());
  Result<AdoptReport> report = AdoptInTransaction(options);
  if (!report.ok() || !report->recorded) {
    (void)conn_.Rollback();
    return report;
  }
  if (Status st = conn_.Commit(); !st.ok()) {
    (void)conn_.Rollback();
    return st;
  }
  return report;
}

Result<AdoptReport> Engine::AdoptInTransaction(const AdoptOptions& options) {
  STRATA_ASSIGN_OR_RETURN(std::vector<HistoryRow> rows, history_.Load());
  if (!rows.empty()) {
    return Status::Conflict("the history of stream '" + options_.stream + "' is not empty (" +
                            std::to_string(rows.size()) +
                            " rows); adopt records another tool's history in a database that "
                            "strata has not migrated yet");
  }
  Peer peer;
  if (options.peer) {
    peer = *options.peer;
  } else {
    STRATA_ASSIGN_OR_RETURN(std::vector<Peer> found,
                            FindPeerHistories(conn_, options.flyway_table));
    if (found.empty()) {
      return Status::NotFound(
          "this database holds no history of flyway, golang-migrate, dbmate, sqitch or "
          "liquibase (for a database migrated by hand, use strata baseline)");
    }
    if (found.size() > 1) {
      std::string names;
      for (Peer p : found) names += std::string(names.empty() ? "" : ", ") + PeerName(p);
      return Status::InvalidInput("this database holds the histories of " + names +
                                  ": choose one with --from");
    }
    peer = found[0];
  }
  STRATA_ASSIGN_OR_RETURN(PeerHistory history, ReadPeerHistory(conn_, peer, options.flyway_table));
  STRATA_ASSIGN_OR_RETURN(
      AdoptReport report,
      MatchPeerHistory(history, set_, options.accept_changed, PeerChecksumOfFile));
  report.dry_run = options.dry_run;
  if (options.dry_run || !report.problems.empty()) return report;
  const std::string tool =
      options_.tool_version + " adopt from " + PeerName(peer) + " (" + history.table + ")";
  for (const AdoptStep& step : report.steps) {
    HistoryRow row;
    if (step.baseline) {
      row.stream = options_.stream;
      row.version = step.version;
      row.description = step.migration ? step.migration->description : "baseline";
      row.kind = kKindBaseline;
      row.success = true;
      row.state = kStateApplied;
    } else {
      row = NewRow(*step.migration, kStateApplied, sql::TransactionMode::kSingle);
      row.transaction_mode.clear();  // how the peer ran it is not known
      row.execution_ms = step.entry.execution_ms;
    }
    if (!step.entry.applied_by.empty()) row.applied_by = step.entry.applied_by;
    if (row.applied_by.empty()) row.applied_by = applied_by_;
    row.applied_at = step.entry.applied_epoch ? IsoUtc(*step.entry.applied_epoch) : UtcNow();
    row.tool_version = tool;
    if (step.baseline || !step.migration->is_phased()) {
      STRATA_RETURN_IF_ERROR(history_.Insert(row));
      continue;
    }
    // A file with phase sections that the peer ran whole: every phase is applied.
    for (const source::PhaseScripts& p : step.migration->phases) {
      row.phase = source::PhaseName(p.phase);
      STRATA_RETURN_IF_ERROR(history_.Insert(row));
    }
  }
  report.recorded = true;
  return report;
}

Status Engine::NoPeerHistory(bool history_is_empty) {
  if (!history_is_empty) {
    STRATA_ASSIGN_OR_RETURN(const bool exists, history_.Exists());
    if (exists) return Status::Ok();  // PlanUp looks at its rows
  }
  // Only here, outside any transaction (PlanUp's call may be inside one, and
  // the run's first call has looked already).
  std::optional<AttachedSqitchRegistry> registry;
  if (!history_is_empty) {
    registry.emplace(conn_);
    STRATA_RETURN_IF_ERROR(registry->status());
  }
  const AdoptOptions defaults;
  STRATA_ASSIGN_OR_RETURN(std::vector<Peer> found, FindPeerHistories(conn_, defaults.flyway_table));
  if (found.empty()) return Status::Ok();
  return Status::Conflict(
      std::string("this database holds ") + PeerName(found[0]) +
      "'s migration history and strata's has no rows: the migrations it applied would run a "
      "second time. Record them first with `strata adopt` (`strata adopt --dry-run` shows "
      "which file each record is), or run `strata up --adopt`; `--ignore-peer-history` "
      "applies every migration anyway");
}

}  // namespace strata::engine
