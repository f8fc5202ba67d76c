#include "cli/backup.h"

#include <ctime>
#include <filesystem>

#include "base/strings.h"
#include "cli/connect.h"
#include "cli/process.h"
#include "cli/secrets.h"
#include "driver/redact.h"

namespace strata::cli {
namespace {

namespace fs = std::filesystem;

// <dir>/<database file stem>-<timestamp>.db, made unique when two runs share a second.
fs::path CopyPath(const std::string& dir, const std::string& database,
                  const std::string& timestamp) {
  const std::string stem = fs::path(database).stem().string() + "-" + timestamp;
  std::error_code ec;
  fs::path path = fs::absolute(fs::path(dir) / (stem + ".db"), ec).lexically_normal();
  if (ec) path = (fs::path(dir) / (stem + ".db")).lexically_normal();
  // A path that cannot be looked at counts as taken; the copy then names the error.
  for (int n = 2; fs::exists(path, ec) || (ec && n < 100); ++n) {
    path.replace_filename(stem + "-" + std::to_string(n) + ".db");
  }
  return path;
}

// The built-in copy (SQLite); "" when there is no file to copy.
Result<std::string> CopyDatabase(driver::Connection& conn, const std::string& dir,
                                 const std::string& timestamp, engine::Logger& log) {
  const std::string database = conn.DatabaseFile();
  if (database.empty()) {
    log.Warn(
        "[backup] dir: the database lives in memory and vanishes with strata anyway; no "
        "copy was taken");
    return std::string();
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Io("[backup] dir: cannot create it: " + ec.message()).WithFile(dir);
  const fs::path path = CopyPath(dir, database, timestamp);
  Result<std::string> copied = conn.BackupTo(path.string());
  if (!copied.ok()) fs::remove(path, ec);  // no half-written copy that looks like a backup
  return copied;
}

// Runs the before_apply command; its reference, "" when it printed none.
Result<std::string> RunHook(const Settings& settings, const Environment& env, engine::Logger& log) {
  STRATA_ASSIGN_OR_RETURN(
      CapturedRun run,
      RunCapturing({"/bin/sh", "-c", settings.backup.before_apply}, env, settings.config_dir));
  const std::string err = std::string(Trim(RedactSecrets(run.err, settings.url, env)));
  if (run.exit_code != 0) {
    return Status::Io("[backup] before_apply exited with code " + std::to_string(run.exit_code) +
                      (run.exit_code == 127 ? " (command not found)" : "") +
                      (err.empty() ? "" : ":\n" + err));
  }
  if (!err.empty()) log.Info("before_apply: " + err);
  return RedactSecrets(ReferenceFrom(run.out), settings.url, env);
}

}  // namespace

std::string BackupTimestamp(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

Result<Environment> HookEnvironment(const std::string& url, const std::string& timestamp,
                                    const std::vector<std::string>& pending,
                                    const std::string& backup_file) {
  STRATA_ASSIGN_OR_RETURN(Environment env, ClientEnvironment(url));
  env.emplace_back("STRATA_URL", url);
  env.emplace_back("STRATA_BACKUP_TIMESTAMP", timestamp);
  env.emplace_back("STRATA_PENDING", Join(pending, " "));
  if (!backup_file.empty()) env.emplace_back("STRATA_BACKUP_FILE", backup_file);
  return env;
}

std::string RedactSecrets(std::string_view text, const std::string& url, const Environment& env) {
  std::string out(text);
  const std::string shown = driver::RedactUrl(url);
  for (size_t pos = out.find(url); !url.empty() && pos != std::string::npos;
       pos = out.find(url, pos + shown.size())) {
    out.replace(pos, url.size(), shown);
  }
  out = driver::RedactUrlsIn(out);
  for (const auto& [name, value] : env) {
    if (name == "PGPASSWORD") out = driver::MaskSecret(out, value);
  }
  // Every password strata knows of, in each of its forms: also one the
  // command found in ~/.pgpass or a service file and printed.
  return Redact(out);
}

std::string ReferenceFrom(std::string_view out) {
  std::string last;
  for (const std::string& line : SplitAndTrim(out, '\n')) {
    if (!line.empty()) last = line;
  }
  return last;
}

Result<BeforeApply> MakeBeforeApply(const Settings& settings, const std::string& config,
                                    driver::Connection& conn, engine::Logger& log, bool skip) {
  const BackupSettings& backup = settings.backup;
  if (!backup.dir.empty() && !conn.capabilities().file_backup) {
    return Status::InvalidInput(
               "[backup] dir: strata copies SQLite files only; back this database up with "
               "[backup] before_apply (for example: before_apply = \"pg_dump -Fc -f "
               "$STRATA_BACKUP_TIMESTAMP.dump && echo $STRATA_BACKUP_TIMESTAMP.dump\")")
        .WithFile(config);
  }
  if (backup.dir.empty() && backup.before_apply.empty()) return BeforeApply();
  if (skip) {
    return BeforeApply([&log](const std::vector<std::string>&) -> Result<std::string> {
      log.Warn(
          "--no-backup: the backup [backup] configures is skipped for this run; nothing "
          "will be recorded to restore from");
      return std::string();
    });
  }
  return BeforeApply(
      [&settings, &conn, &log](const std::vector<std::string>& pending) -> Result<std::string> {
        const std::string timestamp = BackupTimestamp(std::chrono::system_clock::now());
        std::string copy;
        if (!settings.backup.dir.empty()) {
          STRATA_ASSIGN_OR_RETURN(copy, CopyDatabase(conn, settings.backup.dir, timestamp, log));
          if (!copy.empty()) log.Info("backup: " + copy);
        }
        if (settings.backup.before_apply.empty()) return copy;
        STRATA_ASSIGN_OR_RETURN(Environment env,
                                HookEnvironment(settings.url, timestamp, pending, copy));
        STRATA_ASSIGN_OR_RETURN(std::string reference, RunHook(settings, env, log));
        if (!reference.empty()) log.Info("backup: " + reference);
        if (reference.empty()) reference = copy;
        if (reference.empty()) reference = "before_apply hook at " + timestamp;
        return reference;
      });
}

}  // namespace strata::cli
