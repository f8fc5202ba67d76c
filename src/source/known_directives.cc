#include "source/known_directives.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "base/strings.h"
#include "source/directive.h"

namespace strata::source {
namespace {

// dbmate's `-- migrate:up transaction:false`, read on any section marker (header.cc).
constexpr std::string_view kSectionOptions[] = {"transaction:false", "transaction:true"};
constexpr std::string_view kCheckOptions[] = {"pre", "post", "critical", "expect="};
constexpr std::string_view kBackfillOptions[] = {"table=", "key=", "batch=", "pause=", "max_rate="};

using enum DirectiveArgs;

// One line per directive. Who reads it: the sections and the header in header.cc,
// checks in check.cc, backfills in backfill.cc, lint suppressions in
// sql/lint/linter.cc.
constexpr KnownDirective kDirectives[] = {
    {"strata:up", kOptions, kSectionOptions},
    {"strata:down", kOptions, kSectionOptions},
    {"migrate:up", kOptions, kSectionOptions},
    {"migrate:down", kOptions, kSectionOptions},
    {"strata:expand", kOptions, kSectionOptions},
    {"strata:expand:down", kOptions, kSectionOptions},
    {"strata:migrate", kOptions, kSectionOptions},
    {"strata:migrate:down", kOptions, kSectionOptions},
    {"strata:contract", kOptions, kSectionOptions},
    {"strata:contract:down", kOptions, kSectionOptions},
    {"strata:no-transaction", kNothing, {}, /*header_only=*/true},
    {"strata:transaction", kNothing, {}, /*header_only=*/true},
    {"strata:check", kOptions, kCheckOptions},
    {"strata:backfill", kOptions, kBackfillOptions},
    {"strata:lint-ignore", kAnyText, {}},
    {"strata:lint-ignore-file", kAnyText, {}},
};

constexpr std::string_view kPrefixes[] = {"strata", "migrate"};

// The part of a directive name after its prefix: "strata:expand:down" -> "expand:down".
std::string_view WordOf(std::string_view name) { return name.substr(name.find(':') + 1); }

// The known directive whose word is nearest `word`, among those with `prefix`
// ("strata:") first, then among the others: "-- migrate:expand" is meant as
// "-- strata:expand".
std::optional<std::string_view> NearestDirective(std::string_view prefix, std::string_view word) {
  for (const bool same_prefix : {true, false}) {
    std::vector<std::string_view> words;
    std::vector<std::string_view> names;
    for (const KnownDirective& d : kDirectives) {
      if (d.name.starts_with(prefix) != same_prefix) continue;
      words.push_back(WordOf(d.name));
      names.push_back(d.name);
    }
    if (const std::optional<std::string_view> w = NearestSpelling(word, words)) {
      return names[static_cast<size_t>(std::find(words.begin(), words.end(), *w) - words.begin())];
    }
  }
  return std::nullopt;
}

bool MatchesOption(std::string_view option, std::string_view word) {
  return option.ends_with('=') ? StartsWithIgnoreCase(word, option)
                               : EqualsIgnoreCase(word, option);
}

// "pre, post, critical, expect=<value>"
std::string ListOptions(const KnownDirective& d) {
  std::string out;
  for (std::string_view o : d.options) {
    if (!out.empty()) out += ", ";
    out += o;
    if (o.ends_with('=')) out += "<value>";
  }
  return out;
}

// "up, down, expand, ..." for the directives with `prefix`.
std::string ListWords(std::string_view prefix) {
  std::string out;
  for (const KnownDirective& d : kDirectives) {
    if (!d.name.starts_with(prefix)) continue;
    if (!out.empty()) out += ", ";
    out += WordOf(d.name);
  }
  return out;
}

// What is wrong with the words after a known directive; empty when nothing is.
std::string CheckArguments(const KnownDirective& d, std::string_view args) {
  switch (d.args) {
    case kNothing:
      if (args.empty()) return {};
      return "-- " + std::string(d.name) + " takes nothing after it, not '" + std::string(args) +
             "'";
    case kOptions: {
      Result<std::vector<std::string>> words = DirectiveWords(args);
      if (!words.ok()) return words.status().message() + " in -- " + std::string(d.name);
      for (const std::string& w : *words) {
        if (std::none_of(d.options.begin(), d.options.end(),
                         [&](std::string_view o) { return MatchesOption(o, w); })) {
          return UnknownOptionMessage(d, w);
        }
      }
      return {};
    }
    case kAnyText:
      return {};
  }
  return {};
}

}  // namespace

std::span<const KnownDirective> KnownDirectives() { return kDirectives; }

const KnownDirective* FindKnownDirective(std::string_view name) {
  for (const KnownDirective& d : kDirectives) {
    if (EqualsIgnoreCase(d.name, name)) return &d;
  }
  return nullptr;
}

std::string UnknownOptionMessage(const KnownDirective& directive, std::string_view word) {
  std::string out =
      "'" + std::string(word) + "' is not an option of -- " + std::string(directive.name);
  // A key=value word is compared by its key, and the suggestion keeps the value.
  const size_t eq = word.find('=');
  const std::string_view key = eq == std::string_view::npos ? word : word.substr(0, eq + 1);
  if (const std::optional<std::string_view> near = NearestSpelling(key, directive.options)) {
    std::string suggestion(*near);
    if (eq != std::string_view::npos && near->ends_with('=')) suggestion += word.substr(eq + 1);
    out += " (did you mean " + suggestion + "?)";
  }
  return out + "; its options: " + ListOptions(directive);
}

Status CheckDirectives(std::string_view text, const std::string& path) {
  // Whether the line is still among the leading comments of the file or of its
  // down section, where header-only directives are read (header.h ParseMetadata).
  bool in_header = true;
  int line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    const size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const std::string_view line = text.substr(pos, next - pos);
    pos = next;
    ++line_no;
    const std::string_view t = Trim(line);
    if (t.empty()) continue;
    if (!t.starts_with("--")) {
      in_header = false;
      continue;
    }
    const std::string_view body = Trim(t.substr(2));
    const size_t blank = std::min(body.find_first_of(" \t"), body.size());
    const std::string_view name = body.substr(0, blank);
    const size_t colon = name.find(':');
    // "-- Note: ..." and "-- strata: ..." are prose: a directive's word follows its colon.
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == name.size()) continue;
    const std::string prefix = ToLower(name.substr(0, colon));
    const std::string_view word = name.substr(colon + 1);
    const size_t dashes = static_cast<size_t>(t.data() - line.data());
    // As written, from its "--": "--strata:donw", "-- STRATA:check".
    const std::string written(
        line.substr(dashes, static_cast<size_t>(name.data() + name.size() - t.data())));
    auto bad = [&](const std::string& message) {
      return Status::InvalidInput(message).WithFile(path).WithLocation(
          line_no, static_cast<int>(dashes) + 1);
    };
    const bool ours =
        std::find(std::begin(kPrefixes), std::end(kPrefixes), prefix) != std::end(kPrefixes);
    if (!ours) {
      // A misspelled prefix before a known word: "-- strta:down".
      const std::optional<std::string_view> near = NearestSpelling(prefix, kPrefixes);
      if (near && FindKnownDirective(std::string(*near) + ":" + std::string(word)) != nullptr) {
        return bad("unknown directive '" + written + "' (did you mean -- " + std::string(*near) +
                   ":" + ToLower(word) + "?)");
      }
      continue;
    }
    const KnownDirective* known = FindKnownDirective(name);
    if (known == nullptr) {
      std::string message = "unknown directive '" + written + "'";
      if (const std::optional<std::string_view> near = NearestDirective(prefix + ":", word)) {
        message += " (did you mean -- " + std::string(*near) + "?)";
      } else {
        message += "; the directives after -- " + prefix + ": are " + ListWords(prefix + ":");
      }
      return bad(message);
    }
    if (std::string problem = CheckArguments(*known, Trim(body.substr(blank))); !problem.empty()) {
      return bad(problem);
    }
    if (known->header_only && !in_header) {
      return bad("-- " + std::string(known->name) +
                 " is read only among the comments at the top of a file (or of its down "
                 "section), before any SQL; here it would be ignored");
    }
    // A down section has a header of its own (directory.cc reads the down script's).
    if (known->name == "strata:down" || known->name == "migrate:down") in_header = true;
  }
  return Status::Ok();
}

}  // namespace strata::source
