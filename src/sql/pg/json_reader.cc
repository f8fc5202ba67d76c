#include "sql/pg/json_reader.h"

#include <cstring>
#include <limits>

#include "base/strings.h"

namespace strata::sql::pg {
namespace {

const char* SkipSpace(const char* at, const char* end) {
  while (at != end && (*at == ' ' || *at == '\n' || *at == '\r' || *at == '\t')) ++at;
  return at;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of the four hex digits at `at`, or -1.
int32_t Hex4(const char* at, const char* end) {
  if (end - at < 4) return -1;
  int32_t unit = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = HexDigit(at[i]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

bool IsHighSurrogate(int32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool IsLowSurrogate(int32_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

// Checks the escape whose backslash is at `at`; returns where it ends, or null.
// A \u escape of half a surrogate pair must come with its other half, as in
// every strict reader: the decoded text is then always valid UTF-8.
const char* CheckEscape(const char* at, const char* end) {
  if (end - at < 2) return nullptr;
  switch (at[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      return at + 2;
    case 'u': {
      const int32_t unit = Hex4(at + 2, end);
      if (unit < 0 || IsLowSurrogate(unit)) return nullptr;
      if (!IsHighSurrogate(unit)) return at + 6;
      if (end - at < 12 || at[6] != '\\' || at[7] != 'u') return nullptr;
      return IsLowSurrogate(Hex4(at + 8, end)) ? at + 12 : nullptr;
    }
    default:
      return nullptr;
  }
}

// Scans the characters of a string that starts just after its opening quote;
// returns the closing quote, or null when the string is malformed (unescaped
// control characters, bad escapes, invalid UTF-8, no end).
const char* ScanString(const char* at, const char* end, bool& escaped) {
  const char* const start = at;
  bool non_ascii = false;
  while (at != end) {
    const auto c = static_cast<unsigned char>(*at);
    if (c == '"') {
      if (non_ascii && !IsValidUtf8({start, static_cast<size_t>(at - start)})) return nullptr;
      return at;
    }
    if (c == '\\') {
      escaped = true;
      at = CheckEscape(at, end);
      if (at == nullptr) return nullptr;
      continue;
    }
    if (c < 0x20) return nullptr;
    if (c >= 0x80) non_ascii = true;
    ++at;
  }
  return nullptr;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Scans a number as JSON writes it; returns where it ends, or null. `integer`
// says whether it is a whole number that fits in `value`.
const char* ScanNumber(const char* at, const char* end, bool& integer, int64_t& value) {
  const bool negative = at != end && *at == '-';
  if (negative) ++at;
  if (at == end || !IsDigit(*at)) return nullptr;
  integer = true;
  // Accumulated negatively: the most negative int64 has no positive twin.
  int64_t sum = 0;
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  if (*at == '0') {
    ++at;
  } else {
    for (; at != end && IsDigit(*at); ++at) {
      const int digit = *at - '0';
      if (sum < (kMin + digit) / 10) integer = false;
      if (integer) sum = sum * 10 - digit;
    }
  }
  if (at != end && *at == '.') {
    integer = false;
    ++at;
    if (at == end || !IsDigit(*at)) return nullptr;
    while (at != end && IsDigit(*at)) ++at;
  }
  if (at != end && (*at == 'e' || *at == 'E')) {
    integer = false;
    ++at;
    if (at != end && (*at == '+' || *at == '-')) ++at;
    if (at == end || !IsDigit(*at)) return nullptr;
    while (at != end && IsDigit(*at)) ++at;
  }
  if (integer && !negative && sum == kMin) integer = false;
  if (integer) value = negative ? sum : -sum;
  return at;
}

const char* ScanLiteral(const char* at, const char* end, const char* word) {
  const size_t n = std::strlen(word);
  return static_cast<size_t>(end - at) >= n && std::memcmp(at, word, n) == 0 ? at + n : nullptr;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Moves `at` past the member name at `at`, its ':' and the blank space after.
bool ReadMemberName(const char*& at, const char* end, std::string_view& key) {
  if (at == end || *at != '"') return false;
  bool escaped = false;
  const char* close = ScanString(at + 1, end, escaped);
  if (close == nullptr) return false;
  key = std::string_view(at + 1, static_cast<size_t>(close - at - 1));
  at = SkipSpace(close + 1, end);
  if (at == end || *at != ':') return false;
  at = SkipSpace(at + 1, end);
  return true;
}

}  // namespace

const JsonValue* JsonValue::Find(std::string_view name) const {
  if (!IsObject()) return nullptr;
  for (const JsonValue& member : *this) {
    if (member.key() == name) return &member;
  }
  return nullptr;
}

const JsonValue* JsonValue::At(size_t i) const {
  if (!IsArray()) return nullptr;
  for (const JsonValue& element : *this) {
    if (i-- == 0) return &element;
  }
  return nullptr;
}

std::string JsonValue::AsString() const {
  if (!IsString()) return {};
  if (!escaped_) return std::string(text_, size_);
  // The escapes were checked when the text was parsed.
  std::string out;
  out.reserve(size_);
  const char* const end = text_ + size_;
  for (const char* at = text_; at != end; ++at) {
    if (*at != '\\') {
      out += *at;
      continue;
    }
    ++at;
    switch (*at) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t cp = static_cast<uint32_t>(Hex4(at + 1, end));
        at += 4;
        if (IsHighSurrogate(static_cast<int32_t>(cp))) {
          const auto low = static_cast<uint32_t>(Hex4(at + 3, end));
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          at += 6;
        }
        AppendUtf8(out, cp);
        break;
      }
      default:
        out += *at;  // " \ /
    }
  }
  return out;
}

const char* JsonTree::ParseValue(const char* at, const char* end, std::string_view key) {
  if (at == end || slots_.size() >= std::numeric_limits<uint32_t>::max()) return nullptr;
  const auto index = static_cast<uint32_t>(slots_.size());
  JsonValue& v = slots_.emplace_back();
  v.key_ = key.data();
  v.key_size_ = static_cast<uint32_t>(key.size());
  switch (*at) {
    case '{':
    case '[':
      v.kind_ = *at == '{' ? JsonValue::Kind::kObject : JsonValue::Kind::kArray;
      open_.push_back(index);
      return at + 1;
    case '"': {
      const char* close = ScanString(at + 1, end, v.escaped_);
      if (close == nullptr || close - at - 1 > std::numeric_limits<uint32_t>::max()) return nullptr;
      v.kind_ = JsonValue::Kind::kString;
      v.text_ = at + 1;
      v.size_ = static_cast<uint32_t>(close - at - 1);
      return close + 1;
    }
    case 't':
      v.kind_ = JsonValue::Kind::kTrue;
      return ScanLiteral(at, end, "true");
    case 'f':
      v.kind_ = JsonValue::Kind::kFalse;
      return ScanLiteral(at, end, "false");
    case 'n':
      v.kind_ = JsonValue::Kind::kNull;
      return ScanLiteral(at, end, "null");
    default: {
      bool integer = false;
      int64_t value = 0;
      const char* after = ScanNumber(at, end, integer, value);
      v.kind_ = integer ? JsonValue::Kind::kInteger : JsonValue::Kind::kNumber;
      v.integer_ = value;
      return after;
    }
  }
}

size_t JsonTree::Parse(std::string_view text) {
  slots_.clear();
  open_.clear();
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* at = ParseValue(SkipSpace(begin, end), end, {});
  // Each turn closes a container or adds the next child to the innermost one.
  while (at != nullptr && !open_.empty()) {
    at = SkipSpace(at, end);
    if (at == end) return 0;
    const uint32_t top = open_.back();
    const bool object = slots_[top].IsObject();
    if (*at == (object ? '}' : ']')) {
      slots_[top].span_ = static_cast<uint32_t>(slots_.size() - top);
      open_.pop_back();
      ++at;
      continue;
    }
    if (slots_[top].size_ > 0) {
      if (*at != ',') return 0;
      at = SkipSpace(at + 1, end);
    }
    std::string_view key;
    if (object && !ReadMemberName(at, end, key)) return 0;
    ++slots_[top].size_;  // before ParseValue, which may move the slots
    at = ParseValue(at, end, key);
  }
  if (at == nullptr) return 0;
  return static_cast<size_t>(SkipSpace(at, end) - begin);
}

bool ForEachElement(std::string_view document, std::string_view name,
                    const std::function<void(const JsonValue&)>& each) {
  const char* at = document.data();
  const char* const end = at + document.size();
  JsonTree tree;
  bool found = false;
  at = SkipSpace(at, end);
  if (at == end || *at != '{') return false;
  at = SkipSpace(at + 1, end);
  if (at != end && *at == '}') return false;
  while (true) {
    std::string_view key;
    if (!ReadMemberName(at, end, key)) return false;
    if (key == name && !found && at != end && *at == '[') {
      found = true;
      at = SkipSpace(at + 1, end);
      bool first = true;
      while (at != end && *at != ']') {
        if (!first) {
          if (*at != ',') return false;
          ++at;
        }
        first = false;
        const size_t used = tree.Parse({at, static_cast<size_t>(end - at)});
        if (used == 0) return false;
        each(tree.root());
        at += used;
      }
      if (at == end) return false;
      ++at;  // the ']'
    } else {
      const size_t used = tree.Parse({at, static_cast<size_t>(end - at)});
      if (used == 0) return false;
      at += used;
    }
    at = SkipSpace(at, end);
    if (at == end) return false;
    if (*at == '}') break;
    if (*at != ',') return false;
    at = SkipSpace(at + 1, end);
  }
  return found && SkipSpace(at + 1, end) == end;
}

}  // namespace strata::sql::pg
