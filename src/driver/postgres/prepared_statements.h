// The statements a session has prepared on the server, by their text. strata's
// own statements come back once per migration (the history row and its commit):
// prepared once, each later run skips the server's parse and planning, about a
// tenth of a small migration's time. Private to the postgres folder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace strata::driver::postgres {

class PreparedStatements {
 public:
  // The server-side name `sql` was prepared under, or null.
  const std::string* Find(const std::string& sql) const {
    auto it = names_.find(sql);
    return it == names_.end() ? nullptr : &it->second;
  }

  // A name no statement of this session has had: a statement forgotten here may
  // still exist on the server, so a name is never reused.
  std::string NewName() { return "strata_" + std::to_string(++issued_); }

  // `sql` was prepared as `name` (the server said so).
  void Remember(const std::string& sql, std::string name) { names_[sql] = std::move(name); }

  // Prepared again next time: its run failed, and the server may have lost it.
  void Forget(const std::string& sql) { names_.erase(sql); }

  // Called with each script the session runs: a DEALLOCATE or DISCARD in it may
  // drop every prepared statement, so all are prepared again afterwards. A mere
  // mention (a comment, a column name) costs one parse each.
  void SeeScript(std::string_view script);

  size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::string> names_;
  uint64_t issued_ = 0;
};

}  // namespace strata::driver::postgres
