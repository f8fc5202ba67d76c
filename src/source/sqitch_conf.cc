#include "source/sqitch_conf.h"

#include <cctype>
#include <optional>
#include <utility>

#include "base/strings.h"

namespace strata::source {
namespace {

std::string* Field(SqitchPaths& p, std::string_view key) {
  const std::pair<std::string_view, std::string*> fields[] = {
      {"top_dir", &p.top_dir},
      {"plan_file", &p.plan_file},
      {"deploy_dir", &p.deploy_dir},
      {"revert_dir", &p.revert_dir},
      {"verify_dir", &p.verify_dir},
      {"reworked_dir", &p.reworked_dir},
      {"reworked_deploy_dir", &p.reworked_deploy_dir},
      {"reworked_revert_dir", &p.reworked_revert_dir},
      {"reworked_verify_dir", &p.reworked_verify_dir},
      {"extension", &p.extension},
  };
  for (const auto& [name, field] : fields) {
    if (key == name) return field;
  }
  return nullptr;
}

// Fields set in `over` replace those of `base`.
void Overlay(SqitchPaths& base, SqitchPaths& over) {
  for (std::string_view key :
       {"top_dir", "plan_file", "deploy_dir", "revert_dir", "verify_dir", "reworked_dir",
        "reworked_deploy_dir", "reworked_revert_dir", "reworked_verify_dir", "extension"}) {
    std::string& value = *Field(over, key);
    if (!value.empty()) *Field(base, key) = std::move(value);
  }
}

// A value as git config reads it: double quotes group, backslash escapes,
// an unquoted '#' or ';' starts a comment. nullopt: an unterminated quote or
// a line continuation, which strata does not read.
std::optional<std::string> Unquote(std::string_view raw) {
  std::string out;
  bool quoted = false;
  size_t kept = 0;  // out's length up to its last character that is not unquoted blank
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\\') {
      if (i + 1 >= raw.size()) return std::nullopt;
      const char e = raw[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      kept = out.size();
    } else if (c == '"') {
      quoted = !quoted;
      kept = out.size();
    } else if (!quoted && (c == '#' || c == ';')) {
      break;
    } else {
      out += c;
      if (quoted || (c != ' ' && c != '\t')) kept = out.size();
    }
  }
  if (quoted) return std::nullopt;
  out.resize(kept);
  return std::string(Trim(out));
}

}  // namespace

std::string_view SqitchEngine(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return "pg";
    case Dialect::kSqlite:
      return "sqlite";
  }
  return "";
}

Result<SqitchPaths> ParseSqitchConf(std::string_view text, const std::string& path,
                                    Dialect dialect) {
  SqitchPaths core;
  SqitchPaths engine;
  SqitchPaths* section = nullptr;  // nullptr: a section strata ignores
  const std::string engine_name(SqitchEngine(dialect));
  int number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(start, end - start));
    start = end + 1;
    ++number;
    auto fail = [&](const std::string& why) {
      return Status::InvalidInput(why).WithFile(path).WithLocation(number, 1);
    };
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      const size_t close = line.find(']');
      if (close == std::string_view::npos) return fail("a section header without its ']'");
      const std::string_view header = Trim(line.substr(1, close - 1));
      const size_t space = header.find_first_of(" \t");
      const std::string name = ToLower(header.substr(0, space));
      std::string sub;
      if (space != std::string_view::npos) {
        const std::optional<std::string> s = Unquote(Trim(header.substr(space)));
        if (!s) return fail("a section header with an unterminated quote");
        sub = *s;
      }
      if (name == "core" && sub.empty()) {
        section = &core;
      } else if ((name == "engine" || name == "core") && sub == engine_name) {
        section = &engine;
      } else {
        section = nullptr;
      }
      continue;
    }
    const size_t eq = line.find('=');
    const std::string key = ToLower(Trim(line.substr(0, eq)));
    if (key.empty()) return fail("a line that is neither a [section] nor key = value");
    if (section == nullptr) continue;
    std::string* field = Field(*section, key);
    if (field == nullptr) continue;  // sqitch's business, not where files are
    const std::optional<std::string> value = eq == std::string_view::npos
                                                 ? std::optional<std::string>("")
                                                 : Unquote(line.substr(eq + 1));
    if (!value) {
      return fail(key +
                  ": a value with an unterminated quote or a line continuation, which "
                  "strata does not read");
    }
    if (value->empty()) return fail(key + " needs a value");
    if (value->front() == '~') {
      return fail(key + " = " + *value +
                  ": strata does not expand ~; write the path relative to the project");
    }
    if (key == "extension" && value->find('/') != std::string::npos) {
      return fail("extension = " + *value + ": an extension cannot hold '/'");
    }
    *field = *value;
  }
  Overlay(core, engine);
  if (!core.extension.empty() && core.extension.front() == '.') core.extension.erase(0, 1);
  return core;
}

}  // namespace strata::source
