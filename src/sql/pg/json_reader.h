// A small, read-only JSON reader for libpg_query's parse trees. Private to sql/pg/.
//
// Why not a general JSON library: a script's tree is eight times the size of its
// SQL and we read a few fields of it. A general DOM copies every key and string
// into its own allocation and frees them one by one; here a value is a fixed-size
// slot in one flat vector, and strings stay views into libpg_query's text until
// someone asks for one (AsString decodes the escapes then).
//
// Layout: the slots of a tree are in document order, a container's children
// right after it, so a child range is a pointer walk and a whole tree is one
// clear() away from reuse.
//
// Strictness: text a strict JSON reader rejects is rejected here too (bad
// escapes, control characters, invalid UTF-8, trailing commas), so a script
// whose tree does not read falls back as it always did. Numbers are checked for
// their form, not their range; member names are compared as written.
//
// Thread-safety: a JsonTree is used by one thread at a time; its values are
// valid until the tree parses again or dies, and borrow the parsed text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql::pg {

// One value of a JsonTree: scalars, or an array or object whose children follow.
class JsonValue {
 public:
  enum class Kind : uint8_t { kNull, kFalse, kTrue, kInteger, kNumber, kString, kArray, kObject };

  // Walks the children of an array or object in document order.
  class Iterator {
   public:
    explicit Iterator(const JsonValue* at) : at_(at) {}
    const JsonValue& operator*() const { return *at_; }
    const JsonValue* operator->() const { return at_; }
    Iterator& operator++() {
      at_ += at_->span_;
      return *this;
    }
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    const JsonValue* at_;
  };

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsBool() const { return kind_ == Kind::kFalse || kind_ == Kind::kTrue; }
  bool IsInteger() const { return kind_ == Kind::kInteger; }
  bool IsString() const { return kind_ == Kind::kString; }
  bool IsArray() const { return kind_ == Kind::kArray; }
  bool IsObject() const { return kind_ == Kind::kObject; }

  // The member name of a value inside an object; "" elsewhere. Names are read
  // as written: libpg_query's are field names, which never need escapes.
  std::string_view key() const { return {key_, key_size_}; }

  // Arrays and objects: the number of children, and the children themselves.
  size_t size() const { return IsArray() || IsObject() ? size_ : 0; }
  bool empty() const { return size() == 0; }
  Iterator begin() const { return Iterator(this + 1); }
  Iterator end() const { return Iterator(this + span_); }

  // An object's first member named `name`, or null (also when this is no object).
  // libpg_query writes each name once.
  const JsonValue* Find(std::string_view name) const;
  bool Has(std::string_view name) const { return Find(name) != nullptr; }
  // An array's element `i`, or null when there are fewer elements.
  const JsonValue* At(size_t i) const;

  bool AsBool() const { return kind_ == Kind::kTrue; }
  // The integer, or 0 when this is no integer.
  int64_t AsInt() const { return IsInteger() ? integer_ : 0; }
  // The decoded string, or "" when this is no string.
  std::string AsString() const;

 private:
  friend class JsonTree;

  const char* key_ = nullptr;  // into the parsed text, not NUL-terminated
  // An anonymous union's members are public to clang-tidy, though private here.
  // NOLINTBEGIN(readability-identifier-naming)
  union {
    const char* text_ = nullptr;  // kString: the characters between the quotes, escapes undecoded
    int64_t integer_;             // kInteger
  };
  // NOLINTEND(readability-identifier-naming)
  uint32_t key_size_ = 0;
  uint32_t size_ = 0;  // kString: bytes of text_; kArray, kObject: children
  uint32_t span_ = 1;  // slots of this value and all it contains: the next sibling is this + span_
  Kind kind_ = Kind::kNull;
  bool escaped_ = false;  // kString: text_ holds a backslash escape
};

// Parses JSON text into JsonValues. Reusable: each Parse forgets the last tree,
// keeping its memory.
class JsonTree {
 public:
  // Parses the value at the start of `text`, which must outlive the tree.
  // Returns how many bytes the value took (blank space around it included), or
  // 0 when `text` does not start with a well-formed value.
  size_t Parse(std::string_view text);

  // The value of the last Parse, which must have succeeded.
  const JsonValue& root() const { return slots_.front(); }

 private:
  // Adds a slot for a value that starts at `at` into the container on top of
  // the stack; returns where the value ends, or null when it is malformed.
  const char* ParseValue(const char* at, const char* end, std::string_view key);

  std::vector<JsonValue> slots_;
  std::vector<uint32_t> open_;  // slots of the arrays and objects not yet closed
};

// Reads `document`, an object, and hands each element of its array member
// `name` to `each` as it is parsed; each element's tree lives only during its
// call, so a large document is never held whole. Returns false when the
// document is malformed or has no such array, after the elements before the
// fault were handed on.
bool ForEachElement(std::string_view document, std::string_view name,
                    const std::function<void(const JsonValue&)>& each);

}  // namespace strata::sql::pg
