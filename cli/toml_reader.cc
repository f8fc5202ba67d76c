#include "cli/toml_reader.h"

#include <algorithm>

#include "base/strings.h"
#include "driver/redact.h"

namespace strata::cli {
namespace {

// An empty table for the readers of absent tables.
const toml::table& NoTable() {
  static const toml::table kEmpty;
  return kEmpty;
}

// "a, b or c".
std::string Alternatives(std::span<const std::string_view> words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

// Line `line` (1-based) of `text`, without its newline; empty past the end.
std::string_view LineOf(std::string_view text, size_t line) {
  size_t start = 0;
  for (size_t i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  const size_t end = text.find('\n', start);
  std::string_view out = text.substr(start, end == std::string_view::npos ? end : end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace

TomlReader::TomlReader(const toml::table& root, std::string_view text, const std::string& file)
    : TomlReader(&root, "", text, file) {}

TomlReader::TomlReader(const toml::table* table, std::string name, std::string_view text,
                       const std::string& file)
    : table_(table), name_(std::move(name)), text_(text), file_(file) {}

std::string TomlReader::Section() const { return name_.empty() ? "" : "[" + name_ + "] "; }

Status TomlReader::At(const toml::source_region& where, std::string message) const {
  return Status::InvalidInput(std::move(message))
      .WithFile(file_)
      .WithLocation(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column));
}

const toml::node* TomlReader::Find(std::string_view key) {
  known_.push_back(key);
  return table_->get(key);
}

std::string TomlReader::Written(const toml::node& value) const {
  if (value.is_table()) return "(a table)";
  const toml::source_region& where = value.source();
  if (where.begin.line == 0) return "(a value)";  // not from the file; cannot happen
  const std::string_view line = LineOf(text_, where.begin.line);
  // toml++ counts columns in code points from 1; the end is one past the value.
  const size_t begin = CodePointsToBytes(line, where.begin.column - 1);
  const size_t end = where.end.line == where.begin.line
                         ? CodePointsToBytes(line, where.end.column - 1)
                         : line.size();
  std::string out = Excerpt(line.substr(begin, end - std::min(begin, end)), 60);
  if (where.end.line != where.begin.line && !out.ends_with(" ...")) out += " ...";
  // A URL written where another value belongs must not show its password.
  return driver::RedactUrlsIn(out);
}

Status TomlReader::BadValue(std::string_view key, const toml::node& value,
                            const std::string& expected) const {
  return At(value.source(),
            Section() + std::string(key) + " = " + Written(value) + ": expected " + expected);
}

Result<TomlReader> TomlReader::Table(std::string_view key) {
  const toml::node* node = Find(key);
  const std::string name = name_.empty() ? std::string(key) : name_ + "." + std::string(key);
  if (node == nullptr) return TomlReader(&NoTable(), name, text_, file_);
  if (!node->is_table()) {
    return At(node->source(), "[" + name + "] must be a table, not " + Written(*node));
  }
  return TomlReader(node->as_table(), name, text_, file_);
}

Result<std::string> TomlReader::String(std::string_view key, std::string fallback, Empty empty) {
  const toml::node* node = Find(key);
  if (node == nullptr) return fallback;
  const toml::value<std::string>* text = node->as_string();
  if (text == nullptr || (empty == Empty::kRefused && text->get().empty())) {
    return BadValue(key, *node, empty == Empty::kRefused ? "a non-empty string" : "a string");
  }
  return text->get();
}

Result<std::string> TomlReader::OneOf(std::string_view key, std::string fallback,
                                      std::span<const std::string_view> choices) {
  const toml::node* node = Find(key);
  if (node == nullptr) return fallback;
  const toml::value<std::string>* text = node->as_string();
  if (text != nullptr && std::find(choices.begin(), choices.end(), text->get()) != choices.end()) {
    return text->get();
  }
  std::string expected = Alternatives(choices);
  if (text != nullptr) {
    const std::string_view near = NearestSpelling(text->get(), choices).value_or("");
    if (!near.empty()) expected += " (did you mean " + std::string(near) + "?)";
  }
  return BadValue(key, *node, expected);
}

Result<int64_t> TomlReader::Integer(std::string_view key, int64_t fallback, int64_t min,
                                    int64_t max, std::string_view unit) {
  const toml::node* node = Find(key);
  if (node == nullptr) return fallback;
  // Strictly an integer: toml++ would read 1e9 or 2.0 as one, and true as 1.
  const toml::value<int64_t>* number = node->as_integer();
  if (number == nullptr || number->get() < min || number->get() > max) {
    return BadValue(key, *node,
                    "a whole number" + (unit.empty() ? "" : " of " + std::string(unit)) + " from " +
                        std::to_string(min) + " to " + std::to_string(max));
  }
  return number->get();
}

Result<std::vector<std::string>> TomlReader::Strings(std::string_view key,
                                                     std::vector<std::string> fallback) {
  const toml::node* node = Find(key);
  if (node == nullptr) return fallback;
  const toml::array* array = node->as_array();
  if (array == nullptr) return BadValue(key, *node, "an array of strings");
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    const toml::value<std::string>* text = item.as_string();
    if (text == nullptr) {
      return At(item.source(), Section() + std::string(key) + " holds " + Written(item) +
                                   ": expected an array of strings");
    }
    out.push_back(text->get());
  }
  return out;
}

Status TomlReader::UnknownKey(const toml::key& key, std::span<const std::string_view> known) const {
  const std::string name(key.str());
  const std::string_view near = NearestSpelling(name, known).value_or("");
  // The document's keys are the tables, shown as [name].
  const bool document = name_.empty();
  auto shown = [&](std::string_view k) {
    return document ? "[" + std::string(k) + "]" : std::string(k);
  };
  std::string message;
  if (!document) {
    message = Section() + name + ": unknown key";
  } else if (const toml::node* node = table_->get(name); node != nullptr && node->is_table()) {
    message = "[" + name + "]: unknown table";
  } else {
    message = name + ": unknown key outside any table";
  }
  if (!near.empty()) {
    return At(key.source(), message + "; did you mean " + shown(near) + "?");
  }
  std::vector<std::string> names;
  for (std::string_view k : known) names.push_back(shown(k));
  return At(key.source(), message + (document ? " (the tables are " : " (known keys: ") +
                              Join(names, ", ") + ")");
}

Status TomlReader::Finish() const {
  // The first unknown key in the file (the table iterates in key order).
  const toml::key* first = nullptr;
  for (const auto& [key, value] : *table_) {
    if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
    const auto at = [](const toml::key& k) {
      return std::pair(k.source().begin.line, k.source().begin.column);
    };
    if (first == nullptr || at(key) < at(*first)) first = &key;
  }
  return first == nullptr ? Status::Ok() : UnknownKey(*first, known_);
}

}  // namespace strata::cli
