#include "source/header.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "source/directive.h"

namespace strata::source {
namespace {

// A section marker line: `-- strata:up`, `-- migrate:down transaction:false`,
// `-- strata:expand`, `-- strata:contract:down`, ...
struct Marker {
  enum Kind { kNone, kUp, kDown, kPhase, kPhaseDown, kValidation } kind = kNone;
  Phase phase = Phase::kExpand;  // for kPhase and kPhaseDown
  // Seed 003's template wrote it (`-- Phase 1: EXPAND`, `-- Rollback: ...`),
  // rather than a directive: its rollback undoes every phase of the file.
  bool from_template = false;

  bool operator==(const Marker& o) const {
    return kind == o.kind && (kind < kPhase || phase == o.phase);
  }
};

bool WordAt(std::string_view rest, std::string_view word) {
  return StartsWithIgnoreCase(rest, word) &&
         (rest.size() == word.size() || rest[word.size()] == ' ' || rest[word.size()] == '\t');
}

// Seed 003's template: `-- Phase 1: EXPAND (...)`, `-- Phase 2: MIGRATE`,
// `-- Phase 3: CONTRACT`, `-- Rollback: <what it undoes>`, and `-- Validation:`
// alone on its line (a comment that merely mentions validation is prose).
Marker ReadTemplateMarker(std::string_view t) {
  Marker m;
  m.from_template = true;
  if (StartsWithIgnoreCase(t, "phase ") && t.size() > 8 && t[6] >= '1' && t[6] <= '3' &&
      t[7] == ':') {
    const std::string_view name = Trim(t.substr(8));
    for (Phase p : kAllPhases) {
      if (WordAt(name, PhaseName(p))) {
        m.kind = Marker::kPhase;
        m.phase = p;
      }
    }
  } else if (StartsWithIgnoreCase(t, "rollback:")) {
    m.kind = Marker::kDown;
  } else if (EqualsIgnoreCase(t, "validation:")) {
    m.kind = Marker::kValidation;
  }
  return m;
}

Marker ReadMarker(std::string_view line, bool* no_transaction) {
  std::string_view t = Trim(line);
  if (t.substr(0, 2) != "--") return {};
  t = Trim(t.substr(2));
  std::string_view rest;
  bool strata = false;
  if (StartsWithIgnoreCase(t, "strata:")) {
    rest = t.substr(7);
    strata = true;
  } else if (StartsWithIgnoreCase(t, "migrate:")) {
    rest = t.substr(8);
  } else {
    return ReadTemplateMarker(t);
  }
  Marker m;
  if (WordAt(rest, "up")) m.kind = Marker::kUp;
  if (WordAt(rest, "down")) m.kind = Marker::kDown;
  if (strata) {
    for (Phase p : kAllPhases) {
      const std::string name = PhaseName(p);
      if (WordAt(rest, name)) m = Marker{Marker::kPhase, p};
      if (WordAt(rest, name + ":down")) m = Marker{Marker::kPhaseDown, p};
    }
  }
  if (m.kind != Marker::kNone) {
    // dbmate's option, a word of its own after the marker (known_directives.h checks the others).
    const Result<std::vector<std::string>> words = DirectiveWords(rest);
    if (words.ok() && std::any_of(words->begin(), words->end(), [](const std::string& w) {
          return EqualsIgnoreCase(w, "transaction:false");
        })) {
      *no_transaction = true;
    }
  }
  return m;
}

// YYYY-MM-DD with a month 01-12 and a day 01-31.
bool IsIsoDate(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (v[i] < '0' || v[i] > '9') return false;
  }
  const int month = (v[5] - '0') * 10 + (v[6] - '0');
  const int day = (v[8] - '0') * 10 + (v[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// MAJOR.MINOR.PATCH, optionally followed by -prerelease or +build.
bool IsSemanticVersion(std::string_view v) {
  size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    const size_t start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == start) return false;
    if (part < 2) {
      if (i >= v.size() || v[i] != '.') return false;
      ++i;
    }
  }
  if (i == v.size()) return true;
  if (v[i] != '-' && v[i] != '+') return false;
  for (++i; i < v.size(); ++i) {
    const char c = v[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '+' && c != '-')
      return false;
  }
  return true;
}

// The line (1-based) of the first line of `text` that is neither blank nor a
// line comment; nullopt when there is none.
std::optional<int> FirstSqlLine(std::string_view text) {
  int line_no = 1;
  for (size_t pos = 0; pos < text.size(); ++line_no) {
    const size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const std::string_view line = Trim(text.substr(pos, next - pos));
    if (!line.empty() && line.substr(0, 2) != "--") return line_no;
    pos = next;
  }
  return std::nullopt;
}

}  // namespace

Result<Sections> SplitSections(std::string_view text, const std::string& path) {
  Sections out;
  struct Cut {
    Marker marker;
    size_t body_start;  // byte just after the marker line
    size_t line_start;  // byte where the marker line begins
    int body_line;      // file line on which the body starts
  };
  std::vector<Cut> cuts;
  size_t pos = 0;
  int line_no = 1;
  bool has_phases = false, has_up_down = false;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const Marker m = ReadMarker(text.substr(pos, next - pos), &out.no_transaction);
    auto bad = [&](const std::string& message) {
      return Status::InvalidInput(message).WithFile(path).WithLocation(line_no, 1);
    };
    if (m.kind != Marker::kNone) {
      for (const Cut& c : cuts) {
        if (c.marker == m) return bad("the section marker appears twice");
      }
      const bool phase = m.kind == Marker::kPhase || m.kind == Marker::kPhaseDown;
      // The template's rollback undoes every phase; its validation section is neither.
      const bool either =
          (m.kind == Marker::kDown && m.from_template) || m.kind == Marker::kValidation;
      if (!either) (phase ? has_phases : has_up_down) = true;
      if (has_phases && has_up_down) {
        return bad(
            "a file has either up/down sections or expand/migrate/contract sections, "
            "not both");
      }
      if (m.kind == Marker::kUp && !cuts.empty()) {
        return bad("the up section must come before the down section");
      }
      if (m.kind == Marker::kPhase) {
        for (const Cut& c : cuts) {
          if (c.marker.phase > m.phase) {
            return bad(std::string("the ") + PhaseName(m.phase) + " section must come before the " +
                       PhaseName(c.marker.phase) + " section");
          }
        }
      }
      if (m.kind == Marker::kPhaseDown && std::none_of(cuts.begin(), cuts.end(), [&](const Cut& c) {
            return c.marker == Marker{Marker::kPhase, m.phase};
          })) {
        return bad(std::string("the ") + PhaseName(m.phase) + ":down section must follow the " +
                   PhaseName(m.phase) + " section");
      }
      cuts.push_back(Cut{m, next, pos, line_no + 1});
    }
    pos = next;
    ++line_no;
  }
  out.has_markers = !cuts.empty();
  auto end_of = [&](size_t i) {
    return i + 1 < cuts.size() ? cuts[i + 1].line_start : text.size();
  };
  auto body = [&](size_t i) {
    return Script{
        .path = path,
        .sql = std::string(text.substr(cuts[i].body_start, end_of(i) - cuts[i].body_start)),
        .first_line = cuts[i].body_line};
  };
  // Seed 003's validation section holds commented queries for a person to run;
  // SQL there would otherwise run nowhere, so it is refused.
  for (size_t i = 0; i < cuts.size(); ++i) {
    if (cuts[i].marker.kind != Marker::kValidation) continue;
    const std::optional<int> sql_line =
        FirstSqlLine(text.substr(cuts[i].body_start, end_of(i) - cuts[i].body_start));
    if (sql_line) {
      return Status::InvalidInput(
                 "SQL in the -- Validation: section would run nowhere; write each check as "
                 "-- strata:check post expect=<value> followed by its query, or comment it out")
          .WithFile(path)
          .WithLocation(cuts[i].body_line + *sql_line - 1, 1);
    }
  }
  if (cuts.empty()) {
    out.up = Script{.path = path, .sql = std::string(text), .first_line = 1};
    return out;
  }
  if (has_phases) {
    // The whole file stands for the migration where one script is shown (lint, plan).
    out.up = Script{.path = path, .sql = std::string(text), .first_line = 1};
    std::optional<Script> template_rollback;
    for (size_t i = 0; i < cuts.size(); ++i) {
      const Marker& m = cuts[i].marker;
      if (m.kind == Marker::kPhase) {
        // The template's optional phases often hold comments only: no phase.
        if (m.from_template && !FirstSqlLine(body(i).sql)) continue;
        out.phases.push_back(PhaseScripts{m.phase, body(i), std::nullopt});
      } else if (m.kind == Marker::kPhaseDown) {
        for (PhaseScripts& p : out.phases) {
          if (p.phase == m.phase) p.down = body(i);
        }
      } else if (m.kind == Marker::kDown) {
        template_rollback = body(i);
      }
    }
    // It undoes the whole file: it runs when the first phase is rolled back;
    // the later phases roll back with nothing to run (README says so).
    if (template_rollback && !out.phases.empty()) {
      for (size_t i = 1; i < out.phases.size(); ++i) {
        out.phases[i].down =
            Script{.path = path, .sql = "", .first_line = template_rollback->first_line};
      }
      out.phases[0].down = std::move(template_rollback);
    }
    return out;
  }
  std::optional<size_t> up_cut, down_cut;
  for (size_t i = 0; i < cuts.size(); ++i) {
    if (cuts[i].marker.kind == Marker::kUp) up_cut = i;
    if (cuts[i].marker.kind == Marker::kDown) down_cut = i;
  }
  // Without an up marker, everything above the first marker is the up script.
  out.up = up_cut ? body(*up_cut)
                  : Script{.path = path,
                           .sql = std::string(text.substr(0, cuts[0].line_start)),
                           .first_line = 1};
  if (down_cut) out.down = body(*down_cut);
  return out;
}

