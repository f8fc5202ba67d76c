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
  enum Kind { kNone, kUp, kDown, kPhase, kPhaseDown } kind = kNone;
  Phase phase = Phase::kExpand;  // for kPhase and kPhaseDown

  bool operator==(const Marker& o) const {
    return kind == o.kind && (kind < kPhase || phase == o.phase);
  }
};

bool WordAt(std::string_view rest, std::string_view word) {
  return StartsWithIgnoreCase(rest, word) &&
         (rest.size() == word.size() || rest[word.size()] == ' ' || rest[word.size()] == '\t');
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
    return {};
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
      (phase ? has_phases : has_up_down) = true;
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
  auto body = [&](size_t i) {
    const size_t end = i + 1 < cuts.size() ? cuts[i + 1].line_start : text.size();
    return Script{path,
                  std::string(text.substr(cuts[i].body_start, end - cuts[i].body_start)),
                  cuts[i].body_line,
                  {},
                  {}};
  };
  if (cuts.empty()) {
    out.up = Script{path, std::string(text), 1, {}, {}};
    return out;
  }
  if (has_phases) {
    // The whole file stands for the migration where one script is shown (lint, plan).
    out.up = Script{path, std::string(text), 1, {}, {}};
    for (size_t i = 0; i < cuts.size(); ++i) {
      const Marker& m = cuts[i].marker;
      if (m.kind == Marker::kPhase) {
        out.phases.push_back(PhaseScripts{m.phase, body(i), std::nullopt});
      } else {
        for (PhaseScripts& p : out.phases) {
          if (p.phase == m.phase) p.down = body(i);
        }
      }
    }
    return out;
  }
  if (cuts[0].marker.kind == Marker::kUp) {
    out.up = body(0);
    if (cuts.size() > 1) out.down = body(1);
  } else {
    // Only a down marker: everything above it is the up script.
    out.up = Script{path, std::string(text.substr(0, cuts[0].line_start)), 1, {}, {}};
    out.down = body(0);
  }
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
