// Reading a TOML file (strata.toml) strictly: every key of every table is
// either read with its type and range checked, or an error. A misspelt key
// would otherwise switch a safety net off without a word.
//
// Errors are InvalidInput (exit 2) with the file and the line, and name the key
// and the value as written, or the nearest known spelling of an unknown key:
//   strata.toml:7:16: [run] lock_timeout = "sixty": expected a whole number of
//                     seconds from 0 to 86400
//   strata.toml:12:1: [lint] onup: unknown key; did you mean on_up?
//
// Thread-safety: none needed; a reader lives on one thread for one load.
// Ownership: borrows the table, the file's text and its name, which must
// outlive the reader and the readers of its sub-tables.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cli/toml.h"

namespace strata::cli {

class TomlReader {
 public:
  // The whole document; its keys are tables. `text` is the file's content,
  // whose lines messages quote; `file` names it.
  TomlReader(const toml::table& root, std::string_view text, const std::string& file);

  // Whether "" is a value (an empty prefix turns a lint check off) or a mistake.
  enum class Empty { kAllowed, kRefused };

  // Each getter marks `key` known and returns `fallback` when the key is absent.
  // The sub-table `key` (an empty one when absent); not a table is an error.
  Result<TomlReader> Table(std::string_view key);
  Result<std::string> String(std::string_view key, std::string fallback, Empty empty);
  // A string that must be one of `choices`; a near miss is suggested.
  Result<std::string> OneOf(std::string_view key, std::string fallback,
                            std::span<const std::string_view> choices);
  // A TOML integer (not a float, not a string) from `min` to `max`; `unit`
  // ("seconds", "ms") is for the message, may be empty.
  Result<int64_t> Integer(std::string_view key, int64_t fallback, int64_t min, int64_t max,
                          std::string_view unit);
  Result<std::vector<std::string>> Strings(std::string_view key, std::vector<std::string> fallback);

  // Every key no getter asked for is an error naming the nearest known one.
  Status Finish() const;

  // For tables whose keys are data ([lint.rules]): the entries, and the error
  // for a key that is none of `known`.
  const toml::table& table() const { return *table_; }
  Status UnknownKey(const toml::key& key, std::span<const std::string_view> known) const;

 private:
  TomlReader(const toml::table* table, std::string name, std::string_view text,
             const std::string& file);
  // The node of `key`, marked known; null when absent.
  const toml::node* Find(std::string_view key);
  // "[run] lock_timeout = "sixty": <expected>", at the value's line.
  Status BadValue(std::string_view key, const toml::node& value, const std::string& expected) const;
  // The value as written in the file (its first line, cut when long).
  std::string Written(const toml::node& value) const;
  Status At(const toml::source_region& where, std::string message) const;
  std::string Section() const;  // "[run] ", or "" for the document itself

  const toml::table* table_;
  std::string name_;  // "run", "lint.rules"; empty for the document
  std::string_view text_;
  const std::string& file_;
  std::vector<std::string_view> known_;  // keys the getters asked for
};

}  // namespace strata::cli
