#include "cli/command_line_hint.h"

#include <optional>
#include <string_view>

#include "base/strings.h"

namespace strata::cli {
namespace {

std::vector<const CLI::App*> CommandsOf(const CLI::App& app) { return app.get_subcommands({}); }

// "strata up" for the command `scope` is.
std::string CommandPath(const std::vector<const CLI::App*>& chain) {
  std::string path = "strata";
  for (size_t i = 1; i < chain.size(); ++i) path += " " + chain[i]->get_name();
  return path;
}

const CLI::Option* FindOption(const std::vector<const CLI::App*>& chain, const std::string& name) {
  for (const CLI::App* app : chain) {
    if (const CLI::Option* opt = app->get_option_no_throw(name)) return opt;
  }
  return nullptr;
}

std::string UnknownFlag(const std::vector<const CLI::App*>& chain, const std::string& flag) {
  std::vector<std::string> names;
  for (const CLI::App* app : chain) {
    for (const CLI::Option* opt : app->get_options()) {
      for (const std::string& name : opt->get_lnames()) names.push_back(name);
    }
  }
  const std::vector<std::string_view> known(names.begin(), names.end());
  const std::optional<std::string_view> near = NearestSpelling(flag.substr(2), known);
  if (!near) return "";
  return "unknown flag " + flag + " for " + CommandPath(chain) + "; did you mean --" +
         std::string(*near) + "?";
}

std::string UnknownCommand(const CLI::App& scope, const std::vector<const CLI::App*>& chain,
                           const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : CommandsOf(scope)) names.push_back(sub->get_name());
  const std::vector<std::string_view> known(names.begin(), names.end());
  std::string hint = "unknown command '" + word + "'";
  if (chain.size() > 1) hint += " for " + CommandPath(chain);
  const std::optional<std::string_view> near = NearestSpelling(word, known);
  if (near) return hint + "; did you mean " + std::string(*near) + "?";
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return hint + " (commands: " + list + ")";
}

}  // namespace

std::string HintFor(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<const CLI::App*> chain = {&app};
  bool value_next = false;  // the word after an option that takes a value
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (value_next) {
      value_next = false;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      const std::string name = arg.substr(0, arg.find('='));
      const CLI::Option* opt = FindOption(chain, name);
      if (opt == nullptr) {
        if (name.rfind("--", 0) == 0) return UnknownFlag(chain, name);
        return "";  // a short flag: nothing worth a guess
      }
      value_next = arg.find('=') == std::string::npos && opt->get_expected_min() > 0;
      continue;
    }
    const CLI::App& scope = *chain.back();
    const std::vector<const CLI::App*> commands = CommandsOf(scope);
    if (commands.empty()) continue;  // a positional argument of the command
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : commands) {
      if (sub->check_name(arg)) next = sub;
    }
    if (next == nullptr) return UnknownCommand(scope, chain, arg);
    chain.push_back(next);
  }
  return "";
}

}  // namespace strata::cli