Result<Metadata> ParseMetadata(std::string_view text, const std::string& path) {
  Metadata meta;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = Trim(text.substr(pos, next - pos));
    pos = next;
    ++line_no;
    if (line.empty()) continue;
    if (line.substr(0, 2) != "--") break;  // the header ends at the first SQL line
    std::string_view body = Trim(line.substr(2));
    if (EqualsIgnoreCase(body, "strata:no-transaction") ||
        EqualsIgnoreCase(body, "strata:transaction")) {
      const bool none = EqualsIgnoreCase(body, "strata:no-transaction");
      (none ? meta.no_transaction : meta.force_transaction) = true;
      if (meta.no_transaction && meta.force_transaction) {
        return Status::InvalidInput(
                   "-- strata:transaction and -- strata:no-transaction contradict each other; "
                   "keep one")
            .WithFile(path)
            .WithLocation(line_no, 1);
      }
      continue;
    }
    const size_t colon = body.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = ToLower(Trim(body.substr(0, colon)));
    const std::string value(Trim(body.substr(colon + 1)));
    auto bad = [&](const std::string& msg) {
      return Status::InvalidInput(msg).WithFile(path).WithLocation(line_no, 1);
    };
    if (key == "version") {
      if (!IsSemanticVersion(value)) {
        return bad("'-- Version: " + value + "' is not a semantic version such as 2.1.0");
      }
      meta.schema_version = value;
    } else if (key == "author") {
      meta.author = value;
    } else if (key == "ticket") {
      meta.ticket = value;
    } else if (key == "breaking") {
      const std::string v = ToLower(value);
      if (v != "true" && v != "false") {
        return bad("'-- Breaking: " + value + "' must be true or false");
      }
      meta.breaking = v == "true";
    } else if (key == "id") {
      meta.template_id = value;
    } else if (key == "database") {
      meta.database = value;
    } else if (key == "created") {
      if (!IsIsoDate(value))
        return bad("'-- Created: " + value + "' is not a date such as 2025-11-20");
      meta.created = value;
    } else if (key == "depends" || key == "dependencies") {
      std::string list = value;
      // Seed 003 writes lists as [a, b].
      if (!list.empty() && list.front() == '[') list.erase(0, 1);
      if (!list.empty() && list.back() == ']') list.pop_back();
      for (std::string& id : SplitAndTrim(list, ',')) meta.depends.push_back(std::move(id));
    }
  }
  return meta;
}

}  // namespace strata::source
