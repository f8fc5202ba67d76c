#include "cli/session.h"

#include <future>
#include <iostream>

#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "source/directory.h"

namespace strata::cli {

void StderrLogger::Info(std::string_view message) {
  if (!quiet_) std::cerr << message << "\n";
}
void StderrLogger::Warn(std::string_view message) { std::cerr << "warning: " << message << "\n"; }

report::Format FormatOf(const GlobalFlags& flags) {
  return flags.json ? report::Format::kJson : report::Format::kText;
}

int Fail(const Status& st, const GlobalFlags& flags) {
  report::RenderError(st, FormatOf(flags), flags.json ? std::cout : std::cerr);
  return ExitCodeFor(st);
}

Result<Session> OpenSession(const GlobalFlags& flags) {
  Session s;
  STRATA_ASSIGN_OR_RETURN(s.settings, LoadSettings(flags));
  STRATA_ASSIGN_OR_RETURN(Dialect dialect, DialectOf(s.settings.url));
  driver::ConnectOptions options;
  options.url = s.settings.url;
  options.lock_wait = s.settings.engine.lock_timeout;
  // Connecting is mostly waiting for the server; read the directory meanwhile.
  auto connecting = std::async(std::launch::async, [&options] { return Connect(options); });
  source::LoadOptions load;
  load.dir = s.settings.dir;
  load.empty_layout = s.settings.layout;
  load.dialect = dialect;
  Result<source::MigrationSet> set = source::LoadDirectory(load);
  STRATA_ASSIGN_OR_RETURN(s.conn, connecting.get());
  if (!set.ok()) return set.take_status();
  s.set = std::move(set).value();
  return s;
}

}  // namespace strata::cli

namespace strata::cli {

int WithEngine(const GlobalFlags& flags, bool silent,
               const std::function<int(engine::Engine&, Session&)>& body) {
  Result<Session> s = OpenSession(flags);
  if (!s.ok()) return Fail(s.status(), flags);
  StderrLogger log(silent || flags.quiet);
  engine::Engine engine(*s->conn, s->set, s->settings.engine, log);
  return body(engine, *s);
}

}  // namespace strata::cli
