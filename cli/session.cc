#include "cli/session.h"

#include <unistd.h>

#include <iostream>

#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "cli/secrets.h"
#include "source/directory.h"

namespace strata::cli {

StderrLogger::StderrLogger(bool quiet) : quiet_(quiet), terminal_(isatty(STDERR_FILENO) == 1) {}

void StderrLogger::EndBar() {
  if (bar_open_) std::cerr << "\n";
  bar_open_ = false;
}

void StderrLogger::Info(std::string_view message) {
  if (quiet_) return;
  EndBar();
  std::cerr << message << "\n";
}

void StderrLogger::Warn(std::string_view message) {
  EndBar();
  std::cerr << "warning: " << message << "\n";
}

void StderrLogger::Progress(const engine::BackfillTick& tick) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  // A terminal redraws up to ten times a second; a log gets a line every 5 s.
  const auto every = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (!tick.finished && last_progress_.time_since_epoch().count() != 0 &&
      now - last_progress_ < every) {
    return;
  }
  last_progress_ = now;
  if (terminal_) {
    std::cerr << "\r\033[K" << report::ProgressLine(tick, true) << std::flush;
    bar_open_ = !tick.finished;
    if (tick.finished) std::cerr << "\n";
  } else {
    std::cerr << report::ProgressLine(tick, false) << "\n";
  }
}

report::Format FormatOf(const GlobalFlags& flags) {
  return flags.json ? report::Format::kJson : report::Format::kText;
}

int Fail(const Status& st, const GlobalFlags& flags) {
  report::RenderError(st, FormatOf(flags), flags.json ? std::cout : std::cerr);
  return ExitCodeFor(st);
}

Result<Session> OpenSession(const GlobalFlags& flags,
                            std::optional<engine::History::Columns> prefetch_history) {
  Session s;
  STRATA_ASSIGN_OR_RETURN(s.settings, LoadSettings(flags));
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(s.settings.url));
  driver::ConnectOptions options = ConnectOptionsFor(s.settings);
  options.create = flags.create_database;
  source::LoadOptions load = LoadOptionsFor(s.settings, dialect);
  // A server needs a few milliseconds to start a backend for the connection, and
  // more to answer the first query; the directory is read meanwhile, on this
  // thread, moving the connection on between files. (Reading on a second thread
  // was slower on a 2-core virtual machine: see docs/benchmarks.md.)
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<driver::PendingConnection> pending,
                          StartConnect(options));
  std::optional<Result<std::unique_ptr<driver::Connection>>> connected;  // once Finish() ran
  auto finish = [&] {
    connected = pending->Finish();
    if (prefetch_history && connected->ok()) {
      driver::Connection& conn = *connected->value();
      engine::History(conn, s.settings.engine).PrefetchLoad(*prefetch_history);
    }
  };
  load.after_each_file = [&] {
    if (!connected && pending->Advance()) finish();
  };
  Result<source::MigrationSet> set = source::LoadDirectory(load);
  if (!connected) finish();
  STRATA_ASSIGN_OR_RETURN(s.conn, std::move(*connected));
  AddSecrets(s.conn->Secrets());
  if (!set.ok()) return set.take_status();
  s.set = std::move(set).value();
  return s;
}

}  // namespace strata::cli

namespace strata::cli {

int WithEngine(const GlobalFlags& flags, bool silent,
               const std::function<int(engine::Engine&, Session&)>& body,
               std::optional<engine::History::Columns> prefetch_history) {
  Result<Session> s = OpenSession(flags, prefetch_history);
  if (!s.ok()) return Fail(s.status(), flags);
  StderrLogger log(silent || flags.quiet);
  // Changesets another database's (Liquibase's dbms:, ignore:true): said, not hidden.
  for (const std::string& left_out : s->set.left_out) log.Info("left out: " + left_out);
  engine::Engine engine(*s->conn, s->set, s->settings.engine, log);
  return body(engine, *s);
}

}  // namespace strata::cli

namespace strata::cli {

Result<engine::LintReport> LintAgainstTarget(Session& s, std::set<std::string> files,
                                             std::optional<std::vector<driver::TableSize>> sizes) {
  engine::LintRunOptions options;
  options.lock_timeout_set = s.settings.engine.ddl_lock_timeout.count() > 0;
  options.only_files = std::move(files);
  sql::lint::Linter linter(s.settings.lint.options);
  engine::LintRunner runner(linter, s.conn->dialect(), options);
  STRATA_RETURN_IF_ERROR(runner.UseTarget(*s.conn, std::move(sizes)));
  return runner.LintSet(s.set);
}

}  // namespace strata::cli
