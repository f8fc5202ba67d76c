// JsonFields: reads the fields of one nlohmann::json object into a struct,
// with the JSON path of every bad value in the error. Private to snapshot/ (the
// snapshot reader, schema_json_reader.cc); it includes nlohmann/json.hpp, so
// no public header of ours may include it.
//
//   JsonFields f(document, "");
//   f.Text("name", table.name, Need::kRequired);
//   f.List("columns", table.columns, ReadColumn);  // "columns[2].type: expected a string"
//
// Thread-safety: a plain value; it borrows the json it reads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace strata::snapshot {

enum class Need { kOptional, kRequired };

// Reads the fields of one JSON object into a struct, knowing the object's
// path for error messages. The first error sticks and later reads do nothing,
// so a struct reads as a flat list of fields, as the writer writes it, with
// one status check at the end.
class JsonFields {
 public:
  using Json = nlohmann::json;

  JsonFields(const Json& value, std::string path) : path_(std::move(path)) {
    if (value.is_object()) {
      object_ = &value;
    } else {
      status_ =
          Status::InvalidInput((path_.empty() ? "the document" : path_) + ": expected an object");
    }
  }

  const Status& status() const { return status_; }

  void Fail(std::string_view key, std::string_view what) {
    if (status_.ok()) status_ = Status::InvalidInput(PathOf(key) + ": " + std::string(what));
  }

  void Text(std::string_view key, std::string& out, Need need = Need::kOptional) {
    const Json* v = Find(key, need);
    if (v && Expect(key, v->is_string(), "a string")) out = v->get_ref<const std::string&>();
  }
  // null (or absent) is std::nullopt.
  void MaybeText(std::string_view key, std::optional<std::string>& out) {
    const Json* v = Find(key, Need::kOptional);
    if (!v || v->is_null()) return;
    if (Expect(key, v->is_string(), "a string or null")) out = v->get_ref<const std::string&>();
  }
  void Flag(std::string_view key, bool& out) {
    const Json* v = Find(key, Need::kOptional);
    if (v && Expect(key, v->is_boolean(), "true or false")) out = v->get<bool>();
  }
  void Integer(std::string_view key, std::int64_t& out, Need need) {
    const Json* v = Find(key, need);
    if (!v) return;
    // Beyond int64 nlohmann stores it unsigned; no version gets there.
    const bool fits =
        v->is_number_integer() && !(v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX);
    if (Expect(key, fits, "an integer")) out = v->get<std::int64_t>();
  }
  void Texts(std::string_view key, std::vector<std::string>& out) {
    const Json* v = Find(key, Need::kOptional);
    if (!v || !Expect(key, v->is_array(), "an array")) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      const Json& item = (*v)[i];
      if (!Expect(ItemKey(key, i), item.is_string(), "a string")) return;
      out.push_back(item.get_ref<const std::string&>());
    }
  }
  // A string naming one of `values`, as `name` spells them.
  template <typename E, std::size_t N>
  void Enum(std::string_view key, E& out, const std::array<E, N>& values,
            std::string_view (*name)(E), Need need = Need::kOptional) {
    const Json* v = Find(key, need);
    if (!v || !Expect(key, v->is_string(), "a string")) return;
    const std::string& text = v->get_ref<const std::string&>();
    std::string known;
    for (E e : values) {
      if (name(e) == text) {
        out = e;
        return;
      }
      known += (known.empty() ? "" : ", ") + std::string(name(e));
    }
    Fail(key, "unknown value \"" + text + "\" (expected one of: " + known + ")");
  }
  // A nested object, read into `out` by `read(JsonFields&, T&)`.
  template <typename T, typename Read>
  void Object(std::string_view key, T& out, Read read, Need need) {
    if (const Json* v = Find(key, need)) ReadInto(*v, PathOf(key), out, read);
  }
  // null (or absent) is std::nullopt.
  template <typename T, typename Read>
  void MaybeObject(std::string_view key, std::optional<T>& out, Read read) {
    const Json* v = Find(key, Need::kOptional);
    if (!v || v->is_null()) return;
    if (!Expect(key, v->is_object(), "an object or null")) return;
    ReadInto(*v, PathOf(key), out.emplace(), read);
  }
  // An array of objects, each read by `read(JsonFields&, T&)`.
  template <typename T, typename Read>
  void List(std::string_view key, std::vector<T>& out, Read read) {
    const Json* v = Find(key, Need::kOptional);
    if (!v || !Expect(key, v->is_array(), "an array")) return;
    out.clear();
    for (std::size_t i = 0; i < v->size() && status_.ok(); ++i) {
      ReadInto((*v)[i], PathOf(ItemKey(key, i)), out.emplace_back(), read);
    }
  }

 private:
  // The value at `key`; nullptr when absent (an error if required) or after an error.
  const Json* Find(std::string_view key, Need need) {
    if (!status_.ok()) return nullptr;
    auto it = object_->find(key);
    if (it != object_->end()) return &*it;
    if (need == Need::kRequired) Fail(key, "required key is missing");
    return nullptr;
  }
  bool Expect(std::string_view key, bool ok, std::string_view what) {
    if (!ok) Fail(key, "expected " + std::string(what));
    return ok;
  }
  template <typename T, typename Read>
  void ReadInto(const Json& value, std::string path, T& out, Read read) {
    JsonFields child(value, std::move(path));
    if (child.status_.ok()) read(child, out);
    if (!child.status_.ok()) status_ = child.status_;
  }
  static std::string ItemKey(std::string_view key, std::size_t i) {
    return std::string(key) + "[" + std::to_string(i) + "]";
  }
  std::string PathOf(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const Json* object_ = nullptr;  // null only when status_ says why
  std::string path_;              // "" for the document itself
  Status status_;
};

}  // namespace strata::snapshot
