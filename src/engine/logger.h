// Where the engine reports progress and warnings. The CLI injects one that writes
// to stderr; tests inject one that records. The engine never prints.
#pragma once

#include <string_view>

namespace strata::engine {

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void Info(std::string_view message) = 0;
  virtual void Warn(std::string_view message) = 0;
};

// Drops everything; for callers that want no progress output.
class NullLogger final : public Logger {
 public:
  void Info(std::string_view) override {}
  void Warn(std::string_view) override {}
};

}  // namespace strata::engine
