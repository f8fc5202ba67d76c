// Pairing the objects of two lists by key, and recording what changed of a
// pair for people. Internal to diff/.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace strata::diff {

template <typename T>
struct Pairs {
  std::vector<const T*> only_from;                  // in `from`'s order
  std::vector<const T*> only_to;                    // in `to`'s order
  std::vector<std::pair<const T*, const T*>> both;  // in `from`'s order
};

template <typename T, typename KeyOf>
Pairs<T> Pair(const std::vector<T>& from, const std::vector<T>& to, KeyOf key_of) {
  std::unordered_map<std::string, const T*> in_to;
  in_to.reserve(to.size());
  for (const T& t : to) in_to.emplace(key_of(t), &t);
  Pairs<T> out;
  std::unordered_set<std::string> matched;
  for (const T& f : from) {
    std::string key = key_of(f);
    auto it = in_to.find(key);
    if (it == in_to.end()) {
      out.only_from.push_back(&f);
    } else {
      out.both.emplace_back(&f, it->second);
      matched.insert(std::move(key));
    }
  }
  for (const T& t : to) {
    if (!matched.count(key_of(t))) out.only_to.push_back(&t);
  }
  return out;
}

// Appends "what: before -> after" when the two differ.
inline void Note(std::vector<std::string>& details, const std::string& what,
                 const std::string& before, const std::string& after) {
  if (before != after) details.push_back(what + ": " + before + " -> " + after);
}
inline void Note(std::vector<std::string>& details, const std::string& what,
                 const std::optional<std::string>& before,
                 const std::optional<std::string>& after) {
  if (before != after) Note(details, what, before.value_or("(none)"), after.value_or("(none)"));
}
inline void Note(std::vector<std::string>& details, const std::string& what, bool before,
                 bool after) {
  if (before != after) Note(details, what, before ? "yes" : "no", after ? "yes" : "no");
}

}  // namespace strata::diff
