// What most commands share: settings, a connection, the migrations directory,
// a logger to stderr, and the way a failure becomes output and an exit code.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cli/config.h"
#include "driver/driver.h"
#include "engine/engine.h"
#include "engine/lint.h"
#include "engine/logger.h"
#include "report/report.h"
#include "source/migration.h"

namespace strata::cli {

// Progress and warnings on stderr. Backfill progress is a bar redrawn in place
// on a terminal, else a plain line every few seconds (logs and CI).
class StderrLogger final : public engine::Logger {
 public:
  explicit StderrLogger(bool quiet);
  void Info(std::string_view message) override;
  void Warn(std::string_view message) override;
  void Progress(const engine::BackfillTick& tick) override;

 private:
  void EndBar();

  bool quiet_;
  bool terminal_;
  bool bar_open_ = false;  // a progress bar is on the current line
  std::chrono::steady_clock::time_point last_progress_{};
};

struct Session {
  Settings settings;
  std::unique_ptr<driver::Connection> conn;
  source::MigrationSet set;
};

// Loads settings, connects, and reads the migrations directory. With
// `prefetch_history`, the history query of the command's first
// History::Load(columns) goes to the server as soon as the connection is up,
// while the directory is still being read (History::PrefetchLoad).
Result<Session> OpenSession(
    const GlobalFlags& flags,
    std::optional<engine::History::Columns> prefetch_history = std::nullopt);

report::Format FormatOf(const GlobalFlags& flags);

// Prints `st` to stderr (as JSON on stdout with --json) and returns its exit code.
int Fail(const Status& st, const GlobalFlags& flags);

// Opens a session (OpenSession), builds the engine (progress on stderr unless
// `silent` or --quiet), and runs `body`, which returns the exit code. A session
// that cannot be opened is reported and its exit code returned.
int WithEngine(const GlobalFlags& flags, bool silent,
               const std::function<int(engine::Engine&, Session&)>& body,
               std::optional<engine::History::Columns> prefetch_history = std::nullopt);

// Lints the session's migrations with the target's tables, columns and sizes,
// reporting only the findings in `files` (not empty): what `up` checks before it
// applies anything, and what `plan` shows beside each migration. `sizes`: the
// target's table sizes when the caller has read them already.
Result<engine::LintReport> LintAgainstTarget(
    Session& s, std::set<std::string> files,
    std::optional<std::vector<driver::TableSize>> sizes = std::nullopt);

// Renders `result` with `render` and returns 0, or reports its error.
template <typename T, typename Render>
int RenderOrFail(const Result<T>& result, const GlobalFlags& flags, Render render) {
  if (!result.ok()) return Fail(result.status(), flags);
  render(result.value());
  return 0;
}

}  // namespace strata::cli
