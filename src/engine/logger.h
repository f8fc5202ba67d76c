// Where the engine reports progress and warnings. The CLI injects one that writes
// to stderr; tests inject one that records. The engine never prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata::engine {

// Where a batched backfill stands, after each batch.
struct BackfillTick {
  std::string migration;  // id, and phase when phased: "005 migrate"
  std::string table;
  int64_t rows_done = 0;  // rows updated so far, this run and earlier ones
  int64_t batches = 0;
  double fraction = -1;        // of the key range done, 0..1; -1 when unknown
  double rows_per_second = 0;  // in this run
  double seconds_left = -1;    // estimate; -1 when unknown
  int64_t retries = 0;  // batches retried after a lock timeout, deadlock or serialization failure
  bool finished = false;
};

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void Info(std::string_view message) = 0;
  virtual void Warn(std::string_view message) = 0;
  // Called after every batch; the logger decides how often to show it.
  virtual void Progress(const BackfillTick& tick) { (void)tick; }
};

// Drops everything; for callers that want no progress output.
class NullLogger final : public Logger {
 public:
  void Info(std::string_view) override {}
  void Warn(std::string_view) override {}
};

}  // namespace strata::engine
