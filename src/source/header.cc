#include "source/header.h"

#include <cctype>


#include "base/strings.h"

namespace strata::source {
namespace {

enum class Marker { kNone, kUp, kDown };

// A marker line: `-- strata:up`, `-- migrate:down transaction:false`, ...
Marker ReadMarker(std::string_view line, bool* no_transaction) {
  std::string_view t = Trim(line);
  if (t.substr(0, 2) != "--") return Marker::kNone;
  t = Trim(t.substr(2));
  std::string_view rest;
  if (StartsWithIgnoreCase(t, "strata:")) {
    rest = t.substr(7);
  } else if (StartsWithIgnoreCase(t, "migrate:")) {
    rest = t.substr(8);
  } else {
    return Marker::kNone;
  }
  Marker m = Marker::kNone;
  if (StartsWithIgnoreCase(rest, "up") && (rest.size() == 2 || rest[2] == ' ')) m = Marker::kUp;
  if (StartsWithIgnoreCase(rest, "down") && (rest.size() == 4 || rest[4] == ' ')) m = Marker::kDown;
  if (m != Marker::kNone && rest.find("transaction:false") != std::string_view::npos) {
    *no_transaction = true;
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
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '+' && c != '-') return false;
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
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const Marker m = ReadMarker(text.substr(pos, next - pos), &out.no_transaction);
    if (m != Marker::kNone) {
      for (const Cut& c : cuts) {
        if (c.marker == m) {
          return Status::InvalidInput("the section marker appears twice")
              .WithFile(path)
              .WithLocation(line_no, 1);
        }
      }
      if (m == Marker::kUp && !cuts.empty()) {
        return Status::InvalidInput("the up section must come before the down section")
            .WithFile(path)
            .WithLocation(line_no, 1);
      }
      cuts.push_back(Cut{m, next, pos, line_no + 1});
    }
    pos = next;
    ++line_no;
  }
  out.has_markers = !cuts.empty();
  auto body = [&](size_t i) {
    const size_t end = i + 1 < cuts.size() ? cuts[i + 1].line_start : text.size();
    return Script{path, std::string(text.substr(cuts[i].body_start, end - cuts[i].body_start)),
                  cuts[i].body_line};
  };
  if (cuts.empty()) {
    out.up = Script{path, std::string(text), 1};
    return out;
  }
  if (cuts[0].marker == Marker::kUp) {
    out.up = body(0);
    if (cuts.size() > 1) out.down = body(1);
  } else {
    // Only a down marker: everything above it is the up script.
    out.up = Script{path, std::string(text.substr(0, cuts[0].line_start)), 1};
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
    if (EqualsIgnoreCase(body, "strata:no-transaction")) {
      meta.no_transaction = true;
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
